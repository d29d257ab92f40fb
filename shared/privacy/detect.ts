import { detectAddresses } from './detectors/address';
import { detectEmails, detectIps, detectPhones, detectSocialIds } from './detectors/contact';
import { compileCustomRules } from './detectors/custom';
import { detectBankCards, detectIdCards, detectPassports, detectUscc } from './detectors/identifiers';
import { detectNumbers } from './detectors/number-backstop';
import { detectPersons } from './detectors/person';
import { detectPersonsByPlace, givenNameOf } from './detectors/person-structure';
import { detectPlates } from './detectors/plate';
import { TextIndex } from './text-index';
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

/** Each detector reads the prompt's index (text-index.ts): the text, its folded form, where to look. */
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

/**
 * Every occurrence of the known texts, left to right and never overlapping, the longest where several
 * start at one place. A few texts (a conversation's first names) are found with one indexOf each,
 * about a microsecond apiece on a long prompt; many (a long conversation, a prompt full of names) with
 * one pass that tests each character against their first characters.
 */
function findKnown(text: string, known: Map<string, EntityType>, spans: Span[]): void {
  if (known.size <= FEW_KNOWN) findFewKnown(text, known, spans);
  else findManyKnown(text, known, spans);
}

const FEW_KNOWN = 16;

function findFewKnown(text: string, known: Map<string, EntityType>, spans: Span[]): void {
  // Each occurrence as one number, start * 2^16 + (2^16 - 1 - length): ascending order is by start, then longest first.
  const hits: number[] = [];
  for (const k of known.keys()) {
    if (k.length === 0 || k.length >= 65536) continue;
    for (let at = text.indexOf(k); at >= 0; at = text.indexOf(k, at + 1)) hits.push(at * 65536 + (65535 - k.length));
  }
  if (hits.length > 1) hits.sort((a, b) => a - b);
  let next = 0;
  for (const h of hits) {
    const start = Math.floor(h / 65536);
    if (start < next) continue;
    const end = start + 65535 - (h % 65536);
    const hit = text.slice(start, end);
    spans.push({ type: known.get(hit)!, start, end, text: hit });
    next = end;
  }
}

/** The first characters of the known texts, set for one search and cleared after it (no table per call). */
const KNOWN_FIRST = new Uint8Array(65536);

function findManyKnown(text: string, known: Map<string, EntityType>, spans: Span[]): void {
  const byFirst = new Map<number, string[]>();
  const longestFirst = [...known.keys()].filter((k) => k.length > 0).sort((a, b) => b.length - a.length);
  for (const k of longestFirst) {
    const c = k.charCodeAt(0);
    const list = byFirst.get(c);
    if (list) list.push(k);
    else byFirst.set(c, [k]);
    KNOWN_FIRST[c] = 1;
  }
  try {
    const first = KNOWN_FIRST;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (first[c] === 0) continue;
      for (const k of byFirst.get(c)!) {
        if (!text.startsWith(k, i)) continue;
        spans.push({ type: known.get(k)!, start: i, end: i + k.length, text: k });
        i += k.length - 1;
        break;
      }
    }
  } finally {
    for (const c of byFirst.keys()) KNOWN_FIRST[c] = 0;
  }
}

export function createDetector(options: DetectOptions = {}): (text: string) => Span[] {
  const custom = compileCustomRules(options.custom);
  return (text) => {
    const index = new TextIndex(text);
    // One array filled in place (flatMap built one per detector and copied them).
    const spans: Span[] = [];
    for (const d of BUILT_IN) for (const s of d(index)) spans.push(s);
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
    if (known.size > 0) findKnown(text, known, spans);
    const kept = resolveOverlaps(spans);
    // The backstop: long numbers nobody claimed (it never overlaps a kept span).
    const numbers = detectNumbers(index, kept);
    return numbers.length ? [...kept, ...numbers].sort((a, b) => a.start - b.start) : kept;
  };
}

/** Finds the personal information in a text with the built-in detectors (and any custom rules). */
export function detect(text: string, options: DetectOptions = {}): Span[] {
  return createDetector(options)(text);
}
