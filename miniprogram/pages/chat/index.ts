import { api } from '../../api/index';
import { conversationRows, type ConversationRow } from './model';
import { ensureChatConsent, takeAutoConsentPrompt } from '../../utils/consent-gate';
/** Only the newest load may change the page (a slow, failed one must not replace a newer one). */
let loads = 0;

/** 对话 tab: the user's conversations, newest first. First launch goes to the consent page. */
Page({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    conversations: [] as ConversationRow[],
    cursor: null as string | null,
    more: 'idle' as 'idle' | 'loading' | 'error',
    crossBorder: true,
  },

  onShow() {
    void this.load();
  },

  onPullDownRefresh() {
    void this.load().then(() => wx.stopPullDownRefresh());
  },

  async load() {
    const seq = ++loads;
    const consent = await api()['consent.get']({});
    if (seq !== loads) return;
    // At most once per launch (not after 暂不使用): back from the consent page shows this tab again.
    if (consent.ok && takeAutoConsentPrompt(consent.data)) {
      wx.navigateTo({ url: '/pages/consent/index' });
      return;
    }
    const res = await api()['chat.conversations']({});
    if (seq !== loads) return;
    if (!res.ok) {
      if (this.data.state !== 'ready') this.setData({ state: 'error', errorText: res.message });
      return;
    }
    this.setData({
      state: 'ready',
      crossBorder: consent.ok ? consent.data.crossBorder : true,
      conversations: conversationRows(res.data.conversations),
      cursor: res.data.nextCursor,
      more: 'idle',
    });
  },

  async onReachBottom() {
    if (!this.data.cursor || this.data.more === 'loading') return;
    this.setData({ more: 'loading' });
    const res = await api()['chat.conversations']({ cursor: this.data.cursor });
    if (!res.ok) {
      this.setData({ more: 'error' });
      return;
    }
    this.setData({
      conversations: [...this.data.conversations, ...conversationRows(res.data.conversations)],
      cursor: res.data.nextCursor,
      more: 'idle',
    });
  },

  onOpen(e: WechatMiniprogram.TouchEvent) {
    wx.navigateTo({ url: `/pages/conversation/index?id=${String(e.currentTarget.dataset.id)}` });
  },

  async onNew() {
    if (!(await ensureChatConsent())) return;
    wx.navigateTo({ url: '/pages/conversation/index' });
  },

  onConsent() {
    wx.navigateTo({ url: '/pages/consent/index' });
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load();
  },
});
