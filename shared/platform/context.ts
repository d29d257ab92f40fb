import type { Clock } from './clock';
import type { Config } from './config';
import type { Database } from './database';
import type { IdSource } from './ids';
import type { Logger } from './logger';

/**
 * What the platform gives every handler besides its input: injected, so tests control each piece.
 * Domains extend it with their own services (payments, llm); the composition root (`shared/app`)
 * puts the whole `Deps` together.
 */
export interface PlatformDeps {
  db: Database;
  clock: Clock;
  ids: IdSource;
  config: Config;
  log: Logger;
}

/** Who is calling, as the platform says (cloud.getWXContext()), never as the request says. */
export interface Caller {
  openid: string;
  /** Looked up only when asked (one database read): most user actions never need it. */
  isAdmin(): Promise<boolean>;
}
