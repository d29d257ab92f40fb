import type { PaymentsDeps } from './deps';
import { applyPayment, PaymentMismatch } from './mark-paid';
import { applyRefundOutcome } from './refunds';

export interface CloudPayCallbackReply {
  errcode: number;
  errmsg: string;
}

/**
 * The function cloudPay calls after a payment or refund. Any client could call it too, so the event
 * is only a hint: the outcome is always taken from `queryOrder` / `queryRefund` and compared with our
 * order. `errcode: 0` is answered once the result is durably written (or there is nothing to do);
 * anything else makes cloudPay deliver again.
 */
export async function handleCloudPayCallback(event: unknown, deps: PaymentsDeps): Promise<CloudPayCallbackReply> {
  if (deps.payments instanceof Error) return { errcode: 1, errmsg: 'payment channel not configured' };
  const payments = deps.payments;
  const channel = payments.channel('cloudpay');
  if (!channel) return { errcode: 1, errmsg: 'cloudPay is not configured' };
  const hint = (event ?? {}) as { outTradeNo?: unknown; outRefundNo?: unknown };
  if (typeof hint.outTradeNo !== 'string' || !/^[0-9A-Za-z_-]{6,32}$/.test(hint.outTradeNo)) return { errcode: 0, errmsg: 'ignored' };
  try {
    if (typeof hint.outRefundNo === 'string' && hint.outRefundNo) {
      const facts = await channel.queryRefund(hint.outRefundNo, hint.outTradeNo);
      await applyRefundOutcome(deps, facts);
      return { errcode: 0, errmsg: 'OK' };
    }
    const facts = await channel.query(hint.outTradeNo);
    if (facts.tradeState !== 'SUCCESS') return { errcode: 0, errmsg: 'not paid' };
    await applyPayment(deps, payments, facts);
    return { errcode: 0, errmsg: 'OK' };
  } catch (error) {
    if (error instanceof PaymentMismatch) {
      deps.log.warn('security_event', { kind: 'cloudpay_mismatch', field: error.field });
      return { errcode: 0, errmsg: 'does not match our records' };
    }
    deps.log.error('cloudpay_callback_failed', { error: error instanceof Error ? error.name : 'unknown' });
    return { errcode: 1, errmsg: 'temporary failure' };
  }
}
