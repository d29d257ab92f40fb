/**
 * `npm run eval:privacy [synthetic|realistic] [--misses]`: recall and precision of the anonymizer per type
 * on each corpus, against its targets; with --misses, every miss and false positive.
 */
import { evaluate, loadCorpus, passes, targetsOf, type CorpusName } from './evaluate';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const args = process.argv.slice(2);
const names = (args.filter((a) => !a.startsWith('--')) as CorpusName[]).filter((a) => a === 'synthetic' || a === 'realistic');
const showMisses = args.includes('--misses');
let ok = true;
for (const name of names.length ? names : (['synthetic', 'realistic'] as CorpusName[])) {
  const e = evaluate(loadCorpus(name));
  console.log(`\n== ${name}: ${e.cases} cases (${e.negatives} without personal information)\n`);
  console.log('type                 gold  hidden  recall  typed   predicted  correct  precision');
  for (const s of e.scores) {
    console.log(
      `${s.type.padEnd(20)} ${String(s.gold).padStart(4)}  ${String(s.hidden).padStart(6)}  ${pct(s.recall).padStart(6)}  ${pct(s.typedRecall).padStart(6)}  ${String(s.predicted).padStart(9)}  ${String(s.correct).padStart(7)}  ${pct(s.precision).padStart(9)}`,
    );
  }
  console.log(
    `${'overall'.padEnd(20)} ${String(e.overall.gold).padStart(4)}  ${String(e.overall.hidden).padStart(6)}  ${pct(e.overall.recall).padStart(6)}          ${String(e.overall.predicted).padStart(9)}  ${String(e.overall.correct).padStart(7)}  ${pct(e.overall.precision).padStart(9)}`,
  );
  console.log(`\nfalse positives on texts without personal information: ${e.negativeFalsePositives}\ntargets:`);
  for (const t of targetsOf(e, name)) {
    const pass = passes(t);
    ok &&= pass;
    console.log(
      `  ${pass ? 'ok  ' : 'FAIL'} ${t.what}: ${t.kind === 'max' ? t.value : pct(t.value)} (target ${t.kind === 'max' ? `≤ ${t.target}` : pct(t.target)})`,
    );
  }
  if (showMisses) {
    console.log(`\nmisses (${e.misses.length}):`);
    for (const m of e.misses) console.log(`  ${m.id} ${m.type} "${m.text}" … ${m.context}`);
    console.log(`\nfalse positives (${e.falsePositives.length}):`);
    for (const f of e.falsePositives) console.log(`  ${f.id} ${f.type} "${f.text}" … ${f.context}`);
  }
}
process.exit(ok ? 0 : 1);
