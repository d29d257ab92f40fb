import { api } from '../../api/index';
import {
  composerView,
  localEntities,
  markedTexts,
  sendDetail,
  shiftSpans,
  toggleSpan,
  type ComposerView,
  type PreviewEntity,
  type TextSpan,
} from './model';

/** The server's preview (the conversation's own numbering) waits for a pause in typing. */
const SERVER_DEBOUNCE_MS = 300;

interface Data {
  conversationId: string;
  disabled: boolean;
  sending: boolean;
  value: string;
  draft: string;
  expanded: boolean;
  view: ComposerView;
  canSend: boolean;
}

type Instance = Omit<WechatMiniprogram.Component.TrivialInstance, 'data'> & {
  data: Data;
  text: string;
  spans: TextSpan[];
  serverTimer?: ReturnType<typeof setTimeout>;
  /** Answers to older drafts are dropped. */
  serverSeq: number;
  canSend(): boolean;
  update(text: string, fromPage?: boolean): void;
  askServer(): void;
};

const emptyView: ComposerView = { count: 0, chips: [], pieces: [], numberLeft: false };

/**
 * The fixed composer: the draft, 发送 / 停止, and the privacy preview — "将隐去 N 处 ›", expanded to
 * chips (原文 → 某人1) and the draft itself, where a tap hides a word too (sent as `private` spans).
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
  },
  lifetimes: {
    created(this: Instance) {
      this.text = '';
      this.spans = [];
      this.serverSeq = 0;
    },
    detached(this: Instance) {
      if (this.serverTimer) clearTimeout(this.serverTimer);
    },
  },
  observers: {
    value(this: Instance, value: string) {
      if (value === this.text) return;
      this.spans = value ? shiftSpans(this.spans, this.text, value) : [];
      this.update(value, true);
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
    update(this: Instance, text: string, fromPage = false) {
      this.text = text;
      const view = composerView(text, localEntities(text, this.spans), this.spans);
      const expanded = this.data.expanded && (view.count > 0 || view.pieces.length > 0);
      this.setData({ ...(fromPage || this.data.draft !== text ? { draft: text } : {}), view, expanded, canSend: this.canSend() });
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
            this.setData({ view: composerView(text, res.data.entities as PreviewEntity[], spans) });
          });
      }, SERVER_DEBOUNCE_MS);
    },

    onInput(this: Instance, e: WechatMiniprogram.Input) {
      const value = e.detail.value;
      this.spans = shiftSpans(this.spans, this.text, value);
      this.update(value);
      this.triggerEvent('input', { value });
    },

    onToggle(this: Instance) {
      this.setData({ expanded: !this.data.expanded });
    },

    /** A tap on a word of the draft in the expanded panel: hide it, or show it again. */
    onTapPiece(this: Instance, e: WechatMiniprogram.TouchEvent) {
      const { start, end, kind } = e.currentTarget.dataset as { start: number; end: number; kind: string };
      if (kind === 'plain') return;
      if (kind === 'hidden') {
        wx.showToast({ title: '这项会自动隐去', icon: 'none' });
        return;
      }
      this.spans = toggleSpan(this.spans, { start: Number(start), end: Number(end) });
      this.update(this.text);
    },

    onSend(this: Instance) {
      if (this.data.sending) {
        this.triggerEvent('stop', {});
        return;
      }
      if (!this.canSend()) return;
      this.triggerEvent('send', sendDetail(this.text, this.spans));
    },
  },
});
