/**
 * Runs of digits in the folded text: groups of digits joined by the separators people put inside a
 * number (a space or two, one hyphen or dot, brackets around an area or country code). One linear pass
 * per prompt (the text index keeps its result); the phone, card and ID detectors and the backstop read
 * the same runs.
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

function isGapChar(c: number): boolean {
  return c === 32 || c === 45 || c === 46 || c === 40 || c === 41;
}

/**
 * Is folded[q, k) (1 to 3 gap characters) one of the separators allowed between two groups of one
 * number, /^(?: {1,2}|-|\.| - | -|- |\) ?|\)-| ?\()$/? Tested on the codes: no slice per gap (checked
 * against that regex for every such string in test/unit/privacy-digits.test.ts).
 */
export function isGapAt(folded: string, q: number, k: number): boolean {
  const a = folded.charCodeAt(q);
  if (k - q === 1) return isGapChar(a);
  const b = folded.charCodeAt(q + 1);
  if (k - q === 2) {
    // "  ", " -", " (", "- ", ") ", ")-"
    if (a === 32) return b === 32 || b === 45 || b === 40;
    if (a === 45) return b === 32;
    return a === 41 && (b === 32 || b === 45);
  }
  return k - q === 3 && a === 32 && b === 45 && folded.charCodeAt(q + 2) === 32; // " - "
}

/** Every reader of the runs (phones, identity and bank cards, the backstop) wants 7 digits or more. */
const MIN_DIGITS = 7;

/**
 * [start, end) of each group of the run being read, reused from run to run: a short run allocates
 * nothing. (A typed array: `array.length = 0` would free a plain array's storage every time.)
 */
let bounds = new Int32Array(64);

/**
 * The runs of 7 digits or more of a folded text, left to right (shorter runs are read past, not built).
 * `starts`: the positions of the characters a run can start at (a digit, `(`, `+`), ascending, from
 * the text index — or undefined to look at every character.
 */
export function findDigitRuns(folded: string, starts?: { list: Int32Array; count: number }): DigitRun[] {
  const runs: DigitRun[] = [];
  const n = folded.length;
  const candidates = starts ? starts.count : n;
  // The first character not yet inside a run.
  let next = 0;
  for (let s = 0; s < candidates; s++) {
    const i = starts ? starts.list[s]! : s;
    if (i < next) continue;
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
    let used = 0;
    let q = p;
    let digits = 0;
    for (;;) {
      const from = q;
      while (q < n && isDigit(folded.charCodeAt(q))) q++;
      if (used + 2 > bounds.length) {
        const grown = new Int32Array(bounds.length * 2);
        grown.set(bounds);
        bounds = grown;
      }
      bounds[used++] = from;
      bounds[used++] = q;
      digits += q - from;
      let k = q;
      while (k < n && k - q < 3 && isGapChar(folded.charCodeAt(k))) k++;
      if (k === q || !isDigit(folded.charCodeAt(k)) || !isGapAt(folded, q, k)) break;
      q = k;
    }
    next = q;
    if (digits < MIN_DIGITS) continue;
    const groups: Array<[number, number]> = [];
    const gaps: string[] = [];
    for (let g = 0; g < used; g += 2) {
      if (g > 0) gaps.push(folded.slice(bounds[g - 1]!, bounds[g]!));
      groups.push([bounds[g]!, bounds[g + 1]!]);
    }
    runs.push({ start: i, end: q, plus, groups, gaps, digits });
  }
  return runs;
}

const single = (run: DigitRun, k: number) => run.groups[k]![1] - run.groups[k]![0] === 1;

/**
 * Left to right, the longest slices of whole groups of `run` that `accept` takes (it returns how many
 * characters the slice really ends after its last digit — 1 for the X of an ID card — or -1). A slice
 * begins the run or follows a space, ends the run or is followed by a space, and touches no ASCII
 * letter or digit on either side. Only spaces and hyphens may separate its groups.
 */
export function pickSlices(
  run: DigitRun,
  folded: string,
  maxDigits: number,
  accept: (digits: string, first: number, last: number) => number,
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const n = run.groups.length;
  let after = -1;
  for (let i = 0; i < n; i++) {
    if (i > 0 && (!run.gaps[i - 1]!.includes(' ') || (after !== i - 1 && single(run, i - 1) && single(run, i)))) continue;
    const start = run.groups[i]![0];
    if (i === 0 && /[0-9A-Za-z_]/.test(folded[start - 1] ?? '')) continue;
    let d = '';
    let best = -1;
    let bestEnd = -1;
    for (let j = i; j < n; j++) {
      if (j > i && !/^(?: {1,2}|-| - )$/.test(run.gaps[j - 1]!)) break;
      d += folded.slice(run.groups[j]![0], run.groups[j]![1]);
      if (d.length > maxDigits) break;
      const extra = accept(d, i, j);
      if (extra < 0) continue;
      const end = run.groups[j]![1] + extra;
      if (/[0-9A-Za-z_]/.test(folded[end] ?? '')) continue;
      if (extra === 0 && j < n - 1 && (!run.gaps[j]!.includes(' ') || (single(run, j) && single(run, j + 1)))) continue;
      best = j;
      bestEnd = end;
    }
    if (best < 0) continue;
    out.push([start, bestEnd]);
    after = best;
    i = best;
  }
  return out;
}
