import { PrivacySession } from '../../generated/shared';
import { chipText } from '../sent-view/labels';

/** A piece of the draft, UTF-16 offsets, end exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}

/** What the anonymizer hides: the server's `privacy.preview` entities, or the local preview's. */
export interface PreviewEntity extends TextSpan {
  type: string;
  placeholder: string;
}

/** One hidden item of the expanded panel: 张伟 → 某人1. */
export interface Chip {
  key: string;
  original: string;
  label: string;
  type: string;
  /** The user hid it (tap again to show it). */
  mine: boolean;
}

/** One piece of the draft in the expanded panel. */
export interface Piece {
  key: string;
  text: string;
  start: number;
  end: number;
  /** hidden: the anonymizer hides it; mine: the user did; number: digits left visible; word: tap to hide; plain: not tappable. */
  kind: 'hidden' | 'mine' | 'number' | 'word' | 'plain';
  /** For hidden pieces: 某人1. */
  label: string;
}

export interface ComposerView {
  count: number;
  chips: Chip[];
  pieces: Piece[];
  /** Something that looks like a personal number is still visible. */
  numberLeft: boolean;
}

/** The texts of the spans the user hid, once each, as `privacy.preview` and `chat.send` take them. */
export function markedTexts(text: string, spans: TextSpan[]): string[] {
  const out: string[] = [];
  for (const s of spans) {
    const t = text.slice(s.start, s.end).trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/** The keystroke preview, in the app: numbering starts at 1 (the server's preview knows the conversation's). */
export function localEntities(text: string, spans: TextSpan[]): PreviewEntity[] {
  if (!text) return [];
  const marked = markedTexts(text, spans);
  return new PrivacySession().redact(text, marked.length ? { marked } : {}).entities;
}

/** `[PERSON_3]` → { type: 'PERSON', n: '3' }. */
function parsePlaceholder(p: string): { type: string; n: string } {
  const m = /^\[([A-Z]+(?:_[A-Z]+)?)_(\d+)\]$/.exec(p);
  return m ? { type: m[1]!, n: m[2]! } : { type: 'CUSTOM', n: '' };
}

const isDigit = (c: string) => (c >= '0' && c <= '9') || (c >= '０' && c <= '９');
const isLatin = (c: string) => /[A-Za-z_@.\-Ａ-Ｚａ-ｚ]/.test(c);
const isHan = (c: string) => /[\u3400-\u9fff\uf900-\ufaff]/.test(c);

/**
 * The tappable words of visible text: a run of Latin letters and digits is one word (an e-mail, a code,
 * a number with its spaces and dashes), each Chinese character is one (tap 青 and 龙: 青龙 is hidden;
 * neighbouring taps join). Punctuation and spaces are not words.
 */
export function words(text: string, from: number, to: number): TextSpan[] {
  const out: TextSpan[] = [];
  let i = from;
  while (i < to) {
    const c = text[i]!;
    if (isHan(c)) {
      out.push({ start: i, end: i + 1 });
      i++;
    } else if (isDigit(c) || isLatin(c)) {
      let j = i + 1;
      while (j < to) {
        const d = text[j]!;
        if (isDigit(d) || isLatin(d)) j++;
        // A single space or dash inside a number (138 1234 5678) keeps it one word.
        else if ((d === ' ' || d === '-') && j + 1 < to && isDigit(text[j - 1]!) && isDigit(text[j + 1]!)) j++;
        else break;
      }
      // A trailing dot or dash is punctuation, not part of the word.
      while (j > i + 1 && /[.\-@]/.test(text[j - 1]!)) j--;
      out.push({ start: i, end: j });
      i = j;
    } else i++;
  }
  return out;
}

/** After a number, a unit that makes it an amount, a quantity or a date rather than someone's number. */
const UNIT_AFTER = /^\s?(?:元|块|万|亿|%|％|‰|年|月|日|岁|个|件|次|人|字|kg|g|km|m|cm|ml|mb|gb|kb|ms|s)/i;
/** Before a number: a currency sign. */
const SIGN_BEFORE = /[¥￥$€£]\s?$/;

/**
 * Five or more digits that are not a date, an amount or a quantity: worth a second look (a code, a room,
 * an account). The anonymizer's backstop hides the long runs it is unsure of; what it leaves is the
 * user's call.
 */
export function looksPersonalNumber(word: string, before = '', after = ''): boolean {
  const digits = [...word].filter(isDigit).length;
  if (digits < 5 || digits !== word.replace(/[\s-]/g, '').length) return false;
  if (/^(?:19|20)\d{2}[-./](?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\d|3[01])$/.test(word)) return false;
  if (UNIT_AFTER.test(after) || SIGN_BEFORE.test(before)) return false;
  return true;
}

/** Builds what the composer shows: the count, the chips and the pieces of the expanded panel. */
export function composerView(text: string, entities: PreviewEntity[], spans: TextSpan[]): ComposerView {
  const mine = (e: TextSpan) => spans.some((s) => s.start < e.end && e.start < s.end);
  const chips: Chip[] = [];
  const pieces: Piece[] = [];
  let numberLeft = false;
  let at = 0;
  const visible = (from: number, to: number) => {
    let k = from;
    for (const w of words(text, from, to)) {
      if (w.start > k) pieces.push({ key: `p${k}`, text: text.slice(k, w.start), start: k, end: w.start, kind: 'plain', label: '' });
      const t = text.slice(w.start, w.end);
      const number = looksPersonalNumber(t, text.slice(Math.max(0, w.start - 2), w.start), text.slice(w.end, w.end + 3));
      if (number) numberLeft = true;
      pieces.push({ key: `w${w.start}`, text: t, start: w.start, end: w.end, kind: number ? 'number' : 'word', label: '' });
      k = w.end;
    }
    if (to > k) pieces.push({ key: `p${k}`, text: text.slice(k, to), start: k, end: to, kind: 'plain', label: '' });
  };
  for (const e of [...entities].sort((a, b) => a.start - b.start)) {
    if (e.start < at) continue;
    if (e.start > at) visible(at, e.start);
    const { type, n } = parsePlaceholder(e.placeholder);
    const label = chipText(type, n);
    const original = text.slice(e.start, e.end);
    const isMine = type === 'PRIVATE' || mine(e);
    pieces.push({ key: `h${e.start}`, text: original, start: e.start, end: e.end, kind: isMine ? 'mine' : 'hidden', label });
    if (!chips.some((c) => c.key === e.placeholder)) chips.push({ key: e.placeholder, original, label, type, mine: isMine });
    at = e.end;
  }
  if (at < text.length) visible(at, text.length);
  return { count: chips.length, chips, pieces, numberLeft };
}

/** Tap on a word: hide it (joining a neighbouring hidden span), or show it again if it was hidden by the user. */
export function toggleSpan(spans: TextSpan[], tapped: TextSpan): TextSpan[] {
  const hit = spans.find((s) => s.start < tapped.end && tapped.start < s.end);
  if (hit) return spans.filter((s) => s !== hit);
  let start = tapped.start;
  let end = tapped.end;
  const rest: TextSpan[] = [];
  for (const s of spans) {
    if (s.end === start) start = s.start;
    else if (s.start === end) end = s.end;
    else {
      rest.push(s);
      continue;
    }
  }
  // A second pass: a span joined on the left may now touch another on the right.
  return [...rest, { start, end }].sort((a, b) => a.start - b.start);
}

/**
 * Keeps the user's hidden spans on their words while the draft is edited: spans before the edit stay,
 * spans after it move, spans the edit touched are dropped (the word changed).
 */
export function shiftSpans(spans: TextSpan[], before: string, after: string): TextSpan[] {
  if (spans.length === 0 || before === after) return spans;
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  let s = 0;
  while (s < before.length - p && s < after.length - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  const editEnd = before.length - s;
  const delta = after.length - before.length;
  const out: TextSpan[] = [];
  for (const span of spans) {
    if (span.end <= p) out.push(span);
    else if (span.start >= editEnd) out.push({ start: span.start + delta, end: span.end + delta });
  }
  return out;
}

/** What `send` carries: the draft without surrounding blanks, and the user's spans moved to match. */
export function sendDetail(text: string, spans: TextSpan[]): { text: string; private: TextSpan[] } {
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const out: TextSpan[] = [];
  for (const s of spans) {
    const start = Math.max(0, s.start - lead);
    const end = Math.min(trimmed.length, s.end - lead);
    if (end > start) out.push({ start, end });
  }
  return { text: trimmed, private: out };
}

/**
 * What the server's previews taught about this conversation's numbering: `PERSON` + `张伟` → `[PERSON_2]`.
 * The keystroke preview reuses it, so 某人2 does not flash as 某人1 while the server is asked again.
 */
export type Numbering = Record<string, string>;

const numberingKey = (type: string, original: string) => `${type}\u0000${original}`;

/** Adds what one server preview says to what is known. */
export function learnNumbering(known: Numbering, text: string, entities: PreviewEntity[]): Numbering {
  const out = { ...known };
  for (const e of entities) out[numberingKey(parsePlaceholder(e.placeholder).type, text.slice(e.start, e.end))] = e.placeholder;
  return out;
}

/**
 * The local preview's entities numbered the way the conversation will number them: a text the server
 * numbered before keeps its placeholder, a new one takes the next number after the highest known.
 */
export function renumber(known: Numbering, text: string, entities: PreviewEntity[]): PreviewEntity[] {
  if (Object.keys(known).length === 0) return entities;
  const highest: Record<string, number> = {};
  for (const p of Object.values(known)) {
    const { type, n } = parsePlaceholder(p);
    highest[type] = Math.max(highest[type] ?? 0, Number(n) || 0);
  }
  const taken = new Set(Object.values(known));
  const chosen = new Map<string, string>();
  return entities.map((e) => {
    let placeholder = chosen.get(e.placeholder);
    if (!placeholder) {
      const { type } = parsePlaceholder(e.placeholder);
      placeholder = known[numberingKey(type, text.slice(e.start, e.end))];
      if (!placeholder) {
        do placeholder = `[${type}_${(highest[type] = (highest[type] ?? 0) + 1)}]`;
        while (taken.has(placeholder));
      }
      chosen.set(e.placeholder, placeholder);
    }
    return { ...e, placeholder };
  });
}

/**
 * Shows a word the user hid again. A marked word is hidden wherever it appears, so a tap on any of its
 * occurrences drops every span of that word.
 */
export function unhideSpans(text: string, spans: TextSpan[], tapped: TextSpan): TextSpan[] {
  const word = text.slice(tapped.start, tapped.end).trim();
  return spans.filter((s) => !(s.start < tapped.end && tapped.start < s.end) && text.slice(s.start, s.end).trim() !== word);
}
