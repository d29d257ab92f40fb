import { chipText, placeholderLabel, PLACEHOLDER_LABELS } from '../../utils/placeholder-labels';

export { chipText, placeholderLabel, PLACEHOLDER_LABELS };

/** `[PERSON_1]` and friends, as the server writes them. */
const PLACEHOLDER = /\[([A-Z]+(?:_[A-Z]+)?)_(\d{1,4})\]/g;

/** Text with every placeholder as its readable chip text: `[PERSON_1]的问题` → `某人1的问题` (titles, lists). */
export function readablePlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, (_whole, type: string, n: string) => chipText(type, n));
}

export interface SentSegment {
  text: string;
  /** Set when this piece is a placeholder: its type, and the chip that stands for it. */
  type?: string;
  chip?: string;
  /** Closing punctuation right after a chip, kept on its line (no lone 。 at the start of a line). */
  after?: string;
}

/** Punctuation that may not start a line. */
const CLOSING = /^[，。！？、；：”’」』）》〉】,.!?;:)\]]+/;

/** The sent text cut into plain pieces and placeholder chips. */
export function sentSegments(sent: string): SentSegment[] {
  const out: SentSegment[] = [];
  let at = 0;
  for (const m of sent.matchAll(PLACEHOLDER)) {
    const type = m[1]!;
    const start = m.index!;
    if (start > at) out.push({ text: sent.slice(at, start) });
    at = start + m[0].length;
    const after = CLOSING.exec(sent.slice(at, at + 8))?.[0] ?? '';
    out.push({ text: m[0], type, chip: chipText(type, m[2]!), after });
    at += after.length;
  }
  if (at < sent.length) out.push({ text: sent.slice(at) });
  return out;
}

/** The types that appear in a sent text, in order of first appearance, with their labels: the legend. */
export function legendOf(segments: SentSegment[]): Array<{ type: string; label: string; count: number }> {
  const seen = new Map<string, Set<string>>();
  for (const s of segments) if (s.type) (seen.get(s.type) ?? seen.set(s.type, new Set()).get(s.type)!).add(s.text);
  return [...seen].map(([type, set]) => ({ type, label: placeholderLabel(type), count: set.size }));
}
