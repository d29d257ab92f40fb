import { findDigitRuns, isGapAt } from '../../shared/privacy/digits';

describe('digit runs', () => {
  it('reads a separator between two groups exactly as the regex of allowed gaps does', () => {
    const GAP = /^(?: {1,2}|-|\.| - | -|- |\) ?|\)-| ?\()$/;
    const chars = [' ', '-', '.', '(', ')'];
    const all: string[] = [];
    for (const a of chars) {
      all.push(a);
      for (const b of chars) {
        all.push(a + b);
        for (const c of chars) all.push(a + b + c);
      }
    }
    expect(all).toHaveLength(155);
    for (const gap of all) expect([gap, isGapAt(`1${gap}2`, 1, 1 + gap.length)]).toEqual([gap, GAP.test(gap)]);
  });

  it('builds only the runs of 7 digits or more, with their groups and gaps', () => {
    const runs = findDigitRuns('a 123-45 b (010) 6234 5678 c +86 138.1234.5678 d 1 2 3 4 5 6');
    expect(runs.map((r) => [r.start, r.end, r.plus, r.digits, r.gaps])).toEqual([
      [11, 26, false, 11, [') ', ' ']],
      [29, 46, true, 13, [' ', '.', '.']],
    ]);
    expect(runs[0]!.groups).toEqual([
      [12, 15],
      [17, 21],
      [22, 26],
    ]);
  });
});
