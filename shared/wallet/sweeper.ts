import type { PlatformDeps } from '../platform/context';
import { fetchAll, inTransaction } from '../platform/database';
import { isAppError } from '../platform/errors';
import { HOLDS, WALLETS, type HoldDoc, type WalletDoc } from './documents';
import { releaseReserved } from './reserve';
import { releaseTx } from './operations';

const BATCH = 100;

/**
 * Releases every hold past its expiry that nobody settled (a chat that crashed or was cut off):
 * money is never locked for longer than the hold's time to live. Each release is its own
 * transaction and re-checks the hold, so a chat settling at the same moment wins cleanly.
 */
export async function releaseExpiredHolds(deps: PlatformDeps): Promise<{ released: number; skipped: number }> {
  const _ = deps.db.command;
  let released = 0;
  let skipped = 0;
  const now = deps.clock.now();
  for (;;) {
    const due = await fetchAll<HoldDoc>(
      deps.db
        .collection(HOLDS)
        .where({ status: 'open', expiresAt: _.lte(now) })
        .orderBy('expiresAt', 'asc')
        .limit(BATCH),
    );
    if (due.length === 0) break;
    for (const hold of due) {
      try {
        await inTransaction(deps.db, (tx) => releaseTx(tx, { openid: hold.openid, requestId: hold._id, reason: 'expired' }, now));
        released += 1;
      } catch (error) {
        if (!isAppError(error) || error.code !== 'HOLD_NOT_OPEN') throw error;
        skipped += 1; // settled or released between the query and the transaction
      }
    }
    if (due.length < BATCH) break;
  }
  // Chats' holds inside wallets (reserve.ts): wallets with any open, each expired one released alone.
  let after = '';
  for (;;) {
    const wallets = await fetchAll<WalletDoc>(
      deps.db
        .collection(WALLETS)
        .where({ openHolds: _.gt(0), _id: _.gt(after) })
        .orderBy('_id', 'asc')
        .limit(BATCH),
    );
    for (const w of wallets) {
      for (const hold of Object.values(w.open ?? {})) {
        if (new Date(hold.expiresAt).getTime() > now.getTime()) continue;
        if (await releaseReserved(deps.db, { openid: w._id, holdId: hold.ref, amount: hold.amount, now })) released += 1;
        else skipped += 1; // settled or released between the query and the write
      }
    }
    if (wallets.length < BATCH) break;
    after = wallets[wallets.length - 1]!._id;
  }
  return { released, skipped };
}
