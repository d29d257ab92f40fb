import { randomBytes } from 'node:crypto';
import { Mutex } from './mutex';
import { type DocumentStore, type Change, type Document } from './store';
import { applyUpdate, decode, encode, idOf, matcher, resolveServerDates, select, type Plain } from './documents';

/** What the SDK's requester receives: `send(action, params)`; see @cloudbase/database. */
export type RequestParams = Record<string, unknown> | undefined;
export type Reply = Record<string, unknown>;

export interface EngineOptions {
  /** Milliseconds since the epoch; injected so tests control serverDate(). */
  now?: () => number;
  /** An open transaction that sees no request for this long is aborted (CloudBase aborts idle ones too). */
  transactionIdleMs?: number;
}

/** CloudBase caps server-side reads at 1,000 documents per request (the SDK already clamps `limit`). */
export const MAX_READ_LIMIT = 1000;
const DEFAULT_READ_LIMIT = 100;

interface OpenTransaction {
  id: string;
  writes: Map<string, Change>;
  timer: NodeJS.Timeout;
  expired: boolean;
}

/** A database error in the shape the SDK expects from its requester: a `code` makes it throw. */
class DatabaseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The local CloudBase database: answers the requester protocol of @cloudbase/database from an
 * embedded store. Transactions are serialized by one lock and buffer their writes until commit, so
 * an aborted or crashed transaction leaves no trace. Reads outside a transaction see committed data.
 */
export class LocalDatabaseEngine {
  readonly store: DocumentStore;
  private readonly lock = new Mutex();
  private readonly transactions = new Map<string, OpenTransaction>();
  private readonly now: () => number;
  private readonly idleMs: number;
  private requestCounter = 0;
  private inFlight = 0;
  /**
   * What the functions asked of the database: every request, and the rounds — a new round starts when
   * a request arrives while none is in flight, so requests sent together (Promise.all) count once.
   * This is what a network database makes a function wait for.
   */
  readonly stats = { requests: 0, rounds: 0 };
  /** A per-request delay, to measure what the round trips cost over a network (benchmarks). */
  latencyMs = 0;

  constructor(store: DocumentStore, options: EngineOptions = {}) {
    this.store = store;
    this.now = options.now ?? Date.now;
    this.idleMs = options.transactionIdleMs ?? 10_000;
  }

  async send(action: string, params: RequestParams = {}): Promise<Reply> {
    const requestId = `local-${++this.requestCounter}`;
    this.stats.requests += 1;
    if (this.inFlight++ === 0) this.stats.rounds += 1;
    try {
      if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      const data = await this.dispatch(action, params ?? {});
      return { requestId, ...data };
    } catch (error) {
      if (error instanceof DatabaseError) return { requestId, code: error.code, message: error.message };
      const message = error instanceof Error ? error.message : String(error);
      return { requestId, code: 'DATABASE_REQUEST_FAILED', message };
    } finally {
      this.inFlight -= 1;
    }
  }

  private async dispatch(action: string, p: Plain): Promise<Reply> {
    switch (action) {
      case 'database.startTransaction':
        return this.startTransaction();
      case 'database.commitTransaction':
        return this.endTransaction(String(p.transactionId), true);
      case 'database.abortTransaction':
        return this.endTransaction(String(p.transactionId), false);
      case 'database.getDocument':
        return { data: { list: this.getDocuments(p).map(encode) } };
      case 'database.calculateDocument':
        return { data: { total: this.candidates(p, this.txOf(p)).length } };
      case 'database.insertDocument':
        return this.write(p, (tx) => ({ data: { insertedIds: this.insert(p, tx) } }));
      case 'database.modifyDocument':
        return this.write(p, (tx) => ({ data: this.modify(p, tx) }));
      case 'database.modifyAndReturnDoc':
        return this.write(p, (tx) => ({ data: this.modifyAndReturn(p, tx) }));
      case 'database.removeDocument':
        return this.write(p, (tx) => ({ data: { deleted: this.remove(p, tx) } }));
      case 'database.addCollection':
        return {};
      default:
        throw new DatabaseError('INVALID_PARAM', `the local database does not support ${action}`);
    }
  }

