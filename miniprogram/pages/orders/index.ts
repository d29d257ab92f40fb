import { api } from '../../api/index';
import { formatFen, formatTime } from '../../utils/format';

import { ORDER_STATUS_LABELS, REFUND_STATUS_LABELS } from '../../generated/shared';

type OrderItem = {
  id: string;
  title: string;
  amountText: string;
  statusText: string;
  time: string;
  refunds: Array<{ id: string; text: string }>;
};

function itemsOf(
  orders: Array<{
    outTradeNo: string;
    title: string;
    amountFen: number;
    bonusFen: number;
    status: keyof typeof ORDER_STATUS_LABELS;
    createdAt: string;
    refunds: Array<{ outRefundNo: string; amountFen: number; status: keyof typeof REFUND_STATUS_LABELS }>;
  }>,
): OrderItem[] {
  return orders.map((o) => ({
    id: o.outTradeNo,
    title: o.title,
    amountText: formatFen(o.amountFen),
    statusText: ORDER_STATUS_LABELS[o.status] ?? o.status,
    time: formatTime(o.createdAt),
    refunds: o.refunds.map((r) => ({ id: r.outRefundNo, text: `${REFUND_STATUS_LABELS[r.status] ?? r.status} ${formatFen(r.amountFen)}` })),
  }));
}

/** 订单: the user's top-ups with status, amount, time and refunds. */
Page({
  data: { state: 'loading' as 'loading' | 'ready' | 'error', errorText: '', orders: [] as OrderItem[], cursor: null as string | null },

  onShow() {
    void this.load();
  },

  async load() {
    const res = await api()['orders.list']({});
    if (!res.ok) {
      this.setData({ state: 'error', errorText: res.message });
      return;
    }
    this.setData({ state: 'ready', orders: itemsOf(res.data.orders), cursor: res.data.nextCursor });
  },

  async onReachBottom() {
    if (!this.data.cursor) return;
    const res = await api()['orders.list']({ cursor: this.data.cursor });
    if (res.ok) this.setData({ orders: [...this.data.orders, ...itemsOf(res.data.orders)], cursor: res.data.nextCursor });
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load();
  },
});
