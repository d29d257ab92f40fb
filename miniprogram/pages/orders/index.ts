import { api } from '../../api/index';
import { orderRows, type OrderRow } from './model';
/** Only the newest load may change the page (a slow, failed one must not replace a newer one). */
let loads = 0;

/** 充值订单: the user's top-ups with number, amount, bonus, status and refunds; newest first. */
Page({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    orders: [] as OrderRow[],
    cursor: null as string | null,
    more: 'idle' as 'idle' | 'loading' | 'error',
  },

  onShow() {
    void this.load();
  },

  onPullDownRefresh() {
    void this.load().then(() => wx.stopPullDownRefresh());
  },

  async load() {
    const seq = ++loads;
    const res = await api()['orders.list']({});
    if (seq !== loads) return;
    if (!res.ok) {
      if (this.data.state !== 'ready') this.setData({ state: 'error', errorText: res.message });
      return;
    }
    this.setData({ state: 'ready', orders: orderRows(res.data.orders), cursor: res.data.nextCursor, more: 'idle' });
  },

  async onReachBottom() {
    if (!this.data.cursor || this.data.more === 'loading') return;
    this.setData({ more: 'loading' });
    const res = await api()['orders.list']({ cursor: this.data.cursor });
    if (!res.ok) {
      this.setData({ more: 'error' });
      return;
    }
    this.setData({ orders: [...this.data.orders, ...orderRows(res.data.orders)], cursor: res.data.nextCursor, more: 'idle' });
  },

  onCopy(e: WechatMiniprogram.TouchEvent) {
    wx.setClipboardData({ data: String(e.currentTarget.dataset.id) });
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load();
  },
});
