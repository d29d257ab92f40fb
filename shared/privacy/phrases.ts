/**
 * A set of short phrases indexed by first and last character, so "does a cue start here?" and
 * "does a cue end here?" cost a bit test and, rarely, one map lookup — instead of a loop over every
 * phrase. The anonymizer asks these questions at almost every character of a prompt.
 */
export class PhraseSet {
  private readonly byFirst = new Map<number, string[]>();
  private readonly byLast = new Map<number, string[]>();
  private readonly firstBits: Uint8Array | Set<number>;
  private readonly lastBits: Uint8Array | Set<number>;

  /** `small`: a handful of phrases built per call (a conversation's names): sets instead of 64 KiB bitmaps. */
  constructor(phrases: Iterable<string>, options: { small?: boolean } = {}) {
    this.firstBits = options.small ? new Set<number>() : new Uint8Array(65536);
    this.lastBits = options.small ? new Set<number>() : new Uint8Array(65536);
    const longestFirst = [...new Set(phrases)].filter((p) => p.length > 0).sort((a, b) => b.length - a.length);
    for (const p of longestFirst) {
      const first = p.charCodeAt(0);
      const last = p.charCodeAt(p.length - 1);
      if (this.firstBits instanceof Set) this.firstBits.add(first);
      else this.firstBits[first] = 1;
      if (this.lastBits instanceof Set) this.lastBits.add(last);
      else this.lastBits[last] = 1;
      this.byFirst.set(first, [...(this.byFirst.get(first) ?? []), p]);
      this.byLast.set(last, [...(this.byLast.get(last) ?? []), p]);
    }
  }

  /** The longest phrase starting at `i`. */
  startingAt(text: string, i: number): string | undefined {
    const c = text.charCodeAt(i);
    if (this.firstBits instanceof Set ? !this.firstBits.has(c) : !this.firstBits[c]) return undefined;
    for (const p of this.byFirst.get(c)!) if (text.startsWith(p, i)) return p;
    return undefined;
  }

  /** The longest phrase ending just before `i`. */
  endingAt(text: string, i: number): string | undefined {
    if (i <= 0) return undefined;
    const c = text.charCodeAt(i - 1);
    if (this.lastBits instanceof Set ? !this.lastBits.has(c) : !this.lastBits[c]) return undefined;
    for (const p of this.byLast.get(c)!) if (p.length <= i && text.startsWith(p, i - p.length)) return p;
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
