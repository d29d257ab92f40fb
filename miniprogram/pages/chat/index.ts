import { api } from '../../api/index';
import { ensureChatConsent, takeAutoConsentPrompt } from '../../utils/consent-gate';
import { formatTime } from '../../utils/format';

/** 对话 tab: the user's conversations, newest first. First launch goes to the consent page. */
Page({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    conversations: [] as Array<{ id: string; title: string; time: string; count: number }>,
    cursor: null as string | null,
    crossBorder: true,
  },

  onShow() {
    void this.load();
  },

  async load() {
    const consent = await api()['consent.get']({});
    // At most once per launch (not after 暂不使用): back from the consent page shows this tab again.
    if (consent.ok && takeAutoConsentPrompt(consent.data)) {
      wx.navigateTo({ url: '/pages/consent/index' });
      return;
    }
    const res = await api()['chat.conversations']({});
    if (!res.ok) {
      this.setData({ state: 'error', errorText: res.message });
      return;
    }
    this.setData({
      state: 'ready',
      crossBorder: consent.ok ? consent.data.crossBorder : true,
      conversations: res.data.conversations.map((c) => ({
        id: c.conversationId,
        title: c.title || '新对话',
        time: formatTime(c.updatedAt),
        count: c.messageCount,
      })),
      cursor: res.data.nextCursor,
    });
  },

  async onReachBottom() {
    if (!this.data.cursor) return;
    const res = await api()['chat.conversations']({ cursor: this.data.cursor });
    if (!res.ok) return;
    this.setData({
      conversations: [
        ...this.data.conversations,
        ...res.data.conversations.map((c) => ({
          id: c.conversationId,
          title: c.title || '新对话',
          time: formatTime(c.updatedAt),
          count: c.messageCount,
        })),
      ],
      cursor: res.data.nextCursor,
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
