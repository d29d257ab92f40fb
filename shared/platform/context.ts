import type { Clock } from './clock';
import type { Config } from './config';
import type { Database } from './database';
import type { IdSource } from './ids';
import type { Logger } from './logger';
import type { PaymentsConfigError } from '../payments/config';
import type { Payments } from '../payments/runtime';
import type { CircuitBreaker } from '../llm/circuit-breaker';
import type { Provider } from '../llm/types';

/** Everything a handler may touch besides its input: injected, so tests control each piece. */
export interface Deps {
  db: Database;
  clock: Clock;
  ids: IdSource;
  config: Config;
  log: Logger;
  /** WeChat Pay, or why it is not configured (payment actions then answer CONFIG_INVALID). */
  payments: Payments | PaymentsConfigError;
  /** Model providers by id (from env) and their circuit breaker. */
  llm: { providers: Map<string, Provider>; breaker: CircuitBreaker };
}

/** Who is calling, as the platform says (cloud.getWXContext()), never as the request says. */
export interface Caller {
  openid: string;
  /** Looked up only when asked (one database read): most user actions never need it. */
  isAdmin(): Promise<boolean>;
}
