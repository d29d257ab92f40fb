/**
 * `<markdown text="{{reply}}" streaming="{{isStreaming}}" />`: an answer's Markdown, rendered safely.
 * Minimal first version: paragraphs of plain text, and a typing cursor while streaming.
 */
function paragraphs(text: string): Array<{ id: number; text: string }> {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p, id) => ({ id, text: p }));
}

Component({
  properties: {
    text: { type: String, value: '' },
    streaming: { type: Boolean, value: false },
  },
  data: { blocks: [] as Array<{ id: number; text: string }> },
  observers: {
    text(text: string) {
      this.setData({ blocks: paragraphs(text) });
    },
  },
});
