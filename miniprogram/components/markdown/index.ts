/**
 * `<markdown text="{{reply}}" streaming="{{isStreaming}}" />`: an answer's Markdown, drawn from the
 * rows of utils/markdown.ts (never as HTML). While `streaming`, a typing cursor ends the text, and
 * each update sends only the rows that changed. Links are copied, never opened; code blocks have 复制.
 */
import { MarkdownRenderer, type Row } from '../../utils/markdown';

const renderers = new WeakMap<object, MarkdownRenderer>();

function rendererOf(owner: object): MarkdownRenderer {
  let r = renderers.get(owner);
  if (!r) {
    r = new MarkdownRenderer();
    renderers.set(owner, r);
  }
  return r;
}

function copy(data: string, title: string): void {
  wx.setClipboardData({
    data,
    success: () => wx.showToast({ title, icon: 'none' }),
    fail: () => wx.showToast({ title: '复制失败', icon: 'none' }),
  });
}

Component({
  properties: {
    text: { type: String, value: '' },
    streaming: { type: Boolean, value: false },
  },
  data: {
    rows: [] as Row[],
    /** The cursor on a line of its own (after a table or a rule, or before any text). */
    cursorAfter: false,
  },
  observers: {
    'text, streaming'(text: string, streaming: boolean) {
      // `this` is the component instance (the typings cannot tell inside observers under every config).
      const self = this as unknown as WechatMiniprogram.Component.TrivialInstance;
      const patch = rendererOf(self).update(text, streaming);
      if (Object.keys(patch).length > 0) self.setData(patch);
    },
  },
  methods: {
    onLink(e: WechatMiniprogram.TouchEvent) {
      const href = (e.currentTarget.dataset as { href?: string }).href;
      if (href) copy(href, '链接已复制');
    },
    onCopyCode(e: WechatMiniprogram.TouchEvent) {
      const i = Number((e.currentTarget.dataset as { i?: number | string }).i);
      const row = (this as unknown as { data: { rows: Row[] } }).data.rows[i];
      if (row && row.k === 'code') copy(row.code ?? '', '代码已复制');
    },
  },
});
