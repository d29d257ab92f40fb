import { api } from '../../api/index';
import { formatBalance } from '../../utils/format';
import { runTopup } from '../../utils/topup';
import { canTopupOn } from '../wallet/model';
import { CLOSED_MESSAGE, needText, packagesView, parseNeed, refreshResult, screenOf, successScreen, type TopupScreen } from './model';
import { payer } from './payer';

type EventChannel = { emit(name: string, data: unknown): void };

/** Only the newest load may change the page (a slow, failed one must not replace a newer one). */
let loads = 0;

/**
 * 充值 (a page, not a tab): opened from the wallet, or from a conversation that ran short with
 * `wx.navigateTo({ url: '/pages/topup/index?need=<micro-yuan>', events: { toppedUp } })`. After a
 * paid top-up it emits `toppedUp` with `{ balance }` to its opener; opened from a conversation it
 * then goes straight back, so the conversation can retry the message.
 */
Page({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    canTopup: true,
    need: null as number | null,
    needText: '',
    balanceText: '',
    packages: [] as ReturnType<typeof packagesView>,
    screen: { kind: 'choose' } as TopupScreen,
  },

  onLoad(query: Record<string, string | undefined>) {
    const need = parseNeed(query.need);
    this.setData({ need, needText: needText(need), canTopup: canTopupOn(wx.getSystemInfoSync().platform) });
    void this.load();
  },

  async load() {
    const seq = ++loads;
    const [w, p] = await Promise.all([api()['wallet.get']({}), api()['topup.packages']({})]);
    if (seq !== loads) return;
    if (!w.ok || !p.ok) {
      if (this.data.state === 'ready') return;
      this.setData({ state: 'error', errorText: (!w.ok ? w : (p as { message: string })).message });
      return;
    }
    this.setData({ state: 'ready', balanceText: formatBalance(w.data.balance), packages: packagesView(p.data) });
  },

  async onPay(e: WechatMiniprogram.TouchEvent) {
    if (this.data.screen.kind === 'paying') return;
    const packageId = String(e.currentTarget.dataset.id);
    this.setData({ screen: { kind: 'paying', packageId } });
    const outcome = await runTopup(api(), payer, packageId);
    if (outcome.kind === 'paid') await this.paid();
    else this.setData({ screen: screenOf(outcome) });
  },

  /** The server says PAID: read the new balance, tell the opener, and go back if a conversation waits. */
  async paid() {
    const w = await api()['wallet.get']({});
    const balance = w.ok ? w.data.balance : null;
    this.setData({ screen: successScreen(balance) });
    if (balance !== null) this.opener()?.emit('toppedUp', { balance });
    if (this.data.need !== null) {
      wx.showToast({ title: '充值成功', icon: 'success' });
      wx.navigateBack({ delta: 1 });
    }
  },

  opener(): EventChannel | null {
    const self = this as unknown as { getOpenerEventChannel?: () => EventChannel | undefined };
    return typeof self.getOpenerEventChannel === 'function' ? (self.getOpenerEventChannel() ?? null) : null;
  },

  async onRefresh() {
    const screen = this.data.screen;
    if (screen.kind !== 'confirming' || screen.refreshing) return;
    this.setData({ screen: { ...screen, refreshing: true } });
    const res = await api()['topup.status']({ outTradeNo: screen.outTradeNo });
    if (!res.ok) {
      this.setData({ screen: { ...screen, refreshing: false } });
      wx.showToast({ title: res.message, icon: 'none' });
      return;
    }
    const result = refreshResult(res.data.status);
    if (result === 'paid') await this.paid();
    else if (result === 'closed') this.setData({ screen: { kind: 'failed', message: CLOSED_MESSAGE } });
    else {
      this.setData({ screen: { ...screen, refreshing: false } });
      wx.showToast({ title: '仍在确认中，请稍后再刷新', icon: 'none' });
    }
  },

  onCopyOrder() {
    const screen = this.data.screen;
    if (screen.kind === 'confirming') wx.setClipboardData({ data: screen.outTradeNo });
  },

  onChooseAgain() {
    this.setData({ screen: { kind: 'choose' } });
    void this.load();
  },

  onDone() {
    wx.navigateBack({ delta: 1 });
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load();
  },
});
