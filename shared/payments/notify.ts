import type { PaymentsDeps } from './deps';
import { rawBody, type HttpEvent, type HttpResult } from '../platform/http';
import { isAppError } from '../platform/errors';
import { applyPayment, PaymentMismatch } from './mark-paid';
import { v2FailReply, V2_SUCCESS_REPLY } from './channels/v2';
import { applyRefundOutcome } from './refunds';
import { NotificationRejected, type VerifiedNotification } from './types';
import type { Payments } from './runtime';

type Format = 'v3' | 'v2';

function reply(format: Format, status: number, message?: string): HttpResult {
  if (format === 'v2') {
    // v2 retries anything but a SUCCESS body; the status only helps logs and proxies.
    return {
      statusCode: status,
      headers: { 'content-type': 'text/xml' },
      body: status < 300 ? V2_SUCCESS_REPLY : v2FailReply(message ?? 'FAIL'),
    };
  }
  if (status === 204) return { statusCode: 204, headers: {}, body: '' };
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'FAIL', message: message ?? 'FAIL' }),
  };
}

/**
 * One WeChat Pay notification, v3 JSON or v2 XML. Order of work: verify → decrypt → match our order
 * → in one transaction mark it and move the money → only then answer success. A verification failure
 * answers 401, a verified message that does not match our order 400 (a security event, nothing
 * credited), a database failure 500 — all of which WeChat Pay retries. Duplicates answer success.
 */
export async function handleNotification(event: HttpEvent, deps: PaymentsDeps, payments: Payments): Promise<HttpResult> {
  const body = rawBody(event);
  const headers = event.headers ?? {};
  const format: Format =
    headers['wechatpay-signature'] !== undefined || headers['wechatpay-serial'] !== undefined
      ? 'v3'
      : body.subarray(0, 64).toString('utf8').trimStart().startsWith('<')
        ? 'v2'
        : 'v3';

  let note: VerifiedNotification;
  try {
    if (format === 'v3') {
      if (!payments.v3) throw new NotificationRejected('v3 notifications are not configured');
      note = payments.v3.parseNotification(headers, body, deps.clock.now());
    } else {
      if (!payments.v2) throw new NotificationRejected('v2 notifications are not configured');
      note = payments.v2.parseNotification(body);
    }
  } catch (error) {
    if (error instanceof NotificationRejected) {
      deps.log.warn('notification_rejected', { format, reason: error.reason });
      return reply(format, error.status, error.reason);
    }
    throw error;
  }

  try {
    if (note.kind === 'payment') {
      const { credited } = await applyPayment(deps, payments, note.facts);
      deps.log.info('payment_notification', { format, credited });
    } else {
      if (note.facts.mchid !== undefined && note.facts.mchid !== payments.config.mchid) throw new PaymentMismatch('mchid');
      const outcome = await applyRefundOutcome(deps, note.facts);
      deps.log.info('refund_notification', { format, outcome });
    }
    return reply(format, format === 'v3' ? 204 : 200);
  } catch (error) {
    if (error instanceof PaymentMismatch || (isAppError(error) && (error.code === 'NOT_FOUND' || error.code === 'INVALID_INPUT'))) {
      deps.log.warn('security_event', {
        kind: 'notification_mismatch',
        format,
        field: error instanceof PaymentMismatch ? error.field : error.message.slice(0, 80),
      });
      return reply(format, 400, 'does not match our records');
    }
    deps.log.error('notification_failed', { format, error: error instanceof Error ? error.name : 'unknown' });
    return reply(format, 500, 'temporary failure, please retry');
  }
}
