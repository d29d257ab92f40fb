// Cloud function `payNotify`: WeChat Pay notifications through the HTTP access service.
import * as cloud from 'wx-server-sdk';
import { cloudDeps } from '../../shared/app/cloud';
import { ConfigError } from '../../shared/platform/config';
import { isHttpEvent, jsonResult, type HttpResult } from '../../shared/platform/http';
import { handlePaymentNotification } from './handle';

const deps = cloudDeps(cloud);

export async function main(event: unknown): Promise<HttpResult> {
  if (!isHttpEvent(event)) return jsonResult(400, { code: 'FAIL', message: 'not an HTTP request' });
  // Any status but 200/204 makes WeChat Pay deliver again later, so a misconfiguration loses nothing.
  if (deps instanceof ConfigError) return jsonResult(500, { code: 'FAIL', message: 'server misconfigured' });
  return handlePaymentNotification(event, deps);
}
