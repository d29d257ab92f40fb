import { PLACEHOLDER_LABELS } from './placeholder-labels';

export type TextSegment = { kind: 'text'; text: string } | { kind: 'chip'; text: string; placeholder: string };

const PLACEHOLDER = /\[([A-Z][A-Z_]*?)_(\d{1,4})\]/g;

/**
 * Splits text into plain runs and placeholder chips. The first of a type reads 某人, later ones
 * 某人2, 某人3 (the conversation's own numbering), so two people stay two. Unknown types stay text.
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
    const n = Number(m[2]);
    out.push({ kind: 'chip', text: n > 1 ? `${label}${n}` : label, placeholder: m[0] });
    last = m.index + m[0].length;
  }
  push(text.slice(last));
  return out;
}
