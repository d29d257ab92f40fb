/**
 * `npm run privacy:golden -- record <file>` / `npm run privacy:golden -- check <file>`: the anonymizer's
 * exact output on every text we have, so a change meant only for speed can be shown to change nothing.
 *
 * `record` writes one JSON line per case: its input and its output (the spans of `detect`, and a
 * session's redaction); `check` replays the recorded inputs and lists the cases whose output differs. The cases: every text of both corpora, the
 * bench prompts and slices of them, neighbouring corpus texts run together, full-width and read-out
 * (Chinese digit) variants, generated identifier sentences, the string literals of the privacy tests,
 * random splices of corpus texts, and multi-turn conversations with known names, marked texts and
 * merchant terms. Everything is deterministic (fixed seeds). Not a jest test: a deliberate change of
 * detection changes the output, and the file is recorded again from the code before such a change.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { detect } from '../../shared/privacy/detect';
import { PrivacySession } from '../../shared/privacy/session';
import { benchPrompts } from '../bench/suites/privacy';
import { sentence } from '../support/pii-arbitraries';
import { loadCorpus } from './evaluate';

interface GoldenCase {
  id: string;
  /** One turn, or the turns of one conversation. */
  turns: string[];
  marked?: string[];
  terms?: string[];
}

/** A small deterministic PRNG (mulberry32): the same cases on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fullWidth = (s: string) => s.replace(/[\x21-\x7e ]/g, (c) => (c === ' ' ? '\u3000' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
const CN = '〇幺二三四五六七八九';
const readOut = (s: string) => s.replace(/\d/g, (d) => CN[Number(d)]!);

/** String literals of the privacy tests (quoted, without interpolation): the shapes someone thought of. */
function testLiterals(): string[] {
  const dir = path.join(__dirname, '..');
  const files = ['unit', 'integration']
    .flatMap((d) => fs.readdirSync(path.join(dir, d)).map((f) => path.join(dir, d, f)))
    .filter((f) => /privacy[^/]*\.test\.ts$/.test(f));
  const out = new Set<string>();
  for (const f of files) {
    const src = fs.readFileSync(f, 'utf8');
    for (const m of src.matchAll(/'((?:[^'\\\n]|\\.)*)'|`([^`$]*)`/g)) {
      const raw = m[1] ?? m[2] ?? '';
      if (raw.length >= 2) out.add(raw.replace(/\\n/g, '\n').replace(/\\'/g, "'"));
    }
  }
  return [...out].sort();
}

export function goldenCases(): GoldenCase[] {
  const synthetic = loadCorpus('synthetic');
  const realistic = loadCorpus('realistic');
  const all = [...synthetic, ...realistic];
  const cases: GoldenCase[] = [];
  for (const c of all) cases.push({ id: `corpus:${c.id}`, turns: [c.text] });
  const bench = benchPrompts();
  for (const [name, text] of Object.entries(bench)) {
    cases.push({ id: `bench:${name}`, turns: [text] });
    for (const len of [50, 100, 300, 1000, 2500]) {
      for (let at = 0; at + len <= text.length; at += Math.max(37, Math.floor(len * 0.7))) {
        cases.push({ id: `bench:${name}:${at}+${len}`, turns: [text.slice(at, at + len)] });
      }
    }
  }
  cases.push({ id: 'bench:realistic+dense', turns: [bench.realistic + bench.dense] });
  cases.push({ id: 'bench:dense+short', turns: [bench.dense.slice(0, 2000) + '\n' + bench.short] });
  for (let i = 0; i + 1 < all.length; i++) {
    const sep = ['', '\n', '，', ' '][i % 4]!;
    cases.push({ id: `pair:${i}`, turns: [all[i]!.text + sep + all[i + 1]!.text] });
  }
  for (const c of all) {
    const wide = fullWidth(c.text);
    if (wide !== c.text) cases.push({ id: `wide:${c.id}`, turns: [wide] });
    if (/\d{5}/.test(c.text)) cases.push({ id: `cn:${c.id}`, turns: [readOut(c.text)] });
  }
  fc.sample(sentence, { seed: 20261202, numRuns: 2000 }).forEach((s, i) => cases.push({ id: `sentence:${i}`, turns: [s.text] }));
  testLiterals().forEach((t, i) => cases.push({ id: `literal:${i}`, turns: [t] }));
  // Random splices: pieces of corpus texts cut anywhere and glued together (cuts inside entities too).
  const rand = prng(11);
  for (let i = 0; i < 2500; i++) {
    let text = '';
    const target = 20 + Math.floor(rand() * 900);
    while (text.length < target) {
      const src = all[Math.floor(rand() * all.length)]!.text;
      const a = Math.floor(rand() * src.length);
      const b = Math.min(src.length, a + 1 + Math.floor(rand() * 120));
      text += src.slice(a, b);
      if (rand() < 0.15) text += ['\n', '：', '、', ' ', '|', '\t', '，'][Math.floor(rand() * 7)]!;
    }
    cases.push({ id: `splice:${i}`, turns: [text] });
  }
  // Conversations: names found in one turn are found again in the next; marked texts and merchant terms.
  for (let i = 0; i + 3 < realistic.length; i += 3) {
    const turns = realistic.slice(i, i + 4).map((c) => c.text);
    cases.push({ id: `conversation:${i}`, turns });
    const words = turns[0]!.match(/[\u4e00-\u9fa5]{2,3}/g) ?? [];
    cases.push({
      id: `conversation-marked:${i}`,
      turns,
      marked: words.slice(0, 2),
      terms: words.slice(2, 4),
    });
  }
  // Long conversations: dozens of names known from earlier turns.
  for (let i = 0; i + 40 <= realistic.length; i += 40)
    cases.push({ id: `long-conversation:${i}`, turns: realistic.slice(i, i + 40).map((c) => c.text) });
  cases.push({ id: 'long-conversation:synthetic', turns: synthetic.slice(0, 120).map((c) => c.text) });
  return cases;
}

/** The case's output, as one JSON string. */
function run(c: GoldenCase): string {
  const session = new PrivacySession(undefined, c.terms ? { custom: { terms: c.terms } } : {});
  const out = c.turns.map((t) => ({
    spans: detect(t, c.terms ? { custom: { terms: c.terms }, marked: c.marked } : { marked: c.marked }),
    ...session.redact(t, { marked: c.marked }),
  }));
  return JSON.stringify({ out, state: c.turns.length > 1 ? session.state : undefined });
}

function main(): void {
  const [mode, file] = process.argv.slice(2);
  if ((mode !== 'record' && mode !== 'check') || !file) {
    console.error('usage: golden.ts record|check <file>');
    process.exit(2);
  }
  if (mode === 'record') {
    // Each line holds the case itself and its output: `check` replays the recorded inputs, so edits to
    // the corpora or the tests after recording change nothing in the comparison.
    const lines = goldenCases().map((c) => JSON.stringify({ case: c, output: run(c) }));
    fs.writeFileSync(file, lines.join('\n') + '\n');
    console.log(`${lines.length} cases recorded in ${file}`);
    return;
  }
  const recorded = fs
    .readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { case: GoldenCase; output: string });
  let differ = 0;
  for (const r of recorded) {
    const now = run(r.case);
    if (now === r.output) continue;
    differ++;
    if (differ <= 5) console.log(`DIFF ${r.case.id}\n  recorded: ${r.output.slice(0, 600)}\n  now:      ${now.slice(0, 600)}`);
  }
  console.log(differ === 0 ? `${recorded.length} cases, byte-identical` : `${differ} of ${recorded.length} cases differ`);
  process.exit(differ === 0 ? 0 : 1);
}

main();
