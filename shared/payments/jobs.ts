import type { PaymentsDeps } from './deps';
import { fetchAll, inTransaction } from '../platform/database';
import { requirePayments } from './mark-paid';
import { ORDERS, REFUNDS, type OrderDoc, type RefundDoc } from './documents';
import { applyRefundOutcome, sendRefund } from './refunds';
import { syncOrder } from './topup';

const BATCH = 100;
const QUERY_AFTER_MS = 60_000;

/**
 * Orders still CREATED: older than a minute → ask WeChat Pay (a lost notification); past their expiry
 * → ask once more (it may have been paid at the last second), then close at WeChat Pay first and
 * only then here, so an order is never closed locally while it can still be paid.
 */
export async function syncOpenOrders(deps: PaymentsDeps): Promise<string> {
  const payments = requirePayments(deps);
  const _ = deps.db.command;
  const now = deps.clock.now();
  const due = await fetchAll<OrderDoc>(
    deps.db
      .collection(ORDERS)
      .where({ status: 'CREATED', createdAt: _.lte(new Date(now.getTime() - QUERY_AFTER_MS)) })
      .orderBy('createdAt', 'asc')
      .limit(BATCH),
  );
  let paid = 0;
  let closed = 0;
  for (const order of due) {
    const synced = await syncOrder(deps, order);
    if (synced.status !== 'CREATED') {
      paid += synced.status === 'PAID' ? 1 : 0;
      continue;
    }
    if (new Date(order.expiresAt).getTime() > now.getTime()) continue;
    const channel = payments.channel(order.channel);
    try {
      if (order.prepayId && channel) await channel.close(order._id);
    } catch (error) {
      deps.log.warn('order_close_failed', {
        channel: order.channel,
        error: error instanceof Error ? error.message.slice(0, 120) : 'unknown',
      });
      continue;
    }
    await inTransaction(deps.db, async (tx) => {
      const current = await tx.get<OrderDoc>(ORDERS, order._id);
      if (current?.status === 'CREATED') await tx.update(ORDERS, order._id, { status: 'CLOSED', closedAt: now, updatedAt: now });
    });
    closed += 1;
  }
  return `checked ${due.length}, paid ${paid}, closed ${closed}`;
}

/** Refunds still PROCESSING: ask WeChat Pay; one it never received is sent again with the same number. */
export async function pollRefunds(deps: PaymentsDeps): Promise<string> {
  const payments = requirePayments(deps);
  const refunds = await fetchAll<RefundDoc>(
    deps.db.collection(REFUNDS).where({ status: 'PROCESSING' }).orderBy('createdAt', 'asc').limit(BATCH),
  );
  let finished = 0;
  for (const refund of refunds) {
    const channel = payments.channel(refund.channel);
    if (!channel) continue;
    try {
      const facts = await channel.queryRefund(refund._id, refund.outTradeNo);
      if (facts.status === 'NOT_FOUND') await sendRefund(deps, refund);
      else if ((await applyRefundOutcome(deps, { ...facts, outRefundNo: refund._id })) !== 'unchanged') finished += 1;
    } catch (error) {
      deps.log.warn('refund_poll_failed', {
        channel: refund.channel,
        error: error instanceof Error ? error.message.slice(0, 120) : 'unknown',
      });
    }
  }
  return `checked ${refunds.length}, finished ${finished}`;
}

const unlessUnconfigured = (job: (deps: PaymentsDeps) => Promise<string>) => async (deps: PaymentsDeps) =>
  deps.payments instanceof Error ? `skipped: ${deps.payments.message.slice(0, 120)}` : job(deps);

export const paymentCronJobs = [
  { name: 'sync-open-orders', run: unlessUnconfigured(syncOpenOrders) },
  { name: 'poll-refunds', run: unlessUnconfigured(pollRefunds) },
];
