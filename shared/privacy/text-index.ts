import { findDigitRuns, type DigitRun } from './digits';
import { CAPITAL, chinesePairEndsAt, DIGIT, FOLDED_CLASS, foldChineseDigits, foldWideAt, WIDE_CHARS } from './fold';

/**
 * The one pass over a prompt that every detector shares.
 *
 * Most detectors look for something that can only begin at a few characters — the first character
 * of a cue word, a surname, an address word, a digit. Each declares those characters once, as a
 * trigger; one pass over the text lists, for every trigger, the positions where its characters
 * stand, and each detector visits only those instead of looping over all 4,000 characters of a long
 * prompt with its own table look-ups (a dozen such loops were more than half the anonymizer's time).
 * The same pass folds the text (fold.ts) and notes what the folded text holds (ASCII digits, capital
 * letters), so that a detector that cannot match is not run at all.
 *
 * The position lists live in buffers reused from one prompt to the next: nothing is allocated for
 * them per call (with a median near 1 ms, the p99 was young-generation collections, whose rate is
 * the allocation per call). So an index is only valid until the next one is built; `positions`
 * refuses a stale one rather than return another prompt's positions.
 */

/** Bit t of TRIGGERS[code] is set when the character `code` may start what trigger t looks for. */
const TRIGGERS = new Uint16Array(65536);
const MAX_TRIGGERS = 16;
let triggerCount = 0;

/** A trigger's number (its bit). */
export type Trigger = number;

/** Declares the characters at which a detector's search can begin; every index lists where they stand. */
export function defineTrigger(chars: Iterable<string>): Trigger {
  if (triggerCount === MAX_TRIGGERS) throw new Error('text-index: too many triggers');
  const t = triggerCount++;
  for (const ch of chars) {
    const c = ch.charCodeAt(0);
    TRIGGERS[c] = TRIGGERS[c]! | (1 << t);
  }
  return t;
}

/** The first character of each phrase, for `defineTrigger`. */
export function firstChars(...lists: ReadonlyArray<Iterable<string>>): string[] {
  const out: string[] = [];
  for (const list of lists) for (const p of list) if (p.length > 0) out.push(p[0]!);
  return out;
}

/** Characters that start a digit run in the folded text (digits.ts): a digit, `(` or `+`, ASCII or full-width. */
const NUMBER_START = defineTrigger('0123456789(+０１２３４５６７８９（＋');
/** The full-width forms and other look-alikes that fold.ts turns into ASCII. */
const WIDE_CHAR = defineTrigger(WIDE_CHARS);

// Module-local copies of what the loop below calls or reads at every character: under the CommonJS
// interop that tsx and jest use, each use of an imported binding is a getter call, and in this loop
// that was 15% of a whole detection. (The app's esbuild bundle has no such getters.)
const pairEndsAt = chinesePairEndsAt;
const CLASS = FOLDED_CLASS;
const IS_DIGIT = DIGIT;
const IS_CAPITAL = CAPITAL;

// The reused buffers: one list of positions per trigger.
let lists: Int32Array[] = [];
let capacity = 0;
const counts = new Int32Array(MAX_TRIGGERS);
/** Which index the buffers hold now. */
let generation = 0;

export class TextIndex {
  /** The folded text (fold.ts): same length and offsets as `text`. */
  readonly folded: string;
  /** The folded text holds an ASCII digit / a capital A–Z. */
  readonly hasDigit: boolean;
  readonly hasCapital: boolean;
  /** The longest run of consecutive ASCII digits in the folded text. */
  readonly longestDigitRun: number;
  private readonly generation: number;
  /** Chinese digits were read as digits: the folded text has digits where the text has none. */
  private readonly digitsRewritten: boolean;
  private runs: readonly DigitRun[] | undefined;

  constructor(readonly text: string) {
    const n = text.length;
    if (n > capacity || lists.length < triggerCount) {
      capacity = Math.max(n, capacity * 2, 256);
      lists = [];
      for (let t = 0; t < triggerCount; t++) lists.push(new Int32Array(capacity));
    }
    counts.fill(0);
    this.generation = ++generation;
    const triggers = TRIGGERS;
    const classes = CLASS;
    const found = lists;
    const ends = counts;
    let pair = false;
    let capital = false;
    let longest = 0;
    let digitRun = 0;
    // The classes (fold.ts) of the two characters before this one, for the Chinese-digit pair.
    let k1 = 0;
    let k2 = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      let bits = triggers[c]!;
      const k = classes[c]!;
      if ((bits | k) === 0) {
        // Most characters of a prompt: no trigger, no digit, nothing to fold.
        digitRun = 0;
        k2 = k1;
        k1 = 0;
        continue;
      }
      while (bits !== 0) {
        const t = 31 - Math.clz32(bits & -bits);
        found[t]![ends[t]!++] = i;
        bits &= bits - 1;
      }
      if (k === IS_DIGIT) {
        if (++digitRun > longest) longest = digitRun;
      } else {
        digitRun = 0;
        if (k === IS_CAPITAL) capital = true;
      }
      if (!pair && pairEndsAt(k2, k1, k)) pair = true;
      k2 = k1;
      k1 = k;
    }
    const wide = ends[WIDE_CHAR]! > 0;
    const narrowed = wide ? foldWideAt(text, { list: found[WIDE_CHAR]!, count: ends[WIDE_CHAR]! }) : text;
    const folded = pair ? foldChineseDigits(narrowed) : narrowed;
    this.folded = folded;
    this.digitsRewritten = folded !== narrowed;
    if (this.digitsRewritten) {
      // Rare: a phone or an ID read out in Chinese digits. Measure the folded text itself.
      longest = 0;
      digitRun = 0;
      for (let i = 0; i < n; i++) {
        const f = folded.charCodeAt(i);
        digitRun = f >= 48 && f <= 57 ? digitRun + 1 : 0;
        if (digitRun > longest) longest = digitRun;
      }
    }
    this.hasDigit = longest > 0;
    this.hasCapital = capital;
    this.longestDigitRun = longest;
  }

  /**
   * The positions in `text` of the characters of trigger `t`, ascending: `list[0 .. count)`. The list
   * is a shared buffer: read it before building another index.
   */
  positions(t: Trigger): { list: Int32Array; count: number } {
    if (this.generation !== generation) throw new Error('text-index: a newer index has replaced this one');
    return { list: lists[t]!, count: counts[t]! };
  }

  /** The runs of digits in the folded text (digits.ts), found once per prompt for every number detector. */
  digitRuns(): readonly DigitRun[] {
    if (this.runs) return this.runs;
    // Where Chinese digits became digits, a run can start at a character no trigger lists.
    const starts = this.digitsRewritten ? undefined : this.positions(NUMBER_START);
    this.runs = findDigitRuns(this.folded, starts);
    return this.runs;
  }
}
