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
 * One replace for the wide forms; only where two digits meet, one pass for the Chinese digits.
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

function narrow(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0xff01 && c <= 0xff5e) return ASCII[c - 0xfee0]!;
  return c === 0x3000 || c === 0xa0 ? ' ' : '-';
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/** Between the digits of one run: a space, a hyphen, a comma or 、 (a comma only counts in a run of Chinese digits). */
const isSeparator = (c: number) => c === 32 || c === 45 || c === 44 || c === 0x3001;
const isAnyDigit = (c: number) => isDigit(c) || CN_VALUE[c]! > 0;

/**
 * Chinese digits are rare and mostly words (一下, 三成): look at each one, and only when it sits in a
 * long enough run of digits (single spaces, hyphens or commas between them) rewrite that run.
 */
function foldChineseDigits(text: string): string {
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
 * digits be long enough to rewrite. A loop over the codes — the same test as a regex of two character
 * classes, which took about three times as long on a 4,000-character prompt.
 */
function hasChinesePair(text: string): boolean {
  // The codes of the two characters before this one.
  let p1 = -1;
  let p2 = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const cn = CN_VALUE[c]! > 0;
    if (cn || isDigit(c)) {
      // [Chinese digit][separator]?[any digit] or [digit][separator]?[Chinese digit].
      const before = isAnyDigit(p1) ? p1 : isSeparator(p1) && isAnyDigit(p2) ? p2 : -1;
      if (before >= 0 && (cn || CN_VALUE[before]! > 0)) return true;
    }
    p2 = p1;
    p1 = c;
  }
  return false;
}

export function foldText(text: string): string {
  // One replace for the wide forms: measured faster than building the string from a code buffer.
  const narrowed = text.replace(WIDE, narrow);
  return hasChinesePair(narrowed) ? foldChineseDigits(narrowed) : narrowed;
}
