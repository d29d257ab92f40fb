import type { Deps } from '../../shared/platform/context';
import { jsonResult, type HttpEvent, type HttpResult } from '../../shared/platform/http';

/**
 * Verifies and applies one WeChat Pay notification. No payment channel exists yet (the Payments
 * issue adds v3 and v2): until then every notification is refused with 503, which WeChat Pay
 * retries for about 24 hours — refusing is safe, answering success without crediting would not be.
 */
export async function handlePaymentNotification(event: HttpEvent, deps: Deps): Promise<HttpResult> {
  deps.log.warn('pay_notify_refused', { reason: 'no_channel', method: event.httpMethod });
  return jsonResult(503, { code: 'FAIL', message: 'payment channel not configured' });
}
