/** `npm run eval:privacy`: precision and recall per type on the labelled corpus, and every miss. */
import { evaluate, targetsOf } from './evaluate';

const e = evaluate();
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(`corpus: ${e.cases} cases, ${e.negatives} negatives\n`);
console.log('type                 gold  found  recall   predicted  correct  precision');
for (const s of e.scores) {
  console.log(
    `${s.type.padEnd(20)} ${String(s.gold).padStart(4)}  ${String(s.found).padStart(5)}  ${pct(s.recall).padStart(6)}   ${String(s.predicted).padStart(9)}  ${String(s.correct).padStart(7)}  ${pct(s.precision).padStart(9)}`,
  );
}
console.log(`\nfalse positives on negatives: ${e.negativeFalsePositives}`);
console.log('\ntargets:');
let ok = true;
for (const t of targetsOf(e)) {
  const pass = t.what.startsWith('negatives') ? t.value <= t.target : t.value >= t.target;
  ok &&= pass;
  console.log(
    `  ${pass ? 'ok  ' : 'FAIL'} ${t.what}: ${t.what.startsWith('negatives') ? t.value : pct(t.value)} (target ${t.what.startsWith('negatives') ? t.target : pct(t.target)})`,
  );
}
console.log(`\nmisses (${e.misses.length}):`);
for (const m of e.misses) console.log(`  ${m.id} ${m.type} "${m.text}" … ${m.context.replace(/\n/g, ' ')}`);
console.log(`\nfalse positives (${e.falsePositives.length}):`);
for (const f of e.falsePositives) console.log(`  ${f.id} ${f.type} "${f.text}"`);
process.exit(ok ? 0 : 1);
