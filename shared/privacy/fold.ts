/**
 * The text the structured detectors read: look-alike characters mapped to ASCII one for one, so every
 * offset still points into the original (spans are always cut from the original text).
 *
 * - full-width forms (`１３８`, `Ａ`, `（`, `：`, `＋`, `－`) become ASCII, the ideographic and the
 *   no-break space a space, the dashes (‐ ‑ ‒ – — ― −) a hyphen;
 * - Chinese digits read out one by one (幺三八 零五一二…, with 〇/零/洞 for 0) become digits, but only
 *   in a run of at least 7 digit characters of which at least 4 are Chinese, so that 一 in ordinary
 *   words (一起, 一五一十) stays a word; commas between the groups of such a run become spaces.
 *
 * One replace for the wide forms; only where two digits meet, one pass for the Chinese digits. The text
 * index (text-index.ts) finds both in its one pass over a prompt, with the class table below.
 */
const CN_DIGITS: Array<[string, number]> = [
  ['〇零洞', 0],
  ['幺一壹', 1],
  ['二两贰', 2],
  ['三叁', 3],
  ['四肆', 4],
  ['五伍', 5],
  ['六陆', 6],
  ['七拐柒', 7],
  ['八捌', 8],
  ['九勾玖', 9],
];
/** Code → 48 + digit for a Chinese digit, 0 for anything else (a bitmap-like table: one look-up per character). */
const CN_VALUE = new Uint8Array(65536);
for (const [chars, d] of CN_DIGITS) for (const c of chars) CN_VALUE[c.charCodeAt(0)] = 48 + d;

const ASCII: string[] = [];
for (let i = 0; i < 128; i++) ASCII.push(String.fromCharCode(i));

const WIDE = /[\uFF01-\uFF5E\u3000\u00A0\u2010-\u2015\u2212]/g;

/** The characters WIDE matches, and the code each has in the folded text. */
function narrowCode(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  if (c === 0x3000 || c === 0xa0) return 32;
  return (c >= 0x2010 && c <= 0x2015) || c === 0x2212 ? 45 : c;
}
export const WIDE_CHARS: string[] = [];
for (let c = 0xff01; c <= 0xff5e; c++) WIDE_CHARS.push(String.fromCharCode(c));
for (const c of [0x3000, 0xa0, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212]) WIDE_CHARS.push(String.fromCharCode(c));

function narrow(ch: string): string {
  return ASCII[narrowCode(ch.charCodeAt(0))]!;
}

/**
 * What a character is in the folded text (before Chinese digits are read), as bits of one table, so
 * that a pass over a prompt classifies each character with one look-up: an ASCII digit, a Chinese
 * digit, a separator inside a run of digits (a space, a hyphen, a comma or 、: a comma only counts in
 * a run of Chinese digits), a capital A–Z. Zero for everything else — most characters of a prompt.
 */
export const DIGIT = 1;
export const CN_DIGIT = 2;
export const SEPARATOR = 4;
export const CAPITAL = 8;
export const FOLDED_CLASS = new Uint8Array(65536);
const classOf = (n: number) =>
  n >= 48 && n <= 57 ? DIGIT : n === 32 || n === 45 || n === 44 || n === 0x3001 ? SEPARATOR : n >= 65 && n <= 90 ? CAPITAL : 0;
for (let c = 0; c < 128; c++) FOLDED_CLASS[c] = classOf(c);
for (const w of WIDE_CHARS) FOLDED_CLASS[w.charCodeAt(0)] = classOf(narrowCode(w.charCodeAt(0)));
FOLDED_CLASS[0x3001] = SEPARATOR;
for (const [chars] of CN_DIGITS) for (const c of chars) FOLDED_CLASS[c.charCodeAt(0)] = CN_DIGIT;

/**
 * The wide forms at `positions` (every wide form of the text, ascending, from the text index) as
 * ASCII: the same string as the one replace, joined from the slices between them — half the time of
 * the regex on a 4,000-character prompt, which scans every character again. (Joined rather than
 * concatenated: `+=` built a rope of hundreds of nodes that the first read then copied flat.)
 */
