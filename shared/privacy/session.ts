import { ENTITY_TYPES } from '../contracts/privacy';
import { createDetector, REFOUND } from './detect';
import { foldText } from './fold';
import type { CustomRules, EntityType, Span } from './types';

/**
 * A conversation's placeholders: `[PHONE_1]` stays `[PHONE_1]` in every turn. The state is plain
 * data, persisted with the conversation in mainland storage, so later turns reuse it and the
 * restorer can put the originals back.
 */
export interface PlaceholderEntry {
  type: EntityType;
  /** The text as the user first wrote it: what the answer gets back. */
  original: string;
  /** The comparison key (digits only for numbers, lower case for e-mail…), so variants share a placeholder. */
  key: string;
  placeholder: string;
}

export interface SessionState {
  entries: PlaceholderEntry[];
  counters: Partial<Record<EntityType, number>>;
}

export interface RedactedEntity {
  type: EntityType;
  start: number;
  end: number;
  placeholder: string;
}

export interface Redaction {
  redacted: string;
  entities: RedactedEntity[];
}

export function emptySession(): SessionState {
  return { entries: [], counters: {} };
}

export function normalizeValue(type: EntityType, text: string): string {
  // Full-width forms and Chinese digits are the same characters as their ASCII forms (fold.ts). Names,
  // addresses and marked texts are compared as written: they skip the fold (most spans of a prompt).
  if (!FOLDED_TYPES.has(type)) return text.trim();
  const folded = foldText(text);
  switch (type) {
    case 'PHONE': {
      // Digits only; +86 / 0086 / 86 before a mobile, and +86 before a landline's area code, are the
      // same number as the domestic form (+86 21 5098 7712 = 021-5098 7712).
      const digits = folded.replace(/\D/g, '');
      if (/^(?:0086|86)1[3-9]\d{9}$/.test(digits)) return digits.slice(-11);
      const international = /^\s*\(?\s*(?:\+|00)/.test(folded);
      if (international && /^(?:00)?86/.test(digits)) return digits.replace(/^(?:00)?860?/, '0');
      return international && digits.startsWith('00') ? digits.slice(2) : digits;
    }
    case 'NUMBER':
    case 'QQ':
      return folded.replace(/\D/g, '');
    case 'ID_CARD':
    case 'BANK_CARD':
    case 'USCC':
    case 'PASSPORT':
    case 'PLATE':
      return folded.replace(/[\s\-·•・()]/g, '').toUpperCase();
    case 'EMAIL':
    case 'WECHAT_ID':
    case 'IP':
      return folded.trim().toLowerCase();
    default:
      return text.trim();
  }
}

/** The types whose comparison key normalizeValue reads from the folded text. */
const FOLDED_TYPES: ReadonlySet<EntityType> = new Set<EntityType>([
  'PHONE',
  'NUMBER',
  'QQ',
  'ID_CARD',
  'BANK_CARD',
  'USCC',
  'PASSPORT',
  'PLATE',
  'EMAIL',
  'WECHAT_ID',
  'IP',
]);

/** `[TYPE_N]`, and the light manglings models produce: full-width or 【】 brackets, spaces, lower case. */
const PLACEHOLDER = /[[［【]\s*([A-Za-z]+(?:_[A-Za-z]+)?)\s*[_\s]\s*(\d{1,4})\s*[\]］】]/g;
const PLACEHOLDER_TYPE = /^[[［【]\s*([A-Za-z]+(?:_[A-Za-z]+)?)/;
const TYPES: ReadonlySet<string> = new Set(ENTITY_TYPES);

export class PrivacySession {
  readonly state: SessionState;
  private readonly custom?: CustomRules;
  private readonly byKey = new Map<string, PlaceholderEntry>();
  private readonly byPlaceholder = new Map<string, PlaceholderEntry>();

  constructor(state: SessionState = emptySession(), options: { custom?: CustomRules } = {}) {
    this.state = { entries: [...state.entries], counters: { ...state.counters } };
    this.custom = options.custom;
    for (const e of this.state.entries) this.index(e);
  }

  private index(e: PlaceholderEntry): void {
    this.byKey.set(`${e.type}\u0000${e.key}`, e);
    this.byPlaceholder.set(e.placeholder, e);
  }

  private placeholderFor(span: Span): string {
    const key = normalizeValue(span.type, span.text);
    const found = this.byKey.get(`${span.type}\u0000${key}`);
    if (found) return found.placeholder;
    const n = (this.state.counters[span.type] ?? 0) + 1;
    this.state.counters[span.type] = n;
    const entry: PlaceholderEntry = { type: span.type, original: span.text, key, placeholder: `[${span.type}_${n}]` };
    this.state.entries.push(entry);
    this.index(entry);
    return entry.placeholder;
  }

  /**
   * Detects and replaces; names known from earlier turns are found again without their cue. `marked`
   * are texts the user chose to hide: they become PRIVATE entries, hidden again in later turns.
   */
  redact(text: string, options: { marked?: string[] } = {}): Redaction {
    const known = this.state.entries.filter((e) => REFOUND.has(e.type)).map((e) => ({ type: e.type, text: e.original }));
    // Text that already reads like one of our placeholders ([PHONE_1] typed or pasted by the user) is
    // hidden too, so that restoring gives it back as written instead of someone's phone number.
    // (Every placeholder opens with one of three brackets: three indexOf calls spare most prompts the regex.)
    const bracket = text.includes('[') || text.includes('［') || text.includes('【');
    const literal = bracket ? (text.match(PLACEHOLDER) ?? []).filter((p) => TYPES.has(PLACEHOLDER_TYPE.exec(p)![1]!.toUpperCase())) : [];
    const marked = literal.length ? [...(options.marked ?? []), ...literal] : options.marked;
    const spans = createDetector({ custom: this.custom, known, marked })(text);
    let out = '';
    let last = 0;
    const entities: RedactedEntity[] = [];
    for (const span of spans) {
      out += text.slice(last, span.start);
      const placeholder = this.placeholderFor(span);
      entities.push({ type: span.type, start: span.start, end: span.end, placeholder });
      out += placeholder;
      last = span.end;
    }
    return { redacted: out + text.slice(last), entities };
  }

  /** Puts the originals back. A placeholder we never issued is left as the model wrote it. */
  restore(text: string): string {
    return text.replace(PLACEHOLDER, (whole, type: string, n: string) => {
      const entry = this.byPlaceholder.get(`[${type.toUpperCase()}_${Number(n)}]`);
      return entry ? entry.original : whole;
    });
  }

  /** A restorer for a streamed answer: a placeholder split across chunks is held back until complete. */
  streamRestorer(): StreamingRestorer {
    return new StreamingRestorer(this);
  }
}

/** The longest a (mangled) placeholder can be; an open bracket further back than this is just text. */
const MAX_PLACEHOLDER = 24;

export class StreamingRestorer {
  private pending = '';

  constructor(private readonly session: PrivacySession) {}

  /** Feeds a chunk; returns the restored text that is safe to show now. */
  push(chunk: string): string {
    const text = this.pending + chunk;
    const open = Math.max(text.lastIndexOf('['), text.lastIndexOf('［'), text.lastIndexOf('【'));
    let cut = text.length;
    if (open >= 0 && text.length - open <= MAX_PLACEHOLDER && !/[\]］】]/.test(text.slice(open))) {
      // Could still become a placeholder: keep it until it closes or grows too long.
      if (/^[[［【]\s*[A-Za-z_]*\s*\d*\s*$/.test(text.slice(open))) cut = open;
    }
    this.pending = text.slice(cut);
    return this.session.restore(text.slice(0, cut));
  }

  /** The end of the stream: whatever was held back. */
  end(): string {
    const rest = this.session.restore(this.pending);
    this.pending = '';
    return rest;
  }
}
