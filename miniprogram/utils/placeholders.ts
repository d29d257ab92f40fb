import { chipText, PLACEHOLDER_LABELS } from './placeholder-labels';

/**
 * The anonymizer's placeholders ([PERSON_1], [PHONE_2]…) as people read them: a chip 某人1, 手机号1.
 * Text from the server (a conversation's title, what was sent) may hold them. The chips read exactly as
 * in the composer, the sent view and the conversation (components/sent-view/labels): one rule everywhere.
 */
export type TextSegment = { kind: 'text'; text: string } | { kind: 'chip'; text: string; placeholder: string };

const PLACEHOLDER = /\[([A-Z][A-Z_]*?)_(\d{1,4})\]/g;

/**
 * Splits text into plain runs and placeholder chips, numbered as the conversation numbers them
 * (某人1, 某人2), so two people stay two. Unknown types stay text.
 */
export function splitPlaceholders(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let last = 0;
  const push = (t: string) => {
    if (!t) return;
    const prev = out[out.length - 1];
    if (prev && prev.kind === 'text') prev.text += t;
    else out.push({ kind: 'text', text: t });
  };
  const found = new RegExp(PLACEHOLDER.source, 'g');
  // exec, not matchAll: older phones' JavaScript engines lack it.
  for (let m = found.exec(text); m; m = found.exec(text)) {
    const label = PLACEHOLDER_LABELS[m[1]!];
    if (!label) continue;
    push(text.slice(last, m.index));
    out.push({ kind: 'chip', text: chipText(m[1]!, Number(m[2])), placeholder: m[0] });
    last = m.index + m[0].length;
  }
  push(text.slice(last));
  return out;
}