export function foldWideAt(text: string, positions: { list: Int32Array; count: number }): string {
  const parts: string[] = [];
  let last = 0;
  for (let k = 0; k < positions.count; k++) {
    const p = positions.list[k]!;
    if (p > last) parts.push(text.slice(last, p));
    parts.push(ASCII[narrowCode(text.charCodeAt(p))]!);
    last = p + 1;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/** Between the digits of one run: a space, a hyphen, a comma or 、 (a comma only counts in a run of Chinese digits). */
const isSeparator = (c: number) => c === 32 || c === 45 || c === 44 || c === 0x3001;
const isAnyDigit = (c: number) => isDigit(c) || CN_VALUE[c]! > 0;

/**
 * Chinese digits are rare and mostly words (一下, 三成): look at each one, and only when it sits in a
 * long enough run of digits (single spaces, hyphens or commas between them) rewrite that run.
 */
export function foldChineseDigits(text: string): string {
  const n = text.length;
  let out = '';
  let last = 0;
  for (let i = 0; i < n; i++) {
    if (!CN_VALUE[text.charCodeAt(i)]) continue;
    // The run around this digit: back to its first digit, forward to its last.
    let start = i;
    while (
      start > 0 &&
      (isAnyDigit(text.charCodeAt(start - 1)) ||
        (start > 1 && isSeparator(text.charCodeAt(start - 1)) && isAnyDigit(text.charCodeAt(start - 2))))
    )
      start--;
    if (!isAnyDigit(text.charCodeAt(start))) start++;
    let end = i + 1;
    let digits = 0;
    let cn = 0;
    for (let k = start; k < n; k++) {
      const c = text.charCodeAt(k);
      if (isAnyDigit(c)) {
        digits++;
        if (!isDigit(c)) cn++;
        end = k + 1;
      } else if (!(isSeparator(c) && k + 1 < n && isAnyDigit(text.charCodeAt(k + 1)))) break;
    }
    if (digits >= 7 && cn >= 4) {
      let run = '';
      for (let k = start; k < end; k++) {
        const c = text.charCodeAt(k);
        const v = CN_VALUE[c]!;
        // Read out in groups with commas (幺八六，洞幺洞幺，…): the commas become the spaces between groups.
        run += v ? ASCII[v]! : c === 44 || c === 0x3001 ? ' ' : text[k]!;
      }
      out += text.slice(last, start) + run;
      last = end;
    }
    i = end - 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * Two digits side by side (or one separator apart), one of them Chinese: only then can a run of Chinese
 * digits be long enough to rewrite. Does such a pair end at a character of class `k`, after one of
 * class `k1` and, before it, one of `k2` (FOLDED_CLASS; 0 before the start)? A test on classes — a
 * regex of two character classes took about three times as long on a 4,000-character prompt — that
 * the text index runs in its one pass.
 */
const ANY_DIGIT = DIGIT | CN_DIGIT;
export function chinesePairEndsAt(k2: number, k1: number, k: number): boolean {
  if ((k & ANY_DIGIT) === 0) return false;
  // [Chinese digit][separator]?[any digit] or [digit][separator]?[Chinese digit].
  if ((k1 & ANY_DIGIT) !== 0) return ((k | k1) & CN_DIGIT) !== 0;
  return (k1 & SEPARATOR) !== 0 && (k2 & ANY_DIGIT) !== 0 && ((k | k2) & CN_DIGIT) !== 0;
}

/** On the narrowed text (the wide forms already ASCII). */
function hasChinesePair(text: string): boolean {
  let k1 = 0;
  let k2 = 0;
  for (let i = 0; i < text.length; i++) {
    const k = FOLDED_CLASS[text.charCodeAt(i)]!;
    if (chinesePairEndsAt(k2, k1, k)) return true;
    k2 = k1;
    k1 = k;
  }
  return false;
}

export function foldText(text: string): string {
  // One replace for the wide forms: measured faster than building the string from a code buffer.
  const narrowed = text.replace(WIDE, narrow);
  return hasChinesePair(narrowed) ? foldChineseDigits(narrowed) : narrowed;
}
