import type { Deps } from '../../shared/app/deps';
import { chatCronJobs, chatHoldOutcome } from '../../shared/chat/jobs';
import { paymentCronJobs } from '../../shared/payments/jobs';
import { walletCronJobs } from '../../shared/wallet/jobs';

export interface CronJob {
  name: string;
  /** Returns a short, PII-free summary for the log and the report. */
  run(deps: Deps): Promise<string>;
}

export interface CronReport {
  ok: boolean;
  jobs: Array<{ name: string; ok: boolean; detail: string }>;
}

/** The timer's work, in order. */
export const cronJobs: CronJob[] = [...paymentCronJobs, ...walletCronJobs(chatHoldOutcome), ...chatCronJobs];

export async function runCronJobs(deps: Deps, jobs: CronJob[] = cronJobs): Promise<CronReport> {
  const report: CronReport = { ok: true, jobs: [] };
  for (const job of jobs) {
    const started = Date.now();
    try {
      const detail = await job.run(deps);
      report.jobs.push({ name: job.name, ok: true, detail });
      deps.log.info('cron_job', { job: job.name, ok: true, ms: Date.now() - started, detail });
    } catch (error) {
      report.ok = false;
      const detail = error instanceof Error ? error.message.slice(0, 200) : String(error);
      report.jobs.push({ name: job.name, ok: false, detail });
      deps.log.error('cron_job', { job: job.name, ok: false, ms: Date.now() - started, detail });
    }
  }
  return report;
}
