import { ORDER_STATUS_LABELS, REFUND_STATUS_LABELS, type ApiContracts, type OutputOf } from '../../generated/shared';
import { formatRelative } from '../../utils/dates';
import { formatFen } from '../../utils/format';

type Order = OutputOf<ApiContracts['orders.list']>['orders'][number];
type OrderStatus = Order['status'];
type RefundStatus = Order['refunds'][number]['status'];

/** Status colours, as design tokens name them: paid green, pending amber, refunded/closed grey, failed red. */
export type StatusTone = 'success' | 'warning' | 'muted' | 'danger';

export const ORDER_TONES: Record<OrderStatus, StatusTone> = {
  PAID: 'success',
  CREATED: 'warning',
  PARTIALLY_REFUNDED: 'muted',
  REFUNDED: 'muted',
  CLOSED: 'muted',
};
export const REFUND_TONES: Record<RefundStatus, StatusTone> = { PROCESSING: 'warning', SUCCESS: 'muted', FAILED: 'danger' };

export interface OrderRow {
  id: string;
  title: string;
  amountText: string;
  bonusText: string;
  statusText: string;
  tone: StatusTone;
  timeText: string;
  refunds: Array<{ id: string; text: string; statusText: string; tone: StatusTone; timeText: string }>;
}

/** One order as the orders page shows it: number (copyable), amount, bonus, status, refunds under it. */
export function orderRow(o: Order, now: Date = new Date()): OrderRow {
  return {
    id: o.outTradeNo,
    title: o.title,
    amountText: formatFen(o.amountFen),
    bonusText: o.bonusFen > 0 ? `赠送 ${formatFen(o.bonusFen)}` : '',
    statusText: ORDER_STATUS_LABELS[o.status] ?? o.status,
    tone: ORDER_TONES[o.status] ?? 'muted',
    timeText: formatRelative(o.paidAt ?? o.createdAt, now),
    refunds: o.refunds.map((r) => ({
      id: r.outRefundNo,
      text: `退款 ${formatFen(r.amountFen)}`,
      statusText: REFUND_STATUS_LABELS[r.status] ?? r.status,
      tone: REFUND_TONES[r.status] ?? 'muted',
      timeText: formatRelative(r.finishedAt ?? r.createdAt, now),
    })),
  };
}

export function orderRows(orders: Order[], now: Date = new Date()): OrderRow[] {
  return orders.map((o) => orderRow(o, now));
}
