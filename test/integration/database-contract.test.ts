/**
 * Contract of the local CloudBase database: the real wx-server-sdk query builder, run offline against
 * the embedded engine. If an SDK upgrade changes what the requester receives, these fail loudly.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { countOf, fetchAll, getDoc, inTransaction } from '../../shared/platform/database';
import { localCloud } from '../support/cloud';
import { DocumentStore } from '../../local/db/store';

const { db, cloud, engine } = localCloud();
const _ = db.command;

async function clear(name: string): Promise<void> {
  await db
    .collection(name)
    .where({ _id: _.exists(true) })
    .remove();
}

describe('pinned SDK versions', () => {
  it('uses the exact wx-server-sdk and @cloudbase/database versions this engine was written against', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['wx-server-sdk']).toBe('4.0.2');
    const nodeSdkDir = path.dirname(require.resolve('@cloudbase/node-sdk/package.json'));
    const dbPkg = require.resolve('@cloudbase/database/package.json', { paths: [nodeSdkDir] });
    expect((JSON.parse(fs.readFileSync(dbPkg, 'utf8')) as { version: string }).version).toBe('1.4.3');
  });
});

describe('requester protocol', () => {
  it('receives the actions and parameter shapes the engine implements', async () => {
    const seen: string[] = [];
    const original = engine.send.bind(engine);
    const spy = jest.spyOn(engine, 'send').mockImplementation((action, params) => {
      const keys = Object.entries(params ?? {})
        .filter(([, v]) => v !== undefined)
        .map(([k]) => k);
      seen.push(`${action} ${keys.sort().join(',')}`);
      return original(action, params);
    });
    await db.collection('shape').add({ data: { v: 1 } });
    await db
      .collection('shape')
      .doc('s')
      .set({ data: { v: 1 } });
    await db
      .collection('shape')
      .doc('s')
      .update({ data: { v: _.inc(1) } });
    await db.collection('shape').doc('s').get();
    await db.collection('shape').where({ v: 2 }).orderBy('v', 'asc').skip(1).limit(2).get();
    await db.collection('shape').where({ v: 2 }).count();
    await db.collection('shape').doc('s').remove();
    await inTransaction(db, async (tx) => {
      await tx.get('shape', 's');
      await tx.set('shape', 's', { v: 1 });
    });
    spy.mockRestore();
    expect(seen).toEqual([
      'database.insertDocument collectionName,data',
      'database.modifyDocument collectionName,data,merge,multi,query,queryType,upsert',
      'database.modifyDocument collectionName,data,merge,multi,query,queryType,upsert',
      'database.getDocument collectionName,multi,query,queryType',
      'database.getDocument collectionName,limit,offset,order,query,queryType',
      'database.calculateDocument collectionName,query,queryType',
      'database.removeDocument collectionName,multi,query,queryType',
      'database.startTransaction ',
      'database.getDocument collectionName,multi,query,queryType,transactionId',
      'database.modifyDocument collectionName,data,merge,multi,query,queryType,transactionId,upsert',
      'database.commitTransaction transactionId',
    ]);
  });
});

describe('documents', () => {
  beforeEach(() => clear('things'));

  it('adds, gets, sets, updates and removes a document', async () => {
    const added = (await db.collection('things').add({ data: { name: 'a', n: 1 } })) as { _id: string };
    expect(typeof added._id).toBe('string');
    expect(await getDoc(db, 'things', added._id)).toMatchObject({ _id: added._id, name: 'a', n: 1 });

    await db
      .collection('things')
      .doc('fixed')
      .set({ data: { name: 'b', n: 2, extra: true } });
    await db
      .collection('things')
      .doc('fixed')
      .set({ data: { name: 'b2', n: 3 } });
    expect(await getDoc(db, 'things', 'fixed')).toEqual({ _id: 'fixed', name: 'b2', n: 3 });

    const res = (await db
      .collection('things')
      .doc('fixed')
      .update({ data: { n: _.inc(5), 'nested.x': 1, name: _.remove() } })) as { stats: { updated: number } };
    expect(res.stats.updated).toBe(1);
    expect(await getDoc(db, 'things', 'fixed')).toEqual({ _id: 'fixed', n: 8, nested: { x: 1 } });

    await db.collection('things').doc('fixed').remove();
    expect(await getDoc(db, 'things', 'fixed')).toBeNull();
  });

  it('answers a missing document with null (throwOnNotFound: false) and updates nothing', async () => {
    expect(await getDoc(db, 'things', 'nope')).toBeNull();
    const res = (await db
      .collection('things')
      .doc('nope')
      .update({ data: { n: 1 } })) as { stats: { updated: number } };
    expect(res.stats.updated).toBe(0);
    expect(await getDoc(db, 'things', 'nope')).toBeNull();
  });

  it('throws on a missing document when the database is opened with the SDK defaults', async () => {
    await expect(cloud.database().collection('things').doc('nope').get()).rejects.toMatchObject({
      errMsg: expect.stringContaining('does not exist'),
    });
  });

  it('refuses a second document with the same _id', async () => {
    await db.collection('things').add({ data: { _id: 'dup', n: 1 } });
    await expect(db.collection('things').add({ data: { _id: 'dup', n: 2 } })).rejects.toMatchObject({
      errMsg: expect.stringContaining('duplicate key'),
    });
    expect(await getDoc(db, 'things', 'dup')).toEqual({ _id: 'dup', n: 1 });
  });

  it('fills serverDate() with the server time and keeps Date values', async () => {
    const before = Date.now();
    await db
      .collection('things')
      .doc('t')
      .set({
        data: { at: db.serverDate(), later: (db.serverDate as (o: { offset: number }) => unknown)({ offset: 60_000 }), fixed: new Date(0) },
      });
    const doc = await getDoc<{ at: Date; later: Date; fixed: Date }>(db, 'things', 't');
    expect(doc!.at).toBeInstanceOf(Date);
    expect(doc!.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(doc!.later.getTime() - doc!.at.getTime()).toBe(60_000);
    expect(doc!.fixed.getTime()).toBe(0);
  });
});

describe('queries', () => {
  beforeAll(async () => {
    await clear('nums');
    for (let i = 1; i <= 12; i++) {
      await db.collection('nums').add({ data: { _id: `n${i}`, i, parity: i % 2 ? 'odd' : 'even', tag: i % 3 } });
    }
  });

  it('filters with _.gte, _.in and _.and', async () => {
    const docs = await fetchAll<{ i: number }>(db.collection('nums').where(_.and([{ i: _.gte(5) }, { tag: _.in([0, 1]) }])));
    expect(docs.map((d) => d.i).sort((a, b) => a - b)).toEqual([6, 7, 9, 10, 12]);
  });

  it('counts, orders, skips and limits', async () => {
    expect(await countOf(db.collection('nums').where({ parity: 'odd' }))).toBe(6);
    const page = await fetchAll<{ i: number }>(db.collection('nums').where({ parity: 'odd' }).orderBy('i', 'desc').skip(1).limit(3));
    expect(page.map((d) => d.i)).toEqual([9, 7, 5]);
  });

  it('projects fields', async () => {
    expect(await fetchAll(db.collection('nums').where({ i: 1 }).field({ i: true }))).toEqual([{ _id: 'n1', i: 1 }]);
  });

  it('answers at most 100 documents without a limit and refuses reads over 1,000', async () => {
    await clear('many');
    const docs = Array.from({ length: 150 }, (_x, k) => ({ k }));
    for (const d of docs) await db.collection('many').add({ data: d });
    expect(await fetchAll(db.collection('many'))).toHaveLength(100);
    const { LocalDatabaseEngine } = await import('../../local/db/engine');
    const engine = new LocalDatabaseEngine(DocumentStore.inMemory());
    const res = await engine.send('database.getDocument', { collectionName: 'many', queryType: 'WHERE', limit: 1001 });
    expect(res.code).toBe('INVALID_PARAM');
  });

  it('updates and removes many documents with where()', async () => {
    await clear('bulk');
    for (let i = 0; i < 5; i++) await db.collection('bulk').add({ data: { i, done: false } });
    const upd = (await db
      .collection('bulk')
      .where({ i: _.lt(3) })
      .update({ data: { done: true } })) as { stats: { updated: number } };
    expect(upd.stats.updated).toBe(3);
    expect(await countOf(db.collection('bulk').where({ done: true }))).toBe(3);
    const rem = (await db.collection('bulk').where({ done: true }).remove()) as { stats: { removed: number } };
    expect(rem.stats.removed).toBe(3);
    expect(await countOf(db.collection('bulk'))).toBe(2);
  });
});

describe('transactions', () => {
  beforeEach(() => clear('acc'));

  it('commits writes to several documents together', async () => {
    await db
      .collection('acc')
      .doc('a')
      .set({ data: { v: 10 } });
    await inTransaction(db, async (tx) => {
      const a = await tx.get<{ v: number }>('acc', 'a');
      await tx.update('acc', 'a', { v: a!.v - 3 });
      await tx.set('acc', 'b', { v: 3 });
    });
    expect(await getDoc(db, 'acc', 'a')).toEqual({ _id: 'a', v: 7 });
    expect(await getDoc(db, 'acc', 'b')).toEqual({ _id: 'b', v: 3 });
  });

  it('sees its own writes, and nobody else sees them before commit', async () => {
    await db
      .collection('acc')
      .doc('a')
      .set({ data: { v: 1 } });
    let inside: unknown;
    let outside: unknown;
    await inTransaction(db, async (tx) => {
      await tx.update('acc', 'a', { v: 2 });
      inside = await tx.get('acc', 'a');
      outside = await getDoc(db, 'acc', 'a');
    });
    expect(inside).toEqual({ _id: 'a', v: 2 });
    expect(outside).toEqual({ _id: 'a', v: 1 });
  });

  it('leaves no trace when the work throws half-way', async () => {
    await db
      .collection('acc')
      .doc('a')
      .set({ data: { v: 10 } });
    await expect(
      inTransaction(db, async (tx) => {
        await tx.update('acc', 'a', { v: _.inc(-5) });
        await tx.set('acc', 'new', { v: 5 });
        throw new Error('crash between two steps');
      }),
    ).rejects.toThrow('crash between two steps');
    expect(await getDoc(db, 'acc', 'a')).toEqual({ _id: 'a', v: 10 });
    expect(await getDoc(db, 'acc', 'new')).toBeNull();
  });

  it('refuses where() inside a transaction, like CloudBase', async () => {
    await expect(
      db.runTransaction(async (t: { collection(n: string): { where(q: object): { get(): Promise<unknown> } } }) => {
        await t.collection('acc').where({ v: 1 }).get();
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('where() is not allowed inside a transaction') });
  });

  it('ends at exactly +200 after 200 concurrent _.inc transactions on one document', async () => {
    await db
      .collection('acc')
      .doc('counter')
      .set({ data: { v: 0 } });
    await Promise.all(
      Array.from({ length: 200 }, () =>
        inTransaction(db, async (tx) => {
          const doc = await tx.get<{ v: number }>('acc', 'counter');
          await tx.update('acc', 'counter', { v: _.inc(1), seen: doc!.v });
        }),
      ),
    );
    expect(await getDoc(db, 'acc', 'counter')).toMatchObject({ v: 200 });
  });

  it('serializes read-modify-write transactions so none is lost', async () => {
    await db
      .collection('acc')
      .doc('rmw')
      .set({ data: { v: 0 } });
    await Promise.all(
      Array.from({ length: 50 }, () =>
        inTransaction(db, async (tx) => {
          const doc = await tx.get<{ v: number }>('acc', 'rmw');
          await tx.update('acc', 'rmw', { v: doc!.v + 1 });
        }),
      ),
    );
    expect(await getDoc(db, 'acc', 'rmw')).toEqual({ _id: 'rmw', v: 50 });
  });
});

describe('persistence', () => {
  it('keeps committed data across a restart and drops an aborted transaction', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qiao-db-'));
    const { LocalDatabaseEngine } = await import('../../local/db/engine');
    const first = new LocalDatabaseEngine(DocumentStore.open(dir));
    await first.send('database.insertDocument', {
      collectionName: 'c',
      data: ['{"_id":"x","v":{"$numberInt":"1"},"d":{"$date":{"$numberLong":"5"}}}'],
    });
    const tx = (await first.send('database.startTransaction')) as { transactionId: string };
    await first.send('database.modifyDocument', {
      collectionName: 'c',
      transactionId: tx.transactionId,
      queryType: 'DOC',
      query: '{"_id":"x"}',
      data: '{"$set":{"v":{"$numberInt":"2"}}}',
      merge: true,
      multi: false,
      upsert: false,
    });
    await first.send('database.abortTransaction', { transactionId: tx.transactionId });

    const reopened = DocumentStore.open(dir);
    expect(reopened.peek('c', 'x')).toEqual({ _id: 'x', v: 1, d: new Date(5) });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ignores a torn last line (a crash mid-append) and keeps what was committed before', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qiao-db-'));
    const store = DocumentStore.open(dir);
    store.commit([{ collection: 'c', id: 'a', doc: { _id: 'a', v: 1 } }]);
    fs.appendFileSync(path.join(dir, 'db.jsonl'), '{"changes":[{"collection":"c","id":"b","doc":{"_id"');
    const reopened = DocumentStore.open(dir);
    expect(reopened.peek('c', 'a')).toEqual({ _id: 'a', v: 1 });
    expect(reopened.peek('c', 'b')).toBeUndefined();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