  // ---- transactions ---------------------------------------------------------------------------

  private async startTransaction(): Promise<Reply> {
    await this.lock.acquire();
    const id = randomBytes(12).toString('hex');
    const tx: OpenTransaction = { id, writes: new Map(), expired: false, timer: this.idleTimer(id) };
    this.transactions.set(id, tx);
    return { transactionId: id };
  }

  private idleTimer(id: string): NodeJS.Timeout {
    const timer = setTimeout(() => {
      const tx = this.transactions.get(id);
      if (!tx) return;
      tx.expired = true;
      this.closeTransaction(tx);
    }, this.idleMs);
    timer.unref();
    return timer;
  }

  private endTransaction(id: string, commit: boolean): Reply {
    const tx = this.transactions.get(id);
    if (!tx) throw new DatabaseError('DATABASE_TRANSACTION_FAIL', `transaction ${id} is not open (expired or already ended)`);
    if (commit) this.store.commit([...tx.writes.values()]);
    this.closeTransaction(tx);
    return {};
  }

  private closeTransaction(tx: OpenTransaction): void {
    clearTimeout(tx.timer);
    this.transactions.delete(tx.id);
    this.lock.release();
  }

  /** The open transaction a request names, refreshing its idle timer; undefined outside one. */
  private txOf(p: Plain): OpenTransaction | undefined {
    if (p.transactionId === undefined) return undefined;
    const tx = this.transactions.get(String(p.transactionId));
    if (!tx)
      throw new DatabaseError('DATABASE_TRANSACTION_FAIL', `transaction ${String(p.transactionId)} is not open (expired or already ended)`);
    clearTimeout(tx.timer);
    tx.timer = this.idleTimer(tx.id);
    return tx;
  }

  /** Runs a write inside its transaction, or alone under the lock so it cannot slip into one. */
  private async write(p: Plain, run: (tx: OpenTransaction | undefined) => Reply): Promise<Reply> {
    const tx = this.txOf(p);
    if (tx) {
      this.refuseWhereInTransaction(p);
      return run(tx);
    }
    await this.lock.acquire();
    try {
      return run(undefined);
    } finally {
      this.lock.release();
    }
  }

  /** CloudBase transactions only accept single-document operations addressed by _id. */
  private refuseWhereInTransaction(p: Plain): void {
    if (p.queryType === 'WHERE') {
      throw new DatabaseError(
        'DATABASE_TRANSACTION_FAIL',
        'where() is not allowed inside a transaction: address documents by _id with doc()',
      );
    }
  }

  // ---- reads ----------------------------------------------------------------------------------

  private key(collection: string, id: string): string {
    return `${collection}\u0000${id}`;
  }

  /** A document as the caller sees it: its transaction's pending image first, then committed. */
  private current(collection: string, id: string, tx: OpenTransaction | undefined): Document | undefined {
    const pending = tx?.writes.get(this.key(collection, id));
    if (pending) return pending.doc ?? undefined;
    return this.store.peek(collection, id);
  }

  private visible(collection: string, tx: OpenTransaction | undefined): Document[] {
    const committed = this.store.all(collection);
    if (!tx) return committed;
    const out = committed.map((d) => this.current(collection, d._id, tx)).filter((d): d is Document => d !== undefined);
    for (const change of tx.writes.values()) {
      if (change.collection === collection && change.doc && !this.store.peek(collection, change.id)) out.push(change.doc);
    }
    return out;
  }

  private queryOf(p: Plain): Plain {
    return resolveServerDates(decode(p.query as string | undefined), this.now());
  }

  private getDocuments(p: Plain): Document[] {
    const tx = this.txOf(p);
    if (tx) this.refuseWhereInTransaction(p);
    const collection = p.collectionName as string;
    const query = this.queryOf(p);
    const projection = p.projection ? decode(p.projection as string) : undefined;
    const id = p.queryType === 'DOC' ? idOf(query) : undefined;
    if (id !== undefined) {
      const doc = this.current(collection, id, tx);
      return doc ? select([doc], {}, { projection }) : [];
    }
    const limit = p.limit === undefined ? DEFAULT_READ_LIMIT : Number(p.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_READ_LIMIT) {
      throw new DatabaseError('INVALID_PARAM', `limit must be an integer from 1 to ${MAX_READ_LIMIT}`);
    }
    const order = p.order ? decode(p.order as string) : undefined;
    return select(this.narrowById(collection, query, tx) ?? this.visible(collection, tx), query, {
      order,
      offset: Number(p.offset ?? 0),
      limit,
      projection,
    });
  }

