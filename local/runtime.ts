import { AsyncLocalStorage } from 'node:async_hooks';
// The real module object (not an import namespace copy), so the patch below is seen by every importer.
import cloud = require('wx-server-sdk');
import { LocalDatabaseEngine, type EngineOptions } from './db/engine';
import { installLocalDatabase } from './db/install';
import { DocumentStore } from './db/store';

/** What `cloud.getWXContext()` returns inside one invocation. */
export interface WXContext {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  ENV?: string;
  SOURCE?: string;
}

const invocationContext = new AsyncLocalStorage<WXContext>();

/**
 * Runs `fn` as one invocation whose `cloud.getWXContext()` answers `context`. Each invocation has
 * its own async context, so concurrent callers never see each other's openid (the cloud keeps it in
 * process.env, one invocation per instance; locally many run in one process).
 */
export function asInvocation<T>(context: WXContext, fn: () => Promise<T>): Promise<T> {
  return invocationContext.run(context, fn);
}

export interface LocalCloud {
  engine: LocalDatabaseEngine;
  store: DocumentStore;
}

/**
 * Makes wx-server-sdk in this process talk to the local cloud: its database requests go to an
 * embedded engine (persisted under `dataDir`, or in memory) and getWXContext reads the invocation's
 * context. Call once per process (per test file under jest) before invoking any function.
 */
export function startLocalCloud(options: { dataDir?: string; readOnly?: boolean } & EngineOptions = {}): LocalCloud {
  const store = options.dataDir ? DocumentStore.open(options.dataDir, { readOnly: options.readOnly }) : DocumentStore.inMemory();
  const engine = new LocalDatabaseEngine(store, options);
  installLocalDatabase(engine);
  (cloud as { getWXContext: () => WXContext }).getWXContext = () => ({ ...(invocationContext.getStore() ?? {}) });
  return { engine, store };
}
