import type { Tx } from '../../shared/platform/database';

export class InjectedCrash extends Error {
  constructor(step: number) {
    super(`injected crash before database step ${step}`);
  }
}

/**
 * A transaction handle that crashes before its `crashAt`-th database call (0-based), as a function
 * killed between two writes would. `calls` tells how many steps the operation has in all.
 */
export function crashingTx(tx: Tx, crashAt: number): { tx: Tx; calls: () => number } {
  let n = 0;
  const step = <T>(fn: () => Promise<T>): Promise<T> => {
    if (n++ === crashAt) return Promise.reject(new InjectedCrash(crashAt));
    return fn();
  };
  return {
    calls: () => n,
    tx: {
      get: (c, id) => step(() => tx.get(c, id)),
      set: (c, id, d) => step(() => tx.set(c, id, d)),
      update: (c, id, p) => step(() => tx.update(c, id, p)),
      remove: (c, id) => step(() => tx.remove(c, id)),
      inc: (v) => tx.inc(v),
      removeField: () => tx.removeField(),
    },
  };
}
