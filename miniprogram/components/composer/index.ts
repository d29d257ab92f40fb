import { api } from '../../api/index';
import {
  composerView,
  learnNumbering,
  localEntities,
  markedTexts,
  renumber,
  sendDetail,
  shiftSpans,
  toggleSpan,
  unhideSpans,
  type ComposerView,
  type Numbering,
  type TextSpan,
} from './model';

/** The server's preview (the conversation's own numbering) waits for a pause in typing. */
const SERVER_DEBOUNCE_MS = 300;
/** Past this many lines the textarea stops growing and scrolls. */
const MAX_LINES = 5;

interface Data {
  conversationId: string;
  disabled: boolean;
  sending: boolean;
  value: string;
  draft: string;
  expanded: boolean;
  view: ComposerView;
  canSend: boolean;
  autoHeight: boolean;
  hasText: boolean;
}

type Instance = Omit<WechatMiniprogram.Component.TrivialInstance, 'data'> & {
  data: Data;
  /** The draft as typed (setData of `draft` only when the page sets it, so the cursor never jumps). */
  text: string;
  /** The words the user hid, offsets into `text`. */
  spans: TextSpan[];
  numbering: Numbering;
  serverTimer?: ReturnType<typeof setTimeout>;
  /** Answers to older drafts are dropped. */
  serverSeq: number;
  canSend(): boolean;
  update(fromPage?: boolean): void;
  askServer(): void;
};

const emptyView: ComposerView = { count: 0, chips: [], pieces: [], numberLeft: false };

/**
 * The fixed composer: the draft, 发送 / 停止, and the privacy preview — "将隐去 N 处 ›", expanded to
 * chips (原文 → 某人1) and the draft itself, where a tap hides a word too (sent as `private` spans).
 * The preview is the app's own anonymizer at each keystroke, then the server's `privacy.preview` for
 * the conversation after a pause: its numbering is what `chat.send` will send.
 */
Component({
  properties: {
    conversationId: { type: String, value: '' },
    disabled: { type: Boolean, value: false },
    /** An answer is being written: the button is 停止. */
    sending: { type: Boolean, value: false },
    /** The draft; the page may set it (an example prompt, '' after a send). */
    value: { type: String, value: '' },
  },
  data: {
    draft: '',
    expanded: false,
    view: emptyView,
    canSend: false,
    autoHeight: true,
    hasText: false,
  },
  lifetimes: {
    created(this: Instance) {
      this.text = '';
      this.spans = [];
      this.numbering = {};
      this.serverSeq = 0;
    },
    detached(this: Instance) {
      if (this.serverTimer) clearTimeout(this.serverTimer);
      this.serverSeq++;
    },
  },
  observers: {
    value(this: Instance, value: string) {
      if (value === this.text) return;
      this.spans = value ? shiftSpans(this.spans, this.text, value) : [];
      this.text = value;
      this.update(true);
    },
    conversationId(this: Instance) {
      // Another conversation numbers its placeholders its own way.
      this.numbering = {};
      if (this.text) this.update();
    },
    'disabled, sending'(this: Instance) {
      this.setData({ canSend: this.canSend() });
    },
  },
  methods: {
    canSend(this: Instance): boolean {
      return !this.data.disabled && this.text.trim().length > 0;
    },

    /** Redraws from the text and the user's spans: the local preview now, the server's after a pause. */
    update(this: Instance, fromPage = false) {
      const text = this.text;
      const view = composerView(text, renumber(this.numbering, text, localEntities(text, this.spans)), this.spans);
      const expanded = this.data.expanded && text.length > 0;
      this.setData({
        ...(fromPage ? { draft: text, autoHeight: true } : {}),
        view,
        expanded,
        hasText: text.length > 0,
        canSend: this.canSend(),
      });
      this.askServer();
    },

    askServer(this: Instance) {
      if (this.serverTimer) clearTimeout(this.serverTimer);
      const seq = ++this.serverSeq;
      const text = this.text;
      if (!text.trim()) return;
      this.serverTimer = setTimeout(() => {
        const spans = this.spans;
        const marked = markedTexts(text, spans);
        const conversationId = this.data.conversationId;
        void api()
          ['privacy.preview']({ text, ...(marked.length ? { private: marked } : {}), ...(conversationId ? { conversationId } : {}) })
          .then((res) => {
            // A newer draft, or a failure: the local preview stays, and nothing alarming is said.
            if (seq !== this.serverSeq || !res.ok) return;
            this.numbering = learnNumbering(this.numbering, text, res.data.entities);
            this.setData({ view: composerView(text, res.data.entities, spans) });
          });
      }, SERVER_DEBOUNCE_MS);
    },

    onInput(this: Instance, e: WechatMiniprogram.Input) {
      const value = e.detail.value;
      this.spans = shiftSpans(this.spans, this.text, value);
      this.text = value;
      this.update();
      this.triggerEvent('input', { value });
    },

    onLineChange(this: Instance, e: WechatMiniprogram.CustomEvent<{ lineCount: number }>) {
      // auto-height ignores max-height: past MAX_LINES the textarea keeps its height and scrolls.
      const autoHeight = e.detail.lineCount <= MAX_LINES;
      if (autoHeight !== this.data.autoHeight) this.setData({ autoHeight });
    },

    onToggle(this: Instance) {
      this.setData({ expanded: !this.data.expanded });
    },

    /** A tap on a word of the draft in the expanded panel: hide it, or show it again. */
    onTapPiece(this: Instance, e: WechatMiniprogram.TouchEvent) {
      const { start, end, kind } = e.currentTarget.dataset as { start: number; end: number; kind: string };
      if (kind === 'hidden') {
        wx.showToast({ title: '这项会自动隐去', icon: 'none' });
        return;
      }
      if (kind !== 'word' && kind !== 'number' && kind !== 'mine') return;
      const tapped = { start: Number(start), end: Number(end) };
      this.spans = kind === 'mine' ? unhideSpans(this.text, this.spans, tapped) : toggleSpan(this.spans, tapped);
      this.update();
    },

    onSend(this: Instance) {
      if (this.data.sending) {
        this.triggerEvent('stop', {});
        return;
      }
      if (!this.canSend()) return;
      this.triggerEvent('send', sendDetail(this.text, this.spans));
    },

    /** The keyboard's 发送: sends, but never stops an answer by accident. */
    onConfirm(this: Instance) {
      if (!this.data.sending) this.onSend();
    },
  },
});
