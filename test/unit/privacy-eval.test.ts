/** The evaluation corpus gates the suite: below the targets, npm test fails. */
import { evaluate, targetsOf } from '../privacy-eval/evaluate';

const e = evaluate();

it('has at least 600 cases and 150 negatives', () => {
  expect(e.cases).toBeGreaterThanOrEqual(600);
  expect(e.negatives).toBeGreaterThanOrEqual(150);
});

it.each(targetsOf(e).map((t) => [t.what, t.value, t.target] as const))('%s: %d (target %d)', (what, value, target) => {
  if (what.startsWith('negatives')) expect(value).toBeLessThanOrEqual(target);
  else expect(value).toBeGreaterThanOrEqual(target);
});
