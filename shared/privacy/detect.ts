import { detectAddresses } from './detectors/address';
import { detectEmails, detectIps, detectPhones, detectSocialIds } from './detectors/contact';
import { compileCustomRules } from './detectors/custom';
import { detectBankCards, detectIdCards, detectPassports, detectUscc } from './detectors/identifiers';
import { detectNumbers } from './detectors/number-backstop';
import { detectPersons } from './detectors/person';
import { detectPersonsByPlace, givenNameOf } from './detectors/person-structure';
import { detectPlates } from './detectors/plate';
import { foldText } from './fold';
import { PhraseSet } from './phrases';
import type { CustomRules, Detector, EntityType, Span } from './types';

/** Which type wins when two spans cover the same text: the validated identifiers first. */
const SPECIFICITY: Record<EntityType, number> = {
  ID_CARD: 13,
  USCC: 12,
  BANK_CARD: 11,
  PASSPORT: 10,
  PHONE: 9,
  EMAIL: 9,
  IP: 8,
  PLATE: 8,
  WECHAT_ID: 7,
  QQ: 7,
  CUSTOM: 6,
  PERSON: 4,
  ADDRESS: 3,
  // The user's own word outranks every detector; the backstop yields to all of them.
  PRIVATE: 14,
  NUMBER: 1,
};

/** Each detector gets the text and its folded form (fold.ts); the structured ones read the latter. */
const BUILT_IN: Detector[] = [
  detectIdCards,
  detectBankCards,
  detectUscc,
  detectPassports,
  detectPhones,
  detectEmails,
  detectSocialIds,
  detectIps,
  detectPlates,
  detectPersons,
  detectPersonsByPlace,
  detectAddresses,
];

/** Overlapping spans resolve to the longest; equal lengths to the most specific type. */
export function resolveOverlaps(spans: Span[]): Span[] {
  const ranked = [...spans].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || SPECIFICITY[b.type] - SPECIFICITY[a.type] || a.start - b.start,
  );
  const kept: Span[] = [];
  for (const s of ranked) {
    if (kept.every((k) => s.end <= k.start || s.start >= k.end)) kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Types whose values are found again wherever they appear, in this turn and later ones. */
export const REFOUND: ReadonlySet<EntityType> = new Set<EntityType>(['PERSON', 'CUSTOM', 'PRIVATE']);

export interface DetectOptions {
  custom?: CustomRules;
  /** Names (and other values) already known in this conversation: found again without a cue. */
  known?: Array<{ type: EntityType; text: string }>;
  /** Texts the user marked as private in this turn: hidden wherever they appear. */
  marked?: string[];
}

export function createDetector(options: DetectOptions = {}): (text: string) => Span[] {
  const custom = compileCustomRules(options.custom);
  return (text) => {
    const folded = foldText(text);
    // One array filled in place (flatMap built one per detector and copied them).
    const spans: Span[] = [];
    for (const d of BUILT_IN) for (const s of d(text, folded)) spans.push(s);
    for (const s of custom(text)) spans.push(s);
    // Names (and merchant terms) found anywhere, or in earlier turns, are found again everywhere: one pass.
    const known = new Map<string, EntityType>();
    for (const k of options.known ?? []) if (k.text.length >= 2 || k.type === 'PRIVATE') known.set(k.text, k.type);
    for (const s of spans) {
      if (!REFOUND.has(s.type) || s.text.length < 2) continue;
      known.set(s.text, s.type);
      // After 覃海鹰 the text may say 海鹰 alone.
      const given = s.type === 'PERSON' ? givenNameOf(s.text) : undefined;
      if (given && !known.has(given)) known.set(given, 'PERSON');
    }
    for (const m of options.marked ?? []) if (m.trim()) known.set(m.trim(), 'PRIVATE');
    if (known.size > 0) {
      const phrases = new PhraseSet(known.keys(), { small: true });
      for (let i = 0; i < text.length; i++) {
        const hit = phrases.startingAt(text, i);
        if (!hit) continue;
        spans.push({ type: known.get(hit)!, start: i, end: i + hit.length, text: hit });
        i += hit.length - 1;
      }
    }
    const kept = resolveOverlaps(spans);
    // The backstop: long numbers nobody claimed (it never overlaps a kept span).
    const numbers = detectNumbers(text, folded, kept);
    return numbers.length ? [...kept, ...numbers].sort((a, b) => a.start - b.start) : kept;
  };
}

/** Finds the personal information in a text with the built-in detectors (and any custom rules). */
export function detect(text: string, options: DetectOptions = {}): Span[] {
  return createDetector(options)(text);
}
