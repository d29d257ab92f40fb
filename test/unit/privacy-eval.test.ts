/** Both evaluation corpora gate the suite: below their targets, npm test fails. */
import { evaluate, loadCorpus, passes, targetsOf, type CorpusName } from '../privacy-eval/evaluate';

const sizes: Record<CorpusName, { cases: number; negatives: number }> = {
  synthetic: { cases: 600, negatives: 150 },
  realistic: { cases: 150, negatives: 30 },
};

describe.each(['synthetic', 'realistic'] as const)('%s corpus', (name) => {
  const e = evaluate(loadCorpus(name));

  it(`has at least ${sizes[name].cases} cases and ${sizes[name].negatives} without personal information`, () => {
    expect(e.cases).toBeGreaterThanOrEqual(sizes[name].cases);
    expect(e.negatives).toBeGreaterThanOrEqual(sizes[name].negatives);
  });

  it.each(targetsOf(e, name).map((t) => [t.what, t.value, t.target, t] as const))('%s: %d (target %d)', (_what, _value, _target, t) => {
    expect(passes(t)).toBe(true);
  });
});
