import { api, chatStream } from '../../api/index';
import { formatCost } from '../../utils/format';
import { newRequestId } from '../../utils/format';
import { streamAndFollow, throttled, type SendRequest } from './model';
import { balanceLabel } from './money';
import { EXAMPLE_PROMPTS, initialModel, isNearBottom, nextBottomAnchor, readableTitle, rememberModel, wxStorage } from './prefs';
import {
  buildTurns,
  copyTextOf,
  failureOf,
  latestOf,
  mergeRecords,
  shortfallOf,
  type FailureAction,
  type MessageRecord,
  type TurnChoices,
  type TurnView,
} from './turns';

/** A streamed answer redraws at most this often (setData crosses to the render thread: keep it rare). */
const REDRAW_MS = 90;
const timers = { sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };

/** What a page instance keeps outside `data` (not rendered): every loaded message and the choices. */
interface Context {
  records: MessageRecord[];
  choices: TurnChoices;
  /** The requestId being answered now. */
  active: string;
  viewHeight: number;
  /** The navigation bar shows the conversation's title already. */
  titled?: boolean;
}
const contexts = new WeakMap<object, Context>();
function ctxOf(page: object): Context {
  let ctx = contexts.get(page);
  if (!ctx) {
    ctx = { records: [], choices: { version: {} }, active: '', viewHeight: 0 };
    contexts.set(page, ctx);
  }
  return ctx;
}

type TapEvent = { currentTarget: { dataset: Record<string, unknown> } };
type SendDetail = { text: string; private?: Array<{ start: number; end: number }> };

