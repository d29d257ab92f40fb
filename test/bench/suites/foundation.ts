import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { functions as manifest } from '../../../cloudfunctions/manifest';
import { createHost, listen, type FunctionModule } from '../../../local/host/server';
import { getDoc, inTransaction } from '../../../shared/platform/database';
import { localCloud } from '../../support/cloud';
import { measure, type BenchResult } from '../measure';

/** The local database (persisted to a temp dir, as under `npm start`) and the function host. */
export async function foundationBenchmarks(): Promise<BenchResult[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qiao-bench-'));
  const { db } = localCloud({ dataDir });
  const _ = db.command;
  const results: BenchResult[] = [];

  for (let i = 0; i < 1000; i++)
    await db
      .collection('bench')
      .doc(`d${i}`)
      .set({ data: { i, v: 0, group: i % 10 } });

  results.push(await measure('db: doc get (wx-server-sdk → local engine)', (i) => getDoc(db, 'bench', `d${i % 1000}`)));
  results.push(
    await measure('db: conditional update (where _id + v ≥ 0, _.inc)', (i) =>
      db
        .collection('bench')
        .where({ _id: `d${i % 1000}`, v: _.gte(0) })
        .update({ data: { v: _.inc(1) } }),
    ),
  );
  results.push(
    await measure('db: two-document transaction (get, get, update, update)', (i) =>
      inTransaction(db, async (tx) => {
        const a = await tx.get<{ v: number }>('bench', `d${i % 1000}`);
        const b = await tx.get<{ v: number }>('bench', `d${(i + 1) % 1000}`);
        await tx.update('bench', `d${i % 1000}`, { v: a!.v - 1 });
        await tx.update('bench', `d${(i + 1) % 1000}`, { v: b!.v + 1 });
      }),
    ),
  );

  const functions: Record<string, FunctionModule> = { api: await import('../../../cloudfunctions/api/index') };
  const server = createHost({ functions, manifest, log: () => undefined });
  const base = await listen(server, 0);
  const body = JSON.stringify({ action: 'session.get' });
  results.push(
    await measure(
      'host: POST /fn/api session.get round trip',
      async () => {
        const res = await fetch(`${base}/fn/api`, { method: 'POST', headers: { 'x-wx-openid': 'bench' }, body });
        await res.json();
      },
      { iterations: 1000, note: 'HTTP on loopback, includes the admin lookup' },
    ),
  );
  await new Promise((r) => server.close(r));
  fs.rmSync(dataDir, { recursive: true, force: true });
  return results;
}
