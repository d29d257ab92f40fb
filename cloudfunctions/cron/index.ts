// Cloud function `cron`: the timer. Runs every job once per trigger; one job failing never stops the rest.
import * as cloud from 'wx-server-sdk';
import { cloudDeps } from '../../shared/app/cloud';
import { ConfigError } from '../../shared/platform/config';
import { runCronJobs, type CronReport } from './jobs';

const deps = cloudDeps(cloud);

export async function main(): Promise<CronReport> {
  if (deps instanceof ConfigError) return { ok: false, jobs: [{ name: 'config', ok: false, detail: deps.message }] };
  return runCronJobs(deps);
}
