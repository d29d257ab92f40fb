import type { EntityType, Span } from './types';

const ALNUM = /[0-9A-Za-z]/;

/** True when the characters around [start, end) are not ASCII letters or digits (no lookbehind: old iOS lacks it). */
export function isolated(text: string, start: number, end: number): boolean {
  return !ALNUM.test(text[start - 1] ?? '') && !ALNUM.test(text[end] ?? '');
}

/**
 * Runs a global regex over the text and turns each accepted match into a span. `group` may narrow a
 * match to one capture group (cue words are matched but not redacted) and `accept` validates it.
 * `source`: the original text when `text` is its folded form (fold.ts) — offsets are the same, and the
 * span's text is cut from the original, so the restorer gives back exactly what the user wrote.
 */
export function scan(
  type: EntityType,
  regex: RegExp,
  text: string,
  options: { group?: number; accept?: (value: string, start: number, end: number) => boolean; boundaries?: boolean; source?: string } = {},
): Span[] {
  const spans: Span[] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    if (m[0].length === 0) {
      regex.lastIndex += 1;
      continue;
    }
    const value = options.group ? m[options.group] : m[0];
    if (value === undefined) continue;
    const start = options.group ? m.index + m[0].lastIndexOf(value) : m.index;
    const end = start + value.length;
    if (options.boundaries !== false && !isolated(text, start, end)) continue;
    if (options.accept && !options.accept(value, start, end)) continue;
    spans.push({ type, start, end, text: options.source ? options.source.slice(start, end) : value });
  }
  return spans;
}
