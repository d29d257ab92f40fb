import type { OrderView } from '../contracts/payments';
import type { OrderDoc, RefundDoc } from './documents';

const iso = (d: Date | undefined) => (d ? new Date(d).toISOString() : undefined);

export function orderView(order: OrderDoc, refunds: RefundDoc[]): OrderView {
  return {
    outTradeNo: order._id,
    title: order.title,
    amountFen: order.amountFen,
    bonusFen: order.bonusFen,
    status: order.status,
    channel: order.channel,
    refundedFen: order.refundedFen,
    createdAt: iso(order.createdAt)!,
    ...(order.paidAt ? { paidAt: iso(order.paidAt) } : {}),
    refunds: refunds.map((r) => ({
      outRefundNo: r._id,
      amountFen: r.amountFen,
      status: r.status,
      reason: r.reason,
      createdAt: iso(r.createdAt)!,
      ...(r.finishedAt ? { finishedAt: iso(r.finishedAt) } : {}),
    })),
  };
}
