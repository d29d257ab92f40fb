import type { PlatformDeps } from '../platform/context';
import { fetchAll, inTransaction } from '../platform/database';
import { isAppError } from '../platform/errors';
import { HOLDS, LEDGER, ledgerKey, WALLETS, type HoldDoc, type WalletDoc } from './documents';
import { releaseReserved } from './reserve';
import { releaseTx, settleReservedTx } from './operations';

/**
 * What became of the chat behind an expired hold, as its owner (the chat domain) knows it: the charge
 * of an answer that was stored as finished, or null (never finished: the hold goes back). Settlement is
 * one round of parallel writes (settle-reserved.ts), so a process that died inside that round can
 * leave a finished answer whose hold is still open.
 */
export type HoldOutcome = (hold: { openid: string; holdId: string; amount: number }) => Promise<{ actual: number; reason?: string } | null>;

const BATCH = 100;

/**
 * Releases every hold past its expiry that nobody settled (a chat that crashed or was cut off):
 * money is never locked for longer than the hold's time to live. Each release is its own
 * transaction or conditional write and re-checks the hold, so a chat settling at the same moment
 * wins cleanly. A chat hold whose answer `outcomeOf` says was stored as finished is settled at its
 * charge instead (the process died inside the settlement's round).
 */
export async function releaseExpiredHolds(
  deps: PlatformDeps,
  outcomeOf: HoldOutcome = () => Promise.resolve(null),
): Promise<{ released: number; settled: number; skipped: number }> {
  const _ = deps.db.command;
  let released = 0;
  let settled = 0;
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
        const outcome = await outcomeOf({ openid: w._id, holdId: hold.ref, amount: hold.amount });
        if (outcome) {
          // The answer was stored as finished: the settlement that did not land is completed (its
          // transaction rewrites any entry written beside the lost wallet write).
          const actual = Math.min(Math.max(0, outcome.actual), hold.amount);
          const reason = outcome.reason !== undefined ? { reason: outcome.reason } : {};
          try {
            await inTransaction(deps.db, (tx) => settleReservedTx(tx, { openid: w._id, holdId: hold.ref, actual, ...reason }, now));
            settled += 1;
          } catch (error) {
            if (!isAppError(error) || error.code !== 'HOLD_NOT_OPEN') throw error;
            skipped += 1;
          }
          continue;
        }
        // Not finished: an entry written beside a lost wallet write goes first (should the process die
        // right after, the hold is still open and the next run decides again), then the hold.
        await deps.db
          .collection(LEDGER)
          .where({ _id: ledgerKey.settle(hold.ref) })
          .remove();
        if (await releaseReserved(deps.db, { openid: w._id, holdId: hold.ref, amount: hold.amount, now })) released += 1;
        else skipped += 1; // settled or released between the query and the write
      }
    }
    if (wallets.length < BATCH) break;
    after = wallets[wallets.length - 1]!._id;
  }
  return { released, settled, skipped };
}
