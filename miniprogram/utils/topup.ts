import type { ApiFunctions } from '../api/client';

export type TopupOutcome =
  | { kind: 'paid'; outTradeNo: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string }
  | { kind: 'pending'; outTradeNo: string };

export interface PayerPort {
  /** wx.requestPayment in the cloud; the sandbox's confirm (after asking the developer) locally. */
  pay(order: {
    outTradeNo: string;
    amountFen: number;
    payment: { timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string };
  }): Promise<'ok' | 'cancel' | 'fail'>;
  sleep(ms: number): Promise<void>;
  now(): number;
}

/** Status polling after payment: quick at first, then slower, for up to 30 seconds. */
export const POLL_DELAYS_MS = [500, 1000, 1500, 2000, 3000, 4000, 5000, 6000, 7000];

/**
 * The whole top-up: create the order (the price comes from the server), pay, then poll the order —
 * the payment callback is not proof of payment; only the server's PAID is. Still unpaid after 30 s
 * means "pending": the server credits it when WeChat Pay's notification (or its own query) arrives.
 */
export async function runTopup(api: ApiFunctions, payer: PayerPort, packageId: string): Promise<TopupOutcome> {
  const created = await api['topup.create']({ packageId });
  if (!created.ok) return { kind: 'failed', message: created.message };
  const paid = await payer.pay(created.data);
  if (paid === 'cancel') return { kind: 'cancelled' };
  if (paid === 'fail') return { kind: 'failed', message: '支付没有完成' };
  const started = payer.now();
  for (const delay of POLL_DELAYS_MS) {
    await payer.sleep(delay);
    const status = await api['topup.status']({ outTradeNo: created.data.outTradeNo });
    if (status.ok && status.data.status === 'PAID') return { kind: 'paid', outTradeNo: created.data.outTradeNo };
    if (status.ok && status.data.status === 'CLOSED') return { kind: 'failed', message: '订单已关闭' };
    if (payer.now() - started >= 30_000) break;
  }
  return { kind: 'pending', outTradeNo: created.data.outTradeNo };
}
