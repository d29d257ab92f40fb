import * as path from 'node:path';
import type { LocalDatabaseEngine, RequestParams } from './engine';

interface DbClass {
  reqClass: unknown;
}

/**
 * Pins `Db.reqClass` of the @cloudbase/database copy that wx-server-sdk really uses to a requester
 * that answers from the local engine. @cloudbase/node-sdk assigns its HTTP requester every time
 * `database()` is called, so the property becomes an accessor that ignores those assignments; the
 * rest of the SDK (query builder, serializers, transactions) runs unchanged.
 */
export function installLocalDatabase(engine: LocalDatabaseEngine): void {
  const nodeSdkDir = path.dirname(require.resolve('@cloudbase/node-sdk/package.json'));
  const databaseEntry = require.resolve('@cloudbase/database', { paths: [nodeSdkDir] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Db } = require(databaseEntry) as { Db: DbClass };

  class LocalRequester {
    // The SDK constructs one per reference with its config; the local engine needs none of it.
    constructor(_config?: unknown) {}
    send(action: string, params?: RequestParams): Promise<Record<string, unknown>> {
      return engine.send(action, params);
    }
  }

  Object.defineProperty(Db, 'reqClass', {
    configurable: true,
    get: () => LocalRequester,
    set: () => undefined,
  });
}
