import { api, chatStream } from '../../api/index';
import { formatYuan } from '../../generated/shared';
import { newRequestId } from '../../utils/format';
import { bannerFor, bubblesOf, previewSegments, streamAndFollow, throttled, type Banner, type Bubble } from './model';

let previewTimer: ReturnType<typeof setTimeout> | undefined;
const timers = { sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
/** A streamed answer redraws at most this often. */
const REDRAW_MS = 80;

Page({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    conversationId: '',
    bubbles: [] as Bubble[],
    draft: '',
    preview: [] as ReturnType<typeof previewSegments>,
    hiddenCount: 0,
    sending: false,
    banner: null as Banner | null,
    /** Kept until the message succeeds, so a retry is the same request and is never paid twice. */
    pendingRequestId: '',
    pendingText: '',
    models: [] as Array<{ alias: string; label: string }>,
    modelIndex: 0,
    balanceText: '',
  },

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ conversationId: query.id ?? '' });
    void this.load();
  },

  async load() {
    const [models, history] = await Promise.all([
      api()['chat.models']({}),
      this.data.conversationId ? api()['chat.history']({ conversationId: this.data.conversationId }) : Promise.resolve(null),
    ]);
    if (!models.ok || (history && !history.ok)) {
      const failed = (!models.ok ? models : history) as { message: string };
      this.setData({ state: 'error', errorText: failed.message });
      return;
    }
    const available = models.data.models.filter((m) => m.available);
    this.setData({
      state: 'ready',
      models: available.map((m) => ({
        alias: m.alias,
        label: `${m.displayName} · ${m.crossBorder ? '海外' : '境内'} · 约 ${formatYuan(m.perThousandCharsEstimate)}/千字`,
      })),
      bubbles: history && history.ok ? [...history.data.messages].reverse().flatMap(bubblesOf) : [],
    });
  },

  onInput(e: WechatMiniprogram.Input) {
    const draft = e.detail.value;
    this.setData({ draft });
    // The live preview of what will be hidden, debounced: the anonymizer runs in the app.
    if (previewTimer) clearTimeout(previewTimer);
    previewTimer = setTimeout(() => {
      const preview = previewSegments(draft);
      this.setData({ preview, hiddenCount: preview.filter((p) => p.hidden).length });
    }, 200);
  },

  onPickModel(e: WechatMiniprogram.PickerChange) {
    this.setData({ modelIndex: Number(e.detail.value) });
  },

  onToggleSent(e: WechatMiniprogram.TouchEvent) {
    const id = String(e.currentTarget.dataset.id);
    this.setData({ bubbles: this.data.bubbles.map((b) => (b.id === id ? { ...b, showSent: !b.showSent } : b)) });
  },

  async onSend() {
    const text = (this.data.pendingText || this.data.draft).trim();
    if (!text || this.data.sending) return;
    const requestId = this.data.pendingRequestId || newRequestId();
    const model = this.data.models[this.data.modelIndex]?.alias;
    const placeholderId = requestId;
    const optimistic = bubblesOf({ messageId: placeholderId, text, sent: '', reply: '', status: 'pending' });
    this.setData({
      sending: true,
      banner: null,
      pendingRequestId: requestId,
      pendingText: text,
      draft: '',
      preview: [],
      hiddenCount: 0,
      bubbles: [...this.data.bubbles.filter((b) => !b.id.startsWith(`${placeholderId}:`)), ...optimistic],
    });
    const redraw = throttled((reply: string) => {
      this.setData({
        bubbles: this.data.bubbles.map((b) => (b.id === `${placeholderId}:a` ? { ...b, text: reply, status: 'streaming' } : b)),
      });
    }, REDRAW_MS);
    const res = await streamAndFollow(
      api(),
      chatStream(),
      { requestId, text, conversationId: this.data.conversationId || undefined, model },
      (reply) => redraw.push(reply),
      timers,
    );
    redraw.cancel();
    if (!res.ok) {
      const banner = bannerFor(res);
      this.setData({
        sending: false,
        banner,
        bubbles: this.data.bubbles.map((b) => (b.id === `${placeholderId}:a` ? { ...b, text: banner.text, status: 'failed' } : b)),
      });
      return;
    }
    const d = res.data;
    this.setData({
      sending: false,
      pendingRequestId: '',
      pendingText: '',
      conversationId: d.conversationId,
      balanceText: `余额 ${formatYuan(d.balance)}`,
      bubbles: this.data.bubbles.map((b) => {
        if (b.id === `${placeholderId}:q`) return { ...b, sent: d.sent };
        if (b.id === `${placeholderId}:a`)
          return { ...b, text: d.reply, status: d.status, costText: d.cost !== undefined ? `花费 ${formatYuan(d.cost)}` : '' };
        return b;
      }),
    });
  },

  onBannerAction() {
    const action = this.data.banner?.action;
    if (action === 'wallet') wx.switchTab({ url: '/pages/wallet/index' });
    else if (action === 'consent') wx.navigateTo({ url: '/pages/consent/index' });
    else if (action === 'retry') void this.onSend();
  },

  onRetryLoad() {
    this.setData({ state: 'loading' });
    void this.load();
  },
});
