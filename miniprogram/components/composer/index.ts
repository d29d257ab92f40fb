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
/** Past this many characters the local preview waits for a pause too. */
const LONG_DRAFT = 1000;
/** What chat.send accepts (MarkedPrivate in shared/contracts/privacy). */
const MAX_MARKED = 20;
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
  /** The whole view; `data.view` carries the pieces of the draft only while the panel is open. */
  full: ComposerView;
  show(view: ComposerView, expanded: boolean): ComposerView;
  serverTimer?: ReturnType<typeof setTimeout>;
  /** Answers to older drafts are dropped. */
  serverSeq: number;
  canSend(): boolean;
  update(fromPage?: boolean): void;
  askServer(local: boolean): void;
  localView(): ComposerView;
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
      this.full = emptyView;
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
      // `draft` is not set while the user types (the cursor would jump), so it may still hold this
      // value (typically ''): the textarea would see no change and keep the typed text. Step it first.
      if (this.data.draft === value) this.setData({ draft: this.text });
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
      // A long draft is previewed at the pause in typing, not at each keystroke (tens of ms on a phone).
      const now = fromPage || text.length <= LONG_DRAFT;
      if (now) this.full = this.localView();
      const expanded = this.data.expanded && text.length > 0;
      this.setData({
        ...(fromPage ? { draft: text, autoHeight: true } : {}),
        ...(now ? { view: this.show(this.full, expanded) } : {}),
        expanded,
        hasText: text.length > 0,
        canSend: this.canSend(),
      });
      this.askServer(!now);
    },

    localView(this: Instance): ComposerView {
      return composerView(this.text, renumber(this.numbering, this.text, localEntities(this.text, this.spans)), this.spans);
    },

    askServer(this: Instance, local: boolean) {
      if (this.serverTimer) clearTimeout(this.serverTimer);
      const seq = ++this.serverSeq;
      const text = this.text;
      if (!text.trim()) return;
      this.serverTimer = setTimeout(() => {
        if (local) {
          this.full = this.localView();
          this.setData({ view: this.show(this.full, this.data.expanded) });
        }
        const spans = this.spans;
        const marked = markedTexts(text, spans);
        const conversationId = this.data.conversationId;
        void api()
          ['privacy.preview']({ text, ...(marked.length ? { private: marked } : {}), ...(conversationId ? { conversationId } : {}) })
          .then((res) => {
            // A newer draft, or a failure: the local preview stays, and nothing alarming is said.
            if (seq !== this.serverSeq || !res.ok) return;
            this.numbering = learnNumbering(this.numbering, text, res.data.entities);
            this.full = composerView(text, res.data.entities, spans);
            this.setData({ view: this.show(this.full, this.data.expanded) });
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

    /** A long draft is thousands of pieces: they cross to the view only while the panel is open. */
    show(this: Instance, view: ComposerView, expanded: boolean): ComposerView {
      return expanded ? view : { ...view, pieces: [] };
    },

    onToggle(this: Instance) {
      const expanded = !this.data.expanded;
      this.setData({ expanded, view: this.show(this.full, expanded) });
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
      const spans = kind === 'mine' ? unhideSpans(this.text, this.spans, tapped) : toggleSpan(this.spans, tapped);
      if (markedTexts(this.text, spans).length > MAX_MARKED) {
        wx.showToast({ title: `最多手动隐去 ${MAX_MARKED} 处`, icon: 'none' });
        return;
      }
      this.spans = spans;
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
