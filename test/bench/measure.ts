/** Timing helpers for `npm run bench`. Wall-clock figures belong here, never in tests. */
export interface BenchResult {
  name: string;
  iterations: number;
  medianMs: number;
  p99Ms: number;
  opsPerSec: number;
  note?: string;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

/** Runs `fn` sequentially `iterations` times after a warm-up and reports median, p99 and throughput. */
export async function measure(
  name: string,
  fn: (i: number) => Promise<unknown> | unknown,
  options: { iterations?: number; warmup?: number; note?: string } = {},
): Promise<BenchResult> {
  const iterations = options.iterations ?? 2000;
  for (let i = 0; i < (options.warmup ?? 100); i++) await fn(i);
  const samples: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  samples.sort((a, b) => a - b);
  return {
    name,
    iterations,
    medianMs: percentile(samples, 50),
    p99Ms: percentile(samples, 99),
    opsPerSec: (iterations / totalMs) * 1000,
    note: options.note,
  };
}
