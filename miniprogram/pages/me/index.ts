import { api } from '../../api/index';

/** 我的 tab: who you are and where your orders and privacy settings are. */
Page({
  data: { state: 'loading' as 'loading' | 'ready' | 'error', errorText: '', openidTail: '', isAdmin: false },

  onShow() {
    void this.load();
  },

  async load() {
    const res = await api()['session.get']({});
    if (!res.ok) {
      this.setData({ state: 'error', errorText: res.message });
      return;
    }
    this.setData({ state: 'ready', openidTail: res.data.openid.slice(-6), isAdmin: res.data.isAdmin });
  },

  onOrders() {
    wx.navigateTo({ url: '/pages/orders/index' });
  },

  onPrivacy() {
    wx.navigateTo({ url: '/pages/privacy/index' });
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load();
  },
});
