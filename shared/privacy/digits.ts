/**
 * Runs of digits in the folded text: groups of digits joined by the separators people put inside a
 * number (a space or two, one hyphen or dot, brackets around an area or country code). One linear pass;
 * the phone detector and the backstop read the same runs.
 */
export interface DigitRun {
  /** Where the run starts: its first digit, or the `+` / `(` before it. */
  start: number;
  end: number;
  /** Written with a leading `+` (possibly inside a bracket: `(+86)`). */
  plus: boolean;
  /** [start, end) of each group of digits. */
  groups: Array<[number, number]>;
  /** The separator after each group but the last (`gaps[k]` lies between group k and k + 1). */
  gaps: string[];
  /** How many digits in all. */
  digits: number;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** The separators allowed between two groups of one number. */
const GAP = /^(?: {1,2}|-|\.| - | -|- |\) ?|\)-| ?\()$/;

function isGapChar(c: number): boolean {
  return c === 32 || c === 45 || c === 46 || c === 40 || c === 41;
}

/** The phone detector and the backstop ask for the same text's runs in one detection: the last answer is kept. */
let lastText: string | undefined;
let lastRuns: DigitRun[] = [];

export function digitRuns(folded: string): readonly DigitRun[] {
  if (folded === lastText) return lastRuns;
  const runs: DigitRun[] = [];
  const n = folded.length;
  for (let i = 0; i < n; i++) {
    const c = folded.charCodeAt(i);
    let p = i;
    let plus = false;
    if (c === 40 /* ( */) {
      p++;
      if (folded.charCodeAt(p) === 43) {
        plus = true;
        p++;
      }
    } else if (c === 43 /* + */) {
      const before = folded.charCodeAt(i - 1);
      if (isDigit(before) || (before >= 65 && before <= 90) || (before >= 97 && before <= 122)) continue;
      plus = true;
      p++;
    } else if (!isDigit(c)) continue;
    if (!isDigit(folded.charCodeAt(p))) continue;
    const groups: Array<[number, number]> = [];
    const gaps: string[] = [];
    let q = p;
    let digits = 0;
    for (;;) {
      const from = q;
      while (q < n && isDigit(folded.charCodeAt(q))) q++;
      groups.push([from, q]);
      digits += q - from;
      let k = q;
      while (k < n && k - q < 3 && isGapChar(folded.charCodeAt(k))) k++;
      if (k === q || !isDigit(folded.charCodeAt(k)) || !GAP.test(folded.slice(q, k))) break;
      gaps.push(folded.slice(q, k));
      q = k;
    }
    runs.push({ start: i, end: q, plus, groups, gaps, digits });
    i = q - 1;
  }
  lastText = folded;
  lastRuns = runs;
  return runs;
}
