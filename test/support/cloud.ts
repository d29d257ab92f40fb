import cloud = require('wx-server-sdk');
import { ManualClock, type Clock } from '../../shared/platform/clock';
import { loadConfig, type Config } from '../../shared/platform/config';
import type { Deps } from '../../shared/app/deps';
import { DATABASE_OPTIONS, type Database } from '../../shared/platform/database';
import { sequentialIds, type IdSource } from '../../shared/platform/ids';
import { createLogger, memorySink, type LogRecord } from '../../shared/platform/logger';
import { startLocalCloud, type LocalCloud } from '../../local/runtime';
import { PaymentsConfigError } from '../../shared/payments/config';
import type { Payments } from '../../shared/payments/runtime';
import { CircuitBreaker } from '../../shared/llm/circuit-breaker';
import type { Provider } from '../../shared/llm/types';

export interface TestCloud extends LocalCloud {
  db: Database;
  cloud: typeof cloud;
}

/** The local cloud in memory for one test file: the real wx-server-sdk over the embedded engine. */
export function localCloud(options: { dataDir?: string; transactionIdleMs?: number } = {}): TestCloud {
  const local = startLocalCloud(options);
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  return { ...local, db: cloud.database(DATABASE_OPTIONS as object), cloud };
}

export interface TestDeps extends Deps {
  clock: ManualClock;
  logs: LogRecord[];
}

export function testDeps(
  db: Database,
  overrides: { clock?: ManualClock; ids?: IdSource; config?: Partial<Config>; payments?: Payments; providers?: Map<string, Provider> } = {},
): TestDeps {
  const clock = overrides.clock ?? new ManualClock(Date.UTC(2026, 10, 22, 12));
  const sink = memorySink();
  return {
    db,
    clock,
    ids: overrides.ids ?? sequentialIds(),
    config: { ...loadConfig({}), ...overrides.config },
    log: createLogger(sink, () => (clock as Clock).now()),
    logs: sink.records,
    payments: overrides.payments ?? new PaymentsConfigError(['WeChat Pay is not configured in this test']),
    llm: { providers: overrides.providers ?? new Map(), breaker: new CircuitBreaker() },
  };
}
