import { api } from '../../api/index';
import { canTopupOn, statementGroups, walletView, type StatementEntry, type StatementGroup } from './model';

const PAGE_SIZE = 20;
/** Everything loaded so far, newest first (not page data: the page renders the groups). */
let loaded: StatementEntry[] = [];
/** Only the newest load may change the page (a slow, failed one must not replace a newer one). */
let loads = 0;

/** 钱包 tab: the balance (and what a running chat holds), top-up, and the statement by day. */
Page({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    wallet: walletView({ balance: 0, held: 0, available: 0 }),
    canTopup: true,
    groups: [] as StatementGroup[],
    cursor: null as string | null,
    more: 'idle' as 'idle' | 'loading' | 'error',
  },

  onLoad() {
    this.setData({ canTopup: canTopupOn(wx.getSystemInfoSync().platform) });
  },

  onShow() {
    void this.load();
  },

  onPullDownRefresh() {
    void this.load().then(() => wx.stopPullDownRefresh());
  },

  async load() {
    const seq = ++loads;
    const [w, s] = await Promise.all([api()['wallet.get']({}), api()['wallet.statement']({ limit: PAGE_SIZE })]);
    if (seq !== loads) return;
    if (!w.ok || !s.ok) {
      // Already showing a wallet: keep it (a failed refresh on return from top-up is not a broken page).
      if (this.data.state !== 'ready') this.setData({ state: 'error', errorText: (!w.ok ? w : (s as { message: string })).message });
      return;
    }
    loaded = s.data.entries;
    this.setData({
      state: 'ready',
      wallet: walletView(w.data),
      groups: statementGroups(loaded),
      cursor: s.data.nextCursor,
      more: 'idle',
    });
  },

  async onReachBottom() {
    if (!this.data.cursor || this.data.more === 'loading') return;
    this.setData({ more: 'loading' });
    const res = await api()['wallet.statement']({ limit: PAGE_SIZE, cursor: this.data.cursor });
    if (!res.ok) {
      this.setData({ more: 'error' });
      return;
    }
    loaded = [...loaded, ...res.data.entries];
    this.setData({ groups: statementGroups(loaded), cursor: res.data.nextCursor, more: 'idle' });
  },

  onTopup() {
    wx.navigateTo({ url: '/pages/topup/index' });
  },

  onOrders() {
    wx.navigateTo({ url: '/pages/orders/index' });
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load();
  },
});
