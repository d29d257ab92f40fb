import type * as cloud from 'wx-server-sdk';

/**
 * The one wrapper around the CloudBase database API (wx-server-sdk's `cloud.database()`).
 * Queries use the SDK's builder directly; documents addressed by `_id` and transactions go through
 * the typed helpers below, so null-for-missing and transaction rules are written once.
 */
export type Database = ReturnType<typeof cloud.database>;

/** The SDK's transaction handle: the same collection/doc API, restricted to documents by `_id`. */
interface SdkTransaction {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: unknown }>;
      set(options: { data: Record<string, unknown> }): Promise<unknown>;
      update(options: { data: Record<string, unknown> }): Promise<unknown>;
      remove(): Promise<unknown>;
    };
  };
}

/** Documents in a transaction, addressed by `_id` only: CloudBase refuses `where` inside one. */
export interface Tx {
  get<T>(collection: string, id: string): Promise<(T & { _id: string }) | null>;
  /** Writes the whole document (creates it if missing). */
  set(collection: string, id: string, doc: Record<string, unknown>): Promise<void>;
  /** Changes fields (plain values or `db.command` operators) of an existing document. */
  update(collection: string, id: string, patch: Record<string, unknown>): Promise<void>;
  remove(collection: string, id: string): Promise<void>;
  /** `db.command.inc(n)`: an atomic increment for `update`. */
  inc(n: number): unknown;
  /** `db.command.remove()`: deletes a field in `update`. */
  removeField(): unknown;
}

function withoutId(doc: Record<string, unknown>): Record<string, unknown> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}

function wrap(tx: SdkTransaction, db: Database): Tx {
  return {
    inc: (n) => db.command.inc(n),
    removeField: () => db.command.remove(),
    async get<T>(collection: string, id: string) {
      const { data } = await tx.collection(collection).doc(id).get();
      return (data ?? null) as (T & { _id: string }) | null;
    },
    async set(collection, id, doc) {
      await tx
        .collection(collection)
        .doc(id)
        .set({ data: withoutId(doc) });
    },
    async update(collection, id, patch) {
      await tx.collection(collection).doc(id).update({ data: patch });
    },
    async remove(collection, id) {
      await tx.collection(collection).doc(id).remove();
    },
  };
}

/**
 * Runs `work` in one database transaction. Whatever `work` throws rolls everything back and is
 * rethrown unchanged (an AppError stays an AppError). Conflicts are retried by the SDK.
 */
export async function inTransaction<R>(db: Database, work: (tx: Tx) => Promise<R>): Promise<R> {
  return (await db.runTransaction((sdkTx: SdkTransaction) => work(wrap(sdkTx, db)), 3)) as R;
}

/** A document by `_id`, or null. Needs the database opened with `throwOnNotFound: false`. */
export async function getDoc<T>(db: Database, collection: string, id: string): Promise<(T & { _id: string }) | null> {
  const res = (await db.collection(collection).doc(id).get()) as { data: unknown };
  return (res.data ?? null) as (T & { _id: string }) | null;
}

/** The options every Qiao database handle is opened with. */
export const DATABASE_OPTIONS = { throwOnNotFound: false } as const;

/** Runs a built query (`db.collection(…).where(…).orderBy(…).limit(…)`) and types its documents. */
export async function fetchAll<T>(query: { get(): unknown }): Promise<Array<T & { _id: string }>> {
  const res = (await query.get()) as { data: Array<T & { _id: string }> };
  return res.data;
}

export async function countOf(query: { count(): unknown }): Promise<number> {
  const res = (await query.count()) as { total: number };
  return res.total;
}

/** Every document matching `where`, read in pages of 1,000 ordered by `_id` (CloudBase caps one read at 1,000). */
export async function fetchEverything<T>(
  db: Database,
  collection: string,
  where: Record<string, unknown>,
): Promise<Array<T & { _id: string }>> {
  const _ = db.command;
  const out: Array<T & { _id: string }> = [];
  let after = '';
  for (;;) {
    const page = await fetchAll<T>(
      db
        .collection(collection)
        .where({ ...where, _id: _.gt(after) })
        .orderBy('_id', 'asc')
        .limit(1000),
    );
    out.push(...page);
    if (page.length < 1000) return out;
    after = page[page.length - 1]!._id;
  }
}
