import { api } from '../../api/index';
import { appConfig } from '../../config';
import { runTopup, type PayerPort } from '../../utils/topup';
import { packagesView, statementView, TOPUP_MESSAGES, walletView } from './model';

/** The payer: WeChat Pay in the cloud; locally the sandbox plays it, after the developer confirms. */
const payer: PayerPort = {
  pay: (order) =>
    new Promise((resolve) => {
      if (appConfig.mode === 'cloud') {
        wx.requestPayment({
          ...order.payment,
          signType: order.payment.signType as 'RSA',
          success: () => resolve('ok'),
          fail: (err) => resolve(/cancel/.test(err.errMsg) ? 'cancel' : 'fail'),
        });
        return;
      }
      wx.showModal({
        title: '本地沙箱支付',
        content: `模拟微信支付 ${(order.amountFen / 100).toFixed(2)} 元`,
        confirmText: '支付',
        cancelText: '取消',
        success: (r) => {
          const outcome = r.confirm ? 'SUCCESS' : 'CANCEL';
          wx.request({
            url: `${appConfig.localUrl}/sandbox/wechatpay/confirm`,
            method: 'POST',
            data: { outTradeNo: order.outTradeNo, outcome },
            success: () => resolve(r.confirm ? 'ok' : 'cancel'),
            fail: () => resolve('fail'),
          });
        },
        fail: () => resolve('cancel'),
      });
    }),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  now: () => Date.now(),
};

Page({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    wallet: walletView({ balance: 0, held: 0, available: 0 }),
    packages: [] as ReturnType<typeof packagesView>,
    canTopup: true,
    paying: '',
    notice: '',
    entries: [] as ReturnType<typeof statementView>,
    cursor: null as string | null,
    loadingMore: false,
  },

  onLoad() {
    // Mini Programs may not sell virtual goods on iOS: no top-up entry there.
    const platform = wx.getSystemInfoSync().platform;
    this.setData({ canTopup: platform !== 'ios' });
  },

  onShow() {
    void this.load();
  },

  onPullDownRefresh() {
    void this.load().then(() => wx.stopPullDownRefresh());
  },

  async load() {
    const [w, p, s] = await Promise.all([api()['wallet.get']({}), api()['topup.packages']({}), api()['wallet.statement']({ limit: 20 })]);
    if (!w.ok || !p.ok || !s.ok) {
      const failed = [w, p, s].find((r) => !r.ok) as { message: string };
      this.setData({ state: 'error', errorText: failed.message });
      return;
    }
    this.setData({
      state: 'ready',
      wallet: walletView(w.data),
      packages: packagesView(p.data),
      entries: statementView(s.data.entries),
      cursor: s.data.nextCursor,
    });
  },

  async onReachBottom() {
    if (!this.data.cursor || this.data.loadingMore) return;
    this.setData({ loadingMore: true });
    const more = await api()['wallet.statement']({ limit: 20, cursor: this.data.cursor });
    if (more.ok) this.setData({ entries: [...this.data.entries, ...statementView(more.data.entries)], cursor: more.data.nextCursor });
    this.setData({ loadingMore: false });
  },

  async onTopup(e: WechatMiniprogram.TouchEvent) {
    const packageId = String(e.currentTarget.dataset.id);
    if (this.data.paying) return;
    this.setData({ paying: packageId, notice: '' });
    const outcome = await runTopup(api(), payer, packageId);
    this.setData({ paying: '' });
    if (outcome.kind === 'failed') this.setData({ notice: outcome.message });
    else this.setData({ notice: TOPUP_MESSAGES[outcome.kind] });
    if (outcome.kind === 'paid') wx.showToast({ title: '充值成功', icon: 'success' });
    await this.load();
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load();
  },
});
