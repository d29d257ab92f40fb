import { handleNotification } from '../../shared/payments/notify';
import type { Deps } from '../../shared/app/deps';
import { jsonResult, type HttpEvent, type HttpResult } from '../../shared/platform/http';

/** WeChat Pay's notify_url, through the HTTP access service. Misconfiguration answers 500, which WeChat Pay retries. */
export async function handlePaymentNotification(event: HttpEvent, deps: Deps): Promise<HttpResult> {
  if (deps.payments instanceof Error) {
    deps.log.error('pay_notify_unconfigured', { problem: deps.payments.message.slice(0, 200) });
    return jsonResult(500, { code: 'FAIL', message: 'payment channel not configured' });
  }
  if (event.httpMethod !== 'POST') return jsonResult(405, { code: 'FAIL', message: 'POST only' });
  return handleNotification(event, deps, deps.payments);
}
