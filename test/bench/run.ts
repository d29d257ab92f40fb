/**
 * `npm run bench`: runs every benchmark suite and writes docs/benchmarks.md (a table) and
 * docs/benchmarks.json (the raw figures) with the machine and date they were measured on.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchResult } from './measure';
import { foundationBenchmarks } from './suites/foundation';
import type { FunctionModule } from '../../local/host/server';
import { startLocalStack, type LocalStack } from '../../local/stack';
import { appSizeBenchmarks } from './suites/app';
import { chatBenchmarks } from './suites/chat';
import { paymentBenchmarks } from './suites/payments';
import { privacyBenchmarks } from './suites/privacy';
import { walletBenchmarks } from './suites/wallet';

// One local stack for the suites that go through the functions; it configures them (sandbox, fake
// model) before any suite loads them.
let stack: LocalStack;
const suites: Array<{ name: string; title: string; run: () => Promise<BenchResult[]> }> = [
  // First, before the local cloud has filled the heap: a function instance anonymizes with nothing else in memory.
  { name: 'privacy', title: 'Anonymizer', run: privacyBenchmarks },
  { name: 'payments', title: 'Payments (WeChat Pay v3 against the local sandbox)', run: () => paymentBenchmarks(stack) },
  { name: 'chat', title: 'Chat gateway overhead (against the local fake model)', run: () => chatBenchmarks(stack) },
  { name: 'foundation', title: 'Foundation: local database and function host', run: foundationBenchmarks },
  { name: 'wallet', title: 'Wallet and ledger', run: walletBenchmarks },
  { name: 'app', title: 'Mini Program', run: appSizeBenchmarks },
];

function fmt(n: number): string {
  if (n === 0) return '—';
  return n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(3);
}

async function main(): Promise<void> {
  // Functions log to the console; keep the benchmark output readable.
  console.log = () => undefined;
  const out = process.stdout.write.bind(process.stdout);
  const machine = {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  const date = new Date().toISOString();
  // Measuring throughput, not the per-user rate limit.
  process.env.RATE_LIMIT_PER_MINUTE ??= '1000000';
  stack = await startLocalStack({
    log: () => undefined,
    load: async (name) => (await import(`../../cloudfunctions/${name}/index`)) as FunctionModule,
  });
  // `npm run bench -- chat`: only the suites whose name (the suite's file) or title contains the word,
  // printed, docs left as they are. (`privacy` used to match no title and ran nothing.)
  const only = process.argv[2]?.toLowerCase();
  const sections: Array<{ title: string; results: BenchResult[] }> = [];
  for (const suite of suites.filter((s) => !only || s.name.includes(only) || s.title.toLowerCase().includes(only))) {
    out(`${suite.title}\n`);
    const results = await suite.run();
    for (const r of results) out(`  ${r.name}: median ${fmt(r.medianMs)} ms, p99 ${fmt(r.p99Ms)} ms, ${fmt(r.opsPerSec)} ops/s\n`);
    sections.push({ title: suite.title, results });
  }

  if (only) process.exit(0);
  const docs = path.resolve(__dirname, '../../docs');
  fs.mkdirSync(docs, { recursive: true });
  fs.writeFileSync(path.join(docs, 'benchmarks.json'), JSON.stringify({ date, machine, sections }, null, 2) + '\n');
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (do not edit by hand). Sequential calls after a warm-up; wall-clock time on a',
    'shared machine, so compare runs on the same machine only. Raw figures: `benchmarks.json`.',
    '',
    `- Date: ${date}`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.platform}`,
    `- Node: ${machine.node}`,
    '',
  ];
  for (const s of sections) {
    lines.push(`## ${s.title}`, '', '| benchmark | runs | median (ms) | p99 (ms) | ops/s | note |', '|---|---:|---:|---:|---:|---|');
    for (const r of s.results)
      lines.push(`| ${r.name} | ${r.iterations} | ${fmt(r.medianMs)} | ${fmt(r.p99Ms)} | ${fmt(r.opsPerSec)} | ${r.note ?? ''} |`);
    lines.push('');
  }
  fs.writeFileSync(path.join(docs, 'benchmarks.md'), lines.join('\n'));
  out(`wrote docs/benchmarks.md and docs/benchmarks.json\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