  // ---- writes ---------------------------------------------------------------------------------

  private put(collection: string, id: string, doc: Document | null, tx: OpenTransaction | undefined): void {
    const change: Change = { collection, id, doc };
    if (tx) tx.writes.set(this.key(collection, id), change);
    else this.store.commit([change]);
  }

  private insert(p: Plain, tx: OpenTransaction | undefined): string[] {
    const collection = p.collectionName as string;
    const now = this.now();
    const docs = (p.data as string[]).map((text) => resolveServerDates(decode(text), now));
    const ids: string[] = [];
    const seen = new Set<string>();
    for (const doc of docs) {
      const id = doc._id === undefined ? randomBytes(16).toString('hex') : String(doc._id);
      if (seen.has(id) || this.current(collection, id, tx)) {
        throw new DatabaseError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error: ${collection} already has _id ${id}`);
      }
      seen.add(id);
      ids.push(id);
    }
    docs.forEach((doc, i) => this.put(collection, ids[i]!, { ...doc, _id: ids[i]! }, tx));
    return ids;
  }

  private targets(p: Plain, tx: OpenTransaction | undefined): Document[] {
    const collection = p.collectionName as string;
    const query = this.queryOf(p);
    const id = p.queryType === 'DOC' ? idOf(query) : undefined;
    if (id !== undefined) {
      const doc = this.current(collection, id, tx);
      return doc ? [doc] : [];
    }
    const found = this.candidates(p, tx);
    return p.multi === false ? found.slice(0, 1) : found;
  }

  /** The documents a WHERE query matches. */
  private candidates(p: Plain, tx: OpenTransaction | undefined): Document[] {
    const collection = p.collectionName as string;
    const query = this.queryOf(p);
    const test = matcher(query);
    return (this.narrowById(collection, query, tx) ?? this.visible(collection, tx)).filter(test);
  }

  /** `_id` is the primary key: a query that names one exact `_id` looks at that document only. */
  private narrowById(collection: string, query: Plain, tx: OpenTransaction | undefined): Document[] | undefined {
    const id = query['_id'];
    if (typeof id !== 'string') return undefined;
    const doc = this.current(collection, id, tx);
    return doc ? [doc] : [];
  }

  private updatedImage(doc: Document, p: Plain): Document {
    const data = resolveServerDates(decode(p.data as string), this.now());
    if (p.merge === false) return { ...data, _id: doc._id };
    const hasOperators = Object.keys(data).some((k) => k.startsWith('$'));
    return applyUpdate(doc, hasOperators ? data : { $set: data });
  }

  private modify(p: Plain, tx: OpenTransaction | undefined): Reply {
    const collection = p.collectionName as string;
    const found = this.targets(p, tx);
    if (found.length === 0 && p.upsert === true) {
      const id = idOf(this.queryOf(p)) ?? randomBytes(16).toString('hex');
      this.put(collection, id, this.updatedImage({ _id: id }, p), tx);
      return { updated: 0, upsert_id: id };
    }
    for (const doc of found) this.put(collection, doc._id, this.updatedImage(doc, p), tx);
    return { updated: found.length };
  }

  private modifyAndReturn(p: Plain, tx: OpenTransaction | undefined): Reply {
    const collection = p.collectionName as string;
    const [doc] = this.targets({ ...p, multi: false }, tx);
    if (!doc) return { updated: 0, doc: null };
    const next = this.updatedImage(doc, p);
    this.put(collection, doc._id, next, tx);
    return { updated: 1, doc: encode(next) };
  }

  private remove(p: Plain, tx: OpenTransaction | undefined): number {
    const collection = p.collectionName as string;
    const found = this.targets(p, tx);
    for (const doc of found) this.put(collection, doc._id, null, tx);
    return found.length;
  }
}
