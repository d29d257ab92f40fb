import { PrivacySession } from '../../../shared/privacy/session';
import { loadCorpus } from '../../privacy-eval/evaluate';
import { measure, type BenchResult } from '../measure';

/** The prompts the anonymizer is measured on (shared with `test/bench/privacy-loop.ts`). */
export function benchPrompts(): { realistic: string; dense: string; short: string } {
  const corpus = loadCorpus();
  let dense = '';
  for (let i = 0; dense.length < 4000; i++) dense += corpus[i % corpus.length]!.text;
  dense = dense.slice(0, 4000);
  // A realistic long prompt: a pasted support ticket with a dozen identifiers in ordinary prose and code.
  const paragraph =
    '我们的系统从上周开始出现间歇性超时，影响了大约三成的用户请求。排查过程如下：首先检查了网关日志，发现错误集中在下午两点到四点之间；其次对比了数据库慢查询，' +
    '没有发现明显异常；最后怀疑是缓存集群在高峰期内存不足，导致大量请求穿透到数据库。const config = { timeout: 3000, retries: 2, pool: { max: 20 } }; ';
  const identifiers = [
    '联系人：张伟，手机 138 1234 5678。',
    '服务器 10.12.3.45 上的日志。',
    '邮箱 ops.team@example.com。',
    '身份证11010519491231002X。',
    '住在北京市朝阳区建国路88号3栋1202室。',
  ];
  let realistic = '';
  for (let i = 0; realistic.length < 4000; i++) realistic += paragraph + (i % 2 === 0 ? identifiers[(i / 2) % identifiers.length]! : '');
  realistic = realistic.slice(0, 4000);
  const short = corpus
    .find((c) => c.domain === 'customer_service')!
    .text.padEnd(100, '。')
    .slice(0, 100);
  return { realistic, dense, short };
}

/** Redaction speed: a long mixed prompt (the corpus run together) and a keystroke-sized one. */
export async function privacyBenchmarks(): Promise<BenchResult[]> {
  const { realistic, dense: long, short } = benchPrompts();
  const realisticResult = await measure(
    'privacy: redact a 4,000-character realistic prompt (ticket with ~12 identifiers)',
    () => new PrivacySession().redact(realistic),
    { iterations: 3000, warmup: 200 },
  );
  realisticResult.note = `${(Buffer.byteLength(realistic) / (realisticResult.medianMs / 1000) / 1e6).toFixed(1)} MB/s at the median; target p99 < 1 ms`;
  const bytes = Buffer.byteLength(long, 'utf8');
  const longResult = await measure(
    'privacy: redact a 4,000-character dense prompt (corpus run together, ~170 entities)',
    () => new PrivacySession().redact(long),
    { iterations: 3000, warmup: 200 },
  );
  longResult.note = `${(bytes / (longResult.medianMs / 1000) / 1e6).toFixed(1)} MB/s at the median (${bytes} bytes UTF-8); worst case: an entity every ~23 characters`;
  const shortResult = await measure(
    'privacy: redact a 100-character prompt (keystroke preview)',
    () => new PrivacySession().redact(short),
    { iterations: 20000, warmup: 1000 },
  );
  return [realisticResult, longResult, shortResult];
}
