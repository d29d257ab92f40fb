import type * as WxServerSdk from 'wx-server-sdk';
import { systemClock } from '../platform/clock';
import { ConfigError, loadConfig } from '../platform/config';
import type { Deps } from './deps';
import { DATABASE_OPTIONS } from '../platform/database';
import { randomIds } from '../platform/ids';
import { consoleSink, createLogger } from '../platform/logger';
import { nodeHttpClient } from '../platform/http-client';
import type { CloudPayApi } from '../payments/channels/cloudpay';
import { loadPaymentsConfig, PaymentsConfigError } from '../payments/config';
import { createPayments, type Payments } from '../payments/runtime';
import { CircuitBreaker } from '../llm/circuit-breaker';
import { providersFromEnv } from '../llm/config';
import { nodeHttpStreamer } from '../platform/http-stream';

type Cloud = typeof WxServerSdk;

/**
 * The production wiring of a cloud function: CloudBase database, system clock, random ids, config
 * from the function's environment variables. Built once per cold start. A configuration error is
 * kept (not thrown) so that every call answers CONFIG_INVALID naming the setting, instead of crashing.
 */
export function cloudDeps(cloud: Cloud): Deps | ConfigError {
  // The typings say env is a string; DYNAMIC_CURRENT_ENV (a symbol) means "the env this function runs in".
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  const log = createLogger(consoleSink);
  try {
    const config = loadConfig(process.env);
    let payments: Payments | PaymentsConfigError;
    try {
      // wx-server-sdk's typings leave cloudPay out; CloudPayApi declares the calls we use.
      const cloudPay = (cloud as unknown as { cloudPay?: CloudPayApi }).cloudPay;
      payments = createPayments(loadPaymentsConfig(process.env), { http: nodeHttpClient, clock: systemClock, ids: randomIds, cloudPay });
    } catch (error) {
      if (!(error instanceof PaymentsConfigError)) throw error;
      log.error('payments_config_invalid', { problems: error.problems.join('; ') });
      payments = error;
    }
    const llm = { providers: providersFromEnv(process.env, nodeHttpStreamer), breaker: new CircuitBreaker() };
    return { db: cloud.database(DATABASE_OPTIONS as object), clock: systemClock, ids: randomIds, config, log, payments, llm };
  } catch (error) {
    if (error instanceof ConfigError) {
      log.error('config_invalid', { problems: error.problems.join('; ') });
      return error;
    }
    throw error;
  }
}

/** The caller's openid from the platform context; empty when the function was not called by a user. */
export function callerOpenid(cloud: Cloud): string | undefined {
  const context = cloud.getWXContext() as { OPENID?: string };
  return context.OPENID || undefined;
}
