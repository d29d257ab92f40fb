import type { PaymentsDeps } from './deps';
import { getDoc, inTransaction } from '../platform/database';
import { creditTx } from '../wallet/operations';
import { ORDERS, type OrderDoc } from './documents';
import type { Payments } from './runtime';
import type { TransactionFacts } from './types';
import { isPaidTradeState } from './wechatpay-states';

export function requirePayments(deps: PaymentsDeps): Payments {
  // Answered as CONFIG_INVALID, like every configuration problem.
  if (deps.payments instanceof Error) throw deps.payments;
  return deps.payments;
}

/** A verified message that does not match our order: never credited, logged as a security event. */
export class PaymentMismatch extends Error {
  constructor(readonly field: string) {
    super(`payment does not match our order: ${field}`);
    this.name = 'PaymentMismatch';
  }
}

/** Compares what WeChat Pay says was paid with what we asked for, field by field. */
export function mismatchOf(order: OrderDoc | null, facts: TransactionFacts, payments: Payments): string | null {
  if (!order) return 'out_trade_no (unknown order)';
  if (facts.channel !== order.channel) return 'channel';
  if (!isPaidTradeState(facts.tradeState)) return 'trade_state';
  if (facts.amountFen !== order.amountFen) return 'amount';
  if ((facts.currency ?? 'CNY') !== 'CNY') return 'currency';
  if (order.channel !== 'cloudpay') {
    if (facts.appid !== order.appid || facts.appid !== payments.config.appid) return 'appid';
    if (facts.mchid !== order.mchid || facts.mchid !== payments.config.mchid) return 'mchid';
  } else if (facts.mchid !== undefined && facts.mchid !== payments.config.cloudpay?.subMchId) {
    return 'sub_mch_id';
  }
  if (facts.payerOpenid !== undefined && facts.payerOpenid !== order.openid) return 'payer';
  return null;
}

/**
 * Applies a verified successful payment: the order becomes PAID and the wallet is credited in ONE
 * transaction, or nothing happens. A duplicate (notification retry, concurrent copies, a query after
 * the notification) finds the order already paid and changes nothing. Returns whether it credited.
 */
export async function applyPayment(
  deps: PaymentsDeps,
  payments: Payments,
  facts: TransactionFacts,
): Promise<{ credited: boolean; order: OrderDoc }> {
  const known = await getDoc<OrderDoc>(deps.db, ORDERS, facts.outTradeNo);
  const mismatch = mismatchOf(known, facts, payments);
  if (mismatch) throw new PaymentMismatch(mismatch);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const order = (await tx.get<OrderDoc>(ORDERS, facts.outTradeNo))!;
    if (order.status !== 'CREATED' && order.status !== 'CLOSED') return { credited: false, order };
    if (order.status === 'CLOSED') {
      // We closed it, yet WeChat Pay took the money (the close raced the payment): the money is real.
      deps.log.warn('paid_after_close', { channel: order.channel });
    }
    const paid: Partial<OrderDoc> = {
      status: 'PAID',
      transactionId: facts.transactionId ?? '',
      payerOpenid: facts.payerOpenid ?? order.openid,
      paidAt: now,
      updatedAt: now,
    };
    await tx.update(ORDERS, order._id, paid);
    await creditTx(tx, { openid: order.openid, amount: order.creditMicro, outTradeNo: order._id }, now);
    return { credited: true, order: { ...order, ...paid } };
  });
}
