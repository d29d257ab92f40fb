import type { OrderStatus, OrderView } from '../contracts/payments';
import type { PaymentsDeps } from './deps';
import { fetchAll, getDoc } from '../platform/database';
import { keysetWhere, nextCursor } from '../platform/keyset';
import { AppError } from '../platform/errors';
import { fenToMicro } from '../money/amount';
import { applyPayment, requirePayments } from './mark-paid';
import { ORDERS, REFUNDS, type OrderDoc, type RefundDoc } from './documents';
import { loadPackages } from './packages';
import { ChannelError, type PaymentParams } from './types';
import { orderView } from './views';

/** How long an order can be paid. WeChat Pay keeps a prepay_id for 2 hours; we ask for less. */
export const ORDER_TTL_MS = 30 * 60_000;
const PAGE = 20;

/** `Q` + UTC date + 20 random hex digits: 29 characters, unguessable, sortable by day. */
export function newOutTradeNo(deps: PaymentsDeps): string {
  const day = deps.clock.now().toISOString().slice(0, 10).replace(/-/g, '');
  return `Q${day}${deps.ids.token(10)}`;
}

export async function createTopup(
  deps: PaymentsDeps,
  openid: string,
  packageId: string,
): Promise<{ outTradeNo: string; amountFen: number; expiresAt: string; payment: PaymentParams }> {
  const payments = requirePayments(deps);
  const pkg = (await loadPackages(deps)).find((p) => p.id === packageId);
  if (!pkg) throw new AppError('NOT_FOUND', '没有这个充值套餐');
  const now = deps.clock.now();
  const order: OrderDoc = {
    _id: newOutTradeNo(deps),
    openid,
    packageId: pkg.id,
    title: pkg.title,
    amountFen: pkg.amountFen,
    bonusFen: pkg.bonusFen ?? 0,
    creditMicro: fenToMicro(pkg.amountFen + (pkg.bonusFen ?? 0)),
    channel: payments.active.name,
    appid: payments.config.appid,
    mchid: payments.active.name === 'cloudpay' ? (payments.config.cloudpay?.subMchId ?? '') : payments.config.mchid,
    status: 'CREATED',
    expiresAt: new Date(now.getTime() + ORDER_TTL_MS),
    refundedFen: 0,
    refundingFen: 0,
    createdAt: now,
    updatedAt: now,
  };
  // The order exists before WeChat Pay hears of it, so every payment can be matched to it.
  const { _id: outTradeNo, ...fields } = order;
  await deps.db.collection(ORDERS).doc(outTradeNo).set({ data: fields });
  let prepay;
  try {
    prepay = await payments.active.prepay({
      outTradeNo: order._id,
      description: `桥 ${pkg.title}`,
      amountFen: order.amountFen,
      payerOpenid: openid,
      expiresAt: order.expiresAt,
    });
  } catch (error) {
    // The order stays CREATED; the timer closes it at WeChat Pay and here when it expires.
    deps.log.warn('prepay_failed', { channel: order.channel, error: error instanceof Error ? error.message.slice(0, 160) : 'unknown' });
    throw new AppError(
      'PAYMENT_UNAVAILABLE',
      '微信支付暂时不可用，请稍后再试',
      error instanceof ChannelError ? { retryable: error.retryable } : undefined,
    );
  }
  await deps.db
    .collection(ORDERS)
    .doc(order._id)
    .update({ data: { prepayId: prepay.prepayId, payment: prepay.payment, updatedAt: deps.clock.now() } });
  return { outTradeNo: order._id, amountFen: order.amountFen, expiresAt: order.expiresAt.toISOString(), payment: prepay.payment };
}

async function ownOrder(deps: PaymentsDeps, openid: string, outTradeNo: string): Promise<OrderDoc> {
  const order = await getDoc<OrderDoc>(deps.db, ORDERS, outTradeNo);
  // Someone else's order looks exactly like no order.
  if (!order || order.openid !== openid) throw new AppError('NOT_FOUND', '找不到这笔订单');
  return order;
}

/**
 * Asks WeChat Pay about a still-unpaid order and applies what it learns: the path that makes a lost
 * notification cost nothing. Query failures leave the order as it is.
 */
export async function syncOrder(deps: PaymentsDeps, order: OrderDoc): Promise<OrderDoc> {
  if (order.status !== 'CREATED') return order;
  const payments = requirePayments(deps);
  const channel = payments.channel(order.channel);
  if (!channel) return order;
  let facts;
  try {
    facts = await channel.query(order._id);
  } catch (error) {
    deps.log.warn('order_query_failed', {
      channel: order.channel,
      error: error instanceof Error ? error.message.slice(0, 160) : 'unknown',
    });
    return order;
  }
  if (facts.tradeState === 'SUCCESS') return (await applyPayment(deps, payments, facts)).order;
  return order;
}

export async function topupStatus(
  deps: PaymentsDeps,
  openid: string,
  outTradeNo: string,
): Promise<{ status: OrderStatus; amountFen: number; paidAt?: string }> {
  let order = await ownOrder(deps, openid, outTradeNo);
  if (order.status === 'CREATED') order = await syncOrder(deps, order);
  return { status: order.status, amountFen: order.amountFen, ...(order.paidAt ? { paidAt: new Date(order.paidAt).toISOString() } : {}) };
}

async function refundsOf(deps: PaymentsDeps, outTradeNos: string[]): Promise<Map<string, RefundDoc[]>> {
  const byOrder = new Map<string, RefundDoc[]>();
  if (outTradeNos.length === 0) return byOrder;
  const _ = deps.db.command;
  const refunds = await fetchAll<RefundDoc>(
    deps.db
      .collection(REFUNDS)
      .where({ outTradeNo: _.in(outTradeNos) })
      .orderBy('createdAt', 'asc')
      .limit(1000),
  );
  for (const r of refunds) byOrder.set(r.outTradeNo, [...(byOrder.get(r.outTradeNo) ?? []), r]);
  return byOrder;
}

/** Newest first; the cursor is the createdAt (ms) and _id of the last order shown. */
export async function listOrders(
  deps: PaymentsDeps,
  filter: { openid?: string; status?: OrderStatus },
  cursor: string | undefined,
): Promise<{ orders: Array<OrderView & { openid: string; transactionId?: string }>; nextCursor: string | null }> {
  const _ = deps.db.command;
  const where: Record<string, unknown> = {};
  if (filter.openid) where.openid = filter.openid;
  if (filter.status) where.status = filter.status;
  const query = keysetWhere(_, where, 'createdAt', cursor);
  const docs = await fetchAll<OrderDoc>(
    deps.db.collection(ORDERS).where(query).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(PAGE),
  );
  const refunds = await refundsOf(
    deps,
    docs.map((d) => d._id),
  );
  return {
    orders: docs.map((d) => ({
      ...orderView(d, refunds.get(d._id) ?? []),
      openid: d.openid,
      ...(d.transactionId ? { transactionId: d.transactionId } : {}),
    })),
    nextCursor: nextCursor(docs, 'createdAt', PAGE),
  };
}
