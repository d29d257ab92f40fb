/**
 * A set of short phrases indexed by first and last character, so "does a cue start here?" and
 * "does a cue end here?" cost a bit test and, rarely, one map lookup — instead of a loop over every
 * phrase. The anonymizer asks these questions at almost every character of a prompt.
 */
export class PhraseSet {
  private readonly byFirst = new Map<number, string[]>();
  private readonly byLast = new Map<number, string[]>();
  /**
   * Bitmaps of first and last characters, indexed by `code & mask`: a clear bit means no phrase. One
   * representation for every set (a Uint8Array), so the look-up stays monomorphic — switching between
   * a Set and a bitmap per instance made this, the hottest call of the anonymizer, several times slower.
   * A set built per call (`small`) takes a 1 KiB table where two characters may share a bit; the map
   * look-up behind it then decides.
   */
  private readonly firstBits: Uint8Array;
  private readonly lastBits: Uint8Array;
  private readonly mask: number;

  /** `small`: a handful of phrases built per call (a conversation's names): no 64 KiB bitmaps. */
  constructor(phrases: Iterable<string>, options: { small?: boolean } = {}) {
    const size = options.small ? 1024 : 65536;
    this.mask = size - 1;
    this.firstBits = new Uint8Array(size);
    this.lastBits = new Uint8Array(size);
    const longestFirst = [...new Set(phrases)].filter((p) => p.length > 0).sort((a, b) => b.length - a.length);
    for (const p of longestFirst) {
      const first = p.charCodeAt(0);
      const last = p.charCodeAt(p.length - 1);
      this.firstBits[first & this.mask] = 1;
      this.lastBits[last & this.mask] = 1;
      const starting = this.byFirst.get(first);
      if (starting) starting.push(p);
      else this.byFirst.set(first, [p]);
      const ending = this.byLast.get(last);
      if (ending) ending.push(p);
      else this.byLast.set(last, [p]);
    }
  }

  /** The longest phrase starting at `i`. */
  startingAt(text: string, i: number): string | undefined {
    const c = text.charCodeAt(i);
    // NaN past the end: NaN & mask is 0, and the map has no NaN key.
    if (this.firstBits[c & this.mask] === 0) return undefined;
    const list = this.byFirst.get(c);
    if (list) for (const p of list) if (text.startsWith(p, i)) return p;
    return undefined;
  }

  /** The longest phrase ending just before `i`. */
  endingAt(text: string, i: number): string | undefined {
    if (i <= 0) return undefined;
    const c = text.charCodeAt(i - 1);
    if (this.lastBits[c & this.mask] === 0) return undefined;
    const list = this.byLast.get(c);
    if (list) for (const p of list) if (p.length <= i && text.startsWith(p, i - p.length)) return p;
    return undefined;
  }
}

/** A set of characters as a bitmap over the Basic Multilingual Plane. */
export class CharSet {
  private readonly bits = new Uint8Array(65536);
  constructor(chars: Iterable<string>) {
    for (const c of chars) this.bits[c.charCodeAt(0)] = 1;
  }
  hasAt(text: string, i: number): boolean {
    return i >= 0 && i < text.length && this.bits[text.charCodeAt(i)] === 1;
  }
  has(ch: string): boolean {
    return ch.length > 0 && this.bits[ch.charCodeAt(0)] === 1;
  }
}
