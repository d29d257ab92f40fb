import { api } from '../../api/index';
import { formatFen, formatTime } from '../../utils/format';

const STATUS: Record<string, string> = { CREATED: '待支付', PAID: '已支付', PARTIALLY_REFUNDED: '部分退款', REFUNDED: '已退款', CLOSED: '已关闭' };
const REFUND: Record<string, string> = { PROCESSING: '退款中', SUCCESS: '已退款', FAILED: '退款失败' };

type OrderItem = { id: string; title: string; amountText: string; statusText: string; time: string; refunds: Array<{ id: string; text: string }> };

function itemsOf(orders: Array<{ outTradeNo: string; title: string; amountFen: number; bonusFen: number; status: string; createdAt: string; refunds: Array<{ outRefundNo: string; amountFen: number; status: string }> }>): OrderItem[] {
  return orders.map((o) => ({
    id: o.outTradeNo,
    title: o.title,
    amountText: formatFen(o.amountFen),
    statusText: STATUS[o.status] ?? o.status,
    time: formatTime(o.createdAt),
    refunds: o.refunds.map((r) => ({ id: r.outRefundNo, text: `${REFUND[r.status] ?? r.status} ${formatFen(r.amountFen)}` })),
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
