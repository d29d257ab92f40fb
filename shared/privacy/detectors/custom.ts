import type { CustomRules, Span } from '../types';

/**
 * Merchant-defined terms (exact, case-insensitive for Latin letters) and patterns. Patterns arrive
 * compiled (chat compiles them with a linear-time engine), so nothing here can be made to hang.
 */
export function compileCustomRules(rules: CustomRules | undefined): (text: string) => Span[] {
  const terms = (rules?.terms ?? []).map((t) => t.trim()).filter((t) => t.length >= 2);
  const patterns = rules?.patterns ?? [];
  if (terms.length === 0 && patterns.length === 0) return () => [];
  return (text) => {
    const spans: Span[] = [];
    const lower = text.toLowerCase();
    for (const term of terms) {
      const needle = term.toLowerCase();
      for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
        spans.push({ type: 'CUSTOM', start: at, end: at + term.length, text: text.slice(at, at + term.length) });
      }
    }
    for (const find of patterns) {
      for (const [start, end] of find(text)) spans.push({ type: 'CUSTOM', start, end, text: text.slice(start, end) });
    }
    return spans;
  };
}
