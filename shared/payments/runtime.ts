import type { Clock } from '../platform/clock';
import type { HttpClient } from '../platform/http-client';
import type { IdSource } from '../platform/ids';
import { createCloudPayChannel, type CloudPayApi } from './channels/cloudpay';
import { createV2Channel, type V2Channel } from './channels/v2';
import { createV3Channel, type V3Channel } from './channels/v3';
import { PaymentsConfigError, type PaymentsConfig } from './config';
import type { ChannelName, PaymentChannel } from './types';

/**
 * The payment channels of one function instance: the one new orders use, and every configured
 * channel for notifications and queries (an order is always followed up through the channel that
 * created it, even after WECHATPAY_CHANNEL changes).
 */
export interface Payments {
  config: PaymentsConfig;
  active: PaymentChannel;
  channel(name: ChannelName): PaymentChannel | undefined;
  v3?: V3Channel;
  v2?: V2Channel;
}

export function createPayments(
  config: PaymentsConfig,
  io: { http: HttpClient; clock: Clock; ids: IdSource; cloudPay?: CloudPayApi },
): Payments {
  const v3 = config.v3 ? createV3Channel(config, config.v3, io.http, io.clock, io.ids) : undefined;
  const v2 = config.v2 ? createV2Channel(config, config.v2.key, io.http, io.clock, io.ids) : undefined;
  const cloudpay = config.cloudpay && io.cloudPay ? createCloudPayChannel(config, io.cloudPay, () => io.ids.token(16)) : undefined;
  const byName: Partial<Record<ChannelName, PaymentChannel>> = { v3, v2, cloudpay };
  const active = byName[config.channel];
  if (!active) throw new PaymentsConfigError([`WECHATPAY_CHANNEL=${config.channel} is not configured`]);
  return { config, active, channel: (name) => byName[name], v3, v2 };
}
