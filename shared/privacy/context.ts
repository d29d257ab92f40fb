/**
 * A small set of cue words for look-ups around one candidate (never a scan of the whole text). Kept apart
 * from PhraseSet on purpose: PhraseSet is the name detector's per-character hot path, and sharing its
 * methods with these calls on the folded text measurably slowed it down.
 */
export class CueSet {
  private readonly byFirst = new Map<number, string[]>();
  private readonly byLast = new Map<number, string[]>();

  constructor(phrases: string[]) {
    const longestFirst = [...new Set(phrases)].filter((p) => p.length > 0).sort((a, b) => b.length - a.length);
    for (const p of longestFirst) {
      const first = p.charCodeAt(0);
      const last = p.charCodeAt(p.length - 1);
      this.byFirst.set(first, [...(this.byFirst.get(first) ?? []), p]);
      this.byLast.set(last, [...(this.byLast.get(last) ?? []), p]);
    }
  }

  /** The longest cue starting at `i`. */
  startingAt(text: string, i: number): string | undefined {
    const list = this.byFirst.get(text.charCodeAt(i));
    if (list) for (const p of list) if (text.startsWith(p, i)) return p;
    return undefined;
  }

  /** The longest cue ending just before `i`. */
  endingAt(text: string, i: number): string | undefined {
    if (i <= 0) return undefined;
    const list = this.byLast.get(text.charCodeAt(i - 1));
    if (list) for (const p of list) if (p.length <= i && text.startsWith(p, i - p.length)) return p;
    return undefined;
  }
}

/**
 * The words just before a candidate: does one of `cues` end within `window` characters before `pos`,
 * with nothing between but labels' filler (spaces, colons, 是, 为, brackets, quotes, #, 号, 码 …)?
 * A line break or the end of a sentence stops the search. Cost: at most `window` look-ups, per candidate
 * only — never a scan of the whole text.
 */
const STOP = /[\n\r。；;！!？?]/;

/** A cue ending at `k`, if it is a whole word there (an ASCII cue is not the tail of a longer word: TV is not V). */
function wholeCue(folded: string, k: number, cues: CueSet): string | undefined {
  const hit = cues.endingAt(folded, k);
  if (hit && /^[A-Za-z0-9]/.test(hit) && /[A-Za-z0-9]/.test(folded[k - hit.length - 1] ?? '')) return undefined;
  return hit;
}

export function cueBefore(folded: string, pos: number, cues: CueSet, window = 10): string | undefined {
  const limit = Math.max(0, pos - window);
  for (let k = pos; k > limit; k--) {
    const hit = wholeCue(folded, k, cues);
    if (hit) return hit;
    if (STOP.test(folded[k - 1]!)) return undefined;
  }
  return undefined;
}

/** Like `cueBefore`, but only filler may lie between the cue and `pos` (the cue labels this very value). */
const FILLER = /[\s:=#"'“”‘’()[\]<>是为号码的]/;

export function labelBefore(folded: string, pos: number, cues: CueSet, window = 8): string | undefined {
  const limit = Math.max(0, pos - window);
  for (let k = pos; k > limit; k--) {
    const hit = wholeCue(folded, k, cues);
    if (hit) return hit;
    if (!FILLER.test(folded[k - 1]!)) return undefined;
  }
  return undefined;
}

const WORD = /[0-9A-Za-z_]/;

/** True when the character at `i` is an ASCII letter, digit or underscore (part of a code token). */
export function wordAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && WORD.test(text[i]!);
}
