import type { CustomRules, Span } from '../types';

/** Merchant-defined terms (exact, case-insensitive for Latin letters) and patterns. Invalid patterns are skipped. */
export function compileCustomRules(rules: CustomRules | undefined): (text: string) => Span[] {
  const terms = (rules?.terms ?? []).map((t) => t.trim()).filter((t) => t.length >= 2);
  const patterns: RegExp[] = [];
  for (const p of rules?.patterns ?? []) {
    try {
      patterns.push(new RegExp(p, 'g'));
    } catch {
      // A broken merchant pattern must not break every chat: it is reported by the admin page that saves it.
    }
  }
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
    for (const re of patterns) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex += 1;
          continue;
        }
        spans.push({ type: 'CUSTOM', start: m.index, end: m.index + m[0].length, text: m[0] });
      }
    }
    return spans;
  };
}
