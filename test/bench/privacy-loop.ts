/**
 * `npm run bench:privacy [-- rounds]`: the anonymizer alone, for finding where its time goes.
 * Each round times every detector on its own and the whole redaction, on the bench's prompts; the
 * figures are the median over rounds of each round's median and p99, which a shared, noisy machine
 * disturbs less than one long run. Not part of `npm run bench` (that one writes the docs).
 */
import { detectAddresses } from '../../shared/privacy/detectors/address';
import { detectEmails, detectIps, detectPhones, detectSocialIds } from '../../shared/privacy/detectors/contact';
import { detectBankCards, detectIdCards, detectPassports, detectUscc } from '../../shared/privacy/detectors/identifiers';
import { detectPersons } from '../../shared/privacy/detectors/person';
import { PLACE_DETECTORS } from '../../shared/privacy/detectors/person-structure';
import { detectPlates } from '../../shared/privacy/detectors/plate';
import { PrivacySession } from '../../shared/privacy/session';
import { TextIndex } from '../../shared/privacy/text-index';
import { benchPrompts } from './suites/privacy';

function stats(samples: number[]): { median: number; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p99: s[Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)]! };
}

function time(fn: () => unknown, iterations: number): { median: number; p99: number } {
  for (let i = 0; i < Math.min(100, iterations); i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return stats(samples);
}

const rounds = Number(process.argv[2] ?? 5);
const { realistic, dense, short } = benchPrompts();
const lines = realistic.split('\n').map((text, i, all) => ({ start: all.slice(0, i).join('\n').length + (i ? 1 : 0), text }));
// One index for every detector, as a detection builds it (its digit runs are found once, on first use).
// Each detector is timed on its own; \`index\` is the one pass they share.
const index = new TextIndex(realistic);
const parts: Record<string, () => unknown> = {
  index: () => new TextIndex(realistic),
  idCards: () => detectIdCards(index),
  bankCards: () => detectBankCards(index),
  uscc: () => detectUscc(index),
  passports: () => detectPassports(index),
  phones: () => detectPhones(index),
  emails: () => detectEmails(index),
  socialIds: () => detectSocialIds(index),
  ips: () => detectIps(index),
  plates: () => detectPlates(index),
  persons: () => detectPersons(index),
  ...Object.fromEntries(Object.entries(PLACE_DETECTORS).map(([k, d]) => [`place.${k}`, () => d(index, lines)])),
  addresses: () => detectAddresses(index),
};
const whole: Record<string, [() => unknown, number]> = {
  'redact realistic 4000': [() => new PrivacySession().redact(realistic), 3000],
  'redact dense 4000': [() => new PrivacySession().redact(dense), 1000],
  'redact short 100': [() => new PrivacySession().redact(short), 20000],
};
const results = new Map<string, Array<{ median: number; p99: number }>>();
for (let r = 0; r < rounds; r++) {
  for (const [name, fn] of Object.entries(parts)) results.set(name, [...(results.get(name) ?? []), time(fn, 500)]);
  for (const [name, [fn, n]] of Object.entries(whole)) results.set(name, [...(results.get(name) ?? []), time(fn, n)]);
}
const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [name, rs] of results) {
  const med = mid(rs.map((x) => x.median));
  const p99s = rs.map((x) => x.p99);
  console.log(
    `${name.padEnd(24)} median ${med.toFixed(4)} ms  p99 median-of-rounds ${mid(p99s).toFixed(4)} ms  (p99 per round ${p99s.map((x) => x.toFixed(3)).join(' ')})`,
  );
}