Page({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    conversationId: '',
    turns: [] as TurnView[],
    examples: EXAMPLE_PROMPTS,
    /** chat.history's cursor for older messages; null when the first message is loaded. */
    olderCursor: null as string | null,
    older: 'idle' as 'idle' | 'loading' | 'failed',
    /** The composer's draft, as the page knows it (an example prompt sets it; a send clears it). */
    draft: '',
    sentShown: '',
    sentOpen: false,
    sending: false,
    stopping: false,
    models: [] as Array<{ alias: string; name: string; region: string; price: string; label: string }>,
    modelIndex: 0,
    balanceText: '',
    /** After a top-up: the one tap that retries the message that was short of money. */
    notice: null as { text: string; retryId: string } | null,
    atBottom: true,
    scrollInto: '',
  },

  onLoad(query: Record<string, string | undefined>) {
    contexts.delete(this);
    const title = query.title ? safeDecode(query.title) : '';
    if (title) this.setTitle(title);
    this.setData({ conversationId: query.id ?? '' });
    void this.load();
  },

  onReady() {
    this.measure();
  },

  /** Shares the app, never the conversation: its content is the user's own. */
  onShareAppMessage() {
    return { title: '桥 · AI 问答', path: '/pages/chat/index' };
  },

  async load() {
    const id = this.data.conversationId;
    const [models, history] = await Promise.all([
      api()['chat.models']({}),
      id ? api()['chat.history']({ conversationId: id }) : Promise.resolve(null),
    ]);
    if (!models.ok || (history && !history.ok)) {
      const failed = (!models.ok ? models : history) as { message: string };
      this.setData({ state: 'error', errorText: failed.message });
      return;
    }
    const available = models.data.models.filter((m) => m.available);
    const messages = history && history.ok ? history.data.messages : [];
    this.setData({
      models: available.map((m) => {
        const region = m.crossBorder ? '海外' : '境内';
        const price = `约 ${formatCost(m.perThousandCharsEstimate)}/千字`;
        return { alias: m.alias, name: m.displayName, region, price, label: `${m.displayName} · ${region} · ${price}` };
      }),
      modelIndex: initialModel(
        wxStorage,
        available.map((m) => m.alias),
        id,
        messages[0]?.model,
      ),
    });
    this.receiveHistory(messages, history && history.ok ? history.data.nextCursor : null);
  },

  /** The newest page of the history (newest first, as chat.history answers): shown from the bottom. */
  receiveHistory(messages: MessageRecord[], nextCursor: string | null) {
    const ctx = ctxOf(this);
    ctx.records = mergeRecords(ctx.records, messages);
    this.setData({
      state: 'ready',
      olderCursor: nextCursor,
      atBottom: true,
      turns: this.turnsNow(this.data.sending),
      scrollInto: nextBottomAnchor(this.data.scrollInto),
    });
    this.titleFromHistory(nextCursor);
  },

  /** The title is the first question, anonymized (as the server makes it); the list passes it when it can. */
  titleFromHistory(nextCursor: string | null) {
    const records = ctxOf(this).records;
    if (records.length === 0 || ctxOf(this).titled) return;
    if (nextCursor === null) {
      const first = [...records].sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))[0]!;
      this.setTitle(first.sent.slice(0, 30));
      return;
    }
    // The first question is further back: the list of conversations has the title.
    void api()
      ['chat.conversations']({})
      .then((res) => {
        const c = res.ok ? res.data.conversations.find((x) => x.conversationId === this.data.conversationId) : undefined;
        if (c?.title) this.setTitle(c.title);
      });
  },

  setTitle(title: string) {
    ctxOf(this).titled = true;
    wx.setNavigationBarTitle({ title: readableTitle(title) });
  },

  /** Scrolled to the top: the page of messages before the oldest shown, keeping the reader's place. */
  async onScrollToUpper() {
    const cursor = this.data.olderCursor;
    if (!cursor || this.data.older === 'loading' || !this.data.conversationId) return;
    const anchor = this.data.turns[0]?.domId ?? '';
    this.setData({ older: 'loading' });
    const res = await api()['chat.history']({ conversationId: this.data.conversationId, cursor });
    if (!res.ok) {
      this.setData({ older: 'failed' });
      return;
    }
    const ctx = ctxOf(this);
    ctx.records = mergeRecords(ctx.records, res.data.messages);
    // The turn that was first stays in view: the older ones are above it.
    this.setData({ older: 'idle', olderCursor: res.data.nextCursor, turns: this.turnsNow(this.data.sending), scrollInto: anchor });
    this.titleFromHistory(res.data.nextCursor);
  },

  onRetryOlder() {
    this.setData({ older: 'idle' });
    void this.onScrollToUpper();
  },

  // ---- scrolling: follow the answer only while the reader is at the latest ----

  measure() {
    const query = wx.createSelectorQuery?.();
    if (!query) return;
    query
      .in(this as never)
      .select('.messages')
      .boundingClientRect((rect) => {
        if (rect && 'height' in rect) ctxOf(this).viewHeight = (rect as { height: number }).height;
      })
      .exec();
  },

  onScroll(e: { detail: { scrollTop: number; scrollHeight: number } }) {
    const viewHeight = ctxOf(this).viewHeight;
    if (!viewHeight) {
      this.measure();
      return;
    }
    const atBottom = isNearBottom(e.detail, viewHeight);
    if (atBottom !== this.data.atBottom) this.setData({ atBottom });
  },

  onScrollToLower() {
    if (!this.data.atBottom) this.setData({ atBottom: true });
  },

  onBackToLatest() {
    this.setData({ atBottom: true });
    this.scrollToBottom();
  },

  scrollToBottom() {
    this.setData({ scrollInto: nextBottomAnchor(this.data.scrollInto) });
  },

  // ---- the view ----

  redrawTurns() {
    this.setData({ turns: this.turnsNow(this.data.sending) });
  },

  turnsNow(busy: boolean): TurnView[] {
    const ctx = ctxOf(this);
    return buildTurns(ctx.records, ctx.choices, busy);
  },

  /** One message changed: its record, then the turns (or only its answer's text while it streams). */
  patch(messageId: string, change: Partial<MessageRecord>) {
    const ctx = ctxOf(this);
    ctx.records = ctx.records.map((m) => (m.messageId === messageId ? { ...m, ...change } : m));
  },

  /** While streaming only the answer's text and state cross to the render thread, not the whole list. */
  drawStreaming(messageId: string, reply: string) {
    this.patch(messageId, { reply, status: 'streaming' });
    const i = this.data.turns.findIndex((t) => t.answer.id === messageId);
    if (i < 0) return;
    // One setData per redraw: the text, and the scroll that follows it while the reader is at the latest.
    this.setData({
      [`turns[${i}].answer.reply`]: reply,
      [`turns[${i}].answer.status`]: 'streaming',
      ...(this.data.atBottom ? { scrollInto: nextBottomAnchor(this.data.scrollInto) } : {}),
    });
  },

  // ---- sending ----

  onDraft(e: { detail: { value: string } }) {
    // Kept in step, so that '' after a send (or an example prompt) always reaches the composer.
    this.setData({ draft: e.detail.value });
  },

  onExample(e: TapEvent) {
    const text = EXAMPLE_PROMPTS[Number(e.currentTarget.dataset.index)]?.text ?? '';
    this.setData({ draft: text });
  },

  /** 发送 in the composer: what the user typed now, always a new request (a retry is the failed message's own). */
  onSend(e?: { detail?: SendDetail }) {
    const text = (e?.detail?.text ?? this.data.draft).trim();
    if (!text || this.data.sending || this.data.models.length === 0) return Promise.resolve();
    const marked = (e?.detail?.private ?? []).map((r) => text.slice(r.start, r.end).trim()).filter((w) => w.length > 0);
    const requestId = newRequestId();
    const record: MessageRecord = {
      messageId: requestId,
      conversationId: this.data.conversationId,
      status: 'pending',
      text,
      sent: '',
      reply: '',
      model: this.currentModel() ?? '',
      ...(marked.length ? { private: marked } : {}),
      createdAt: new Date().toISOString(),
    };
    const ctx = ctxOf(this);
    ctx.records = [...ctx.records, record];
    return this.run(record, { draft: '', notice: null });
  },

  /** 重试 on a failed message: the same requestId and text (never charged twice). */
  onRetry(e: TapEvent) {
    return this.retry(String(e.currentTarget.dataset.id));
  },

  retry(messageId: string) {
    const record = ctxOf(this).records.find((m) => m.messageId === messageId);
    if (!record || record.status !== 'failed' || !record.text || this.data.sending) return Promise.resolve();
    this.patch(messageId, { status: 'pending', error: undefined, reply: '' });
    return this.run(record, { notice: null });
  },

  /** 重新生成: the last turn answered again — a new call (new requestId), the earlier answer kept as a version. */
  onRegenerate(e: TapEvent) {
    const key = String(e.currentTarget.dataset.key);
    const ctx = ctxOf(this);
    const latest = latestOf(ctx.records, key);
    const question = ctx.records.find((m) => m.messageId === key);
    if (!latest || !question?.text || this.data.sending) return Promise.resolve();
    const record: MessageRecord = {
      messageId: newRequestId(),
      conversationId: this.data.conversationId,
      status: 'pending',
      text: question.text,
      sent: '',
      reply: '',
      model: this.currentModel() ?? latest.model,
      versionOf: latest.messageId,
      createdAt: new Date().toISOString(),
    };
    ctx.records = [...ctx.records, record];
    delete ctx.choices.version[key];
    return this.run(record);
  },

  currentModel(): string | undefined {
    return this.data.models[this.data.modelIndex]?.alias;
  },

  /** Sends `record` and follows its answer; `extra` goes with the first redraw (one setData). */
  async run(record: MessageRecord, extra: Record<string, unknown> = {}) {
    const id = record.messageId;
    const ctx = ctxOf(this);
    const isNew = !this.data.conversationId;
    ctx.active = id;
    this.setData({
      ...extra,
      sending: true,
      stopping: false,
      atBottom: true,
      turns: this.turnsNow(true),
      scrollInto: nextBottomAnchor(this.data.scrollInto),
    });
    const redraw = throttled((reply: string) => this.drawStreaming(id, reply), REDRAW_MS);
    const input: SendRequest = {
      requestId: id,
      text: record.text,
      ...(this.data.conversationId ? { conversationId: this.data.conversationId } : {}),
      ...(this.currentModel() ? { model: this.currentModel() } : {}),
      ...(record.versionOf ? { regenerateOf: record.versionOf } : {}),
      ...(record.private ? { private: record.private } : {}),
    };
    const res = await streamAndFollow(
      api(),
      chatStream(),
      input,
      (reply) => redraw.push(reply),
      timers,
      (ids) => this.adopt(ids.conversationId),
    );
    redraw.cancel();
    ctx.active = '';
    if (res.ok) {
      const d = res.data;
      this.adopt(d.conversationId);
      this.patch(id, {
        conversationId: d.conversationId,
        status: d.status,
        reply: d.reply,
        sent: d.sent,
        ...(d.cost !== undefined ? { cost: d.cost } : {}),
        ...(d.truncated ? { truncated: true } : {}),
        ...(d.cacheHit ? { cacheHit: true } : {}),
      });
      // A new conversation is titled by its first question, anonymized — as the server titles it.
      if (isNew) this.setTitle(d.sent.slice(0, 30));
    } else {
      this.patch(id, { status: 'failed', reply: '', error: failureOf(res) });
    }
    this.setData({
      sending: false,
      stopping: false,
      ...(res.ok ? { balanceText: `余额 ${balanceLabel(res.data.balance)}` } : {}),
      turns: this.turnsNow(false),
      ...(this.data.atBottom ? { scrollInto: nextBottomAnchor(this.data.scrollInto) } : {}),
    });
  },

  /** A new conversation got its id (first event of the stream, or the answer): remember its model and title. */
  adopt(conversationId: string) {
    if (!conversationId || this.data.conversationId === conversationId) return;
    this.setData({ conversationId });
    const model = this.currentModel();
    if (model) rememberModel(wxStorage, conversationId, model);
  },

  /** 停止: the server ends the answer within about two seconds; what was written is kept (and charged). */
  async onStop() {
    const id = ctxOf(this).active;
    if (!id || this.data.stopping) return;
    this.setData({ stopping: true });
    // Stopped before the message exists (the first event not yet there): ask again shortly.
    for (let i = 0; i < 4; i++) {
      const res = await api()['chat.stop']({ messageId: id });
      if (res.ok || res.kind !== 'error' || res.code !== 'NOT_FOUND' || ctxOf(this).active !== id) return;
      await timers.sleep(700);
    }
  },

  // ---- per message ----

  onCopy(e: TapEvent) {
    const record = ctxOf(this).records.find((m) => m.messageId === String(e.currentTarget.dataset.id));
    if (!record?.reply) return;
    wx.setClipboardData({ data: copyTextOf(record.reply) });
  },

  onVersion(e: TapEvent) {
    const key = String(e.currentTarget.dataset.key);
    const turn = this.data.turns.find((t) => t.key === key);
    if (!turn) return;
    const to = turn.version - 1 + Number(e.currentTarget.dataset.step);
    if (to < 0 || to >= turn.versions) return;
    ctxOf(this).choices.version[key] = to;
    this.redrawTurns();
  },

  /** 查看发送内容: the sheet with exactly what was sent, placeholders highlighted. */
  onShowSent(e: TapEvent) {
    const turn = this.data.turns.find((t) => t.key === String(e.currentTarget.dataset.key));
    if (turn) this.setData({ sentShown: turn.question.sent, sentOpen: true });
  },

  onCloseSent() {
    this.setData({ sentOpen: false });
  },

  onFailureAction(e: TapEvent) {
    const id = String(e.currentTarget.dataset.id);
    const kind = e.currentTarget.dataset.kind as FailureAction;
    if (kind === 'retry') void this.retry(id);
    else if (kind === 'consent') wx.navigateTo({ url: '/pages/consent/index' });
    else this.topUp(id, kind === 'topup-retry');
  },

  /** The top-up page returns here (navigateTo, never switchTab): the conversation and its retry stay. */
  topUp(messageId: string, retryAfter: boolean) {
    const record = ctxOf(this).records.find((m) => m.messageId === messageId);
    const need = shortfallOf(record?.error?.details);
    wx.navigateTo({
      url: `/pages/topup/index${need ? `?need=${need}` : ''}`,
      events: {
        toppedUp: (d: { balance?: number }) => this.onToppedUp(messageId, d, retryAfter),
      },
    });
  },

  onToppedUp(messageId: string, d: { balance?: number }, retryAfter: boolean) {
    const balance = typeof d?.balance === 'number' ? balanceLabel(d.balance) : '';
    this.setData({ balanceText: balance ? `余额 ${balance}` : this.data.balanceText });
    if (retryAfter) {
      void this.retry(messageId);
      return;
    }
    this.setData({ notice: { text: balance ? `充值成功，余额 ${balance}` : '充值成功', retryId: messageId } });
  },

  onNoticeRetry() {
    const id = this.data.notice?.retryId;
    if (id) void this.retry(id);
  },

  onCloseNotice() {
    this.setData({ notice: null });
  },

  onPickModel(e: WechatMiniprogram.PickerChange) {
    const modelIndex = Number(e.detail.value);
    this.setData({ modelIndex });
    const alias = this.data.models[modelIndex]?.alias;
    if (alias) rememberModel(wxStorage, this.data.conversationId, alias);
  },

  onRetryLoad() {
    contexts.delete(this);
    this.setData({ state: 'loading' });
    void this.load();
  },
});

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
