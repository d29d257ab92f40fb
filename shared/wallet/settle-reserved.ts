import type { Database } from '../platform/database';
import { fetchAll, getDoc, inTransaction } from '../platform/database';
import { AppError } from '../platform/errors';
import { CLOSED_KEEP_MS, fingerprintOf } from './apply-change';
import { holdKey, LEDGER, ledgerKey, viewOf, WALLETS, type LedgerEntry, type WalletDoc } from './documents';
import { settleReservedTx } from './operations';
import type { ReservedWallet } from './reserve';
import type { WalletView } from '../contracts/wallet';

export interface ReservedSettlement {
  openid: string;
  holdId: string;
  /** What the hold took (reserve.ts). */
  held: number;
  /** What the chat costs: 0 ≤ actual ≤ held. */
  actual: number;
  /** The ledger entry's reason (`cache_hit`). */
  reason?: string;
  /** The wallet as the hold left it (reserveInWallet's `after`). */
  expected: ReservedWallet;
  /** Keys of entry copies the wallet carries that are already in the ledger (filedCopiesOf): dropped by this write. */
  filed?: string[];
}

/**
 * Settles a chat's hold in one database round instead of a transaction's six (start, read, three
 * writes, commit) — on a network database each round is milliseconds on every answer.
 *
 * When nobody has written the wallet since the hold (the usual case: one user, one chat at a time),
 * everything the settlement produces is known in advance: the balance, held amount and version after
 * it. So the wallet is written with ONE update conditional on being exactly as the hold left it (and
 * the hold still open), and the ledger entry, carrying those known figures, is written at the same
 * time. CloudBase applies a single-document update atomically, so either the condition held and the
 * figures in the entry are the wallet's, or nothing changed in the wallet; then the entry written
 * beside it is dropped and the settlement runs as the transaction it always was (settleReservedTx).
 *
 * A settle entry whose hold is still open in the wallet is therefore not yet a fact (the invariant
 * leaves it out): it exists only between the two writes, or after a crash between them, until the
 * hold sweeper settles the hold (the answer was stored) or drops the entry and releases it. The other
 * way round — the wallet written, the entry's own write lost — cannot lose the entry: the wallet write
 * carries a copy (`unfiled`), which the timer files in the ledger (fileUnfiledEntries).
 */
export async function settleReserved(db: Database, s: ReservedSettlement, now: Date): Promise<WalletView> {
  if (!Number.isSafeInteger(s.actual) || s.actual < 0 || s.actual > s.held) {
    throw new AppError('INVALID_INPUT', '结算金额必须在 0 到预留金额之间（单位：微元）', { field: 'actual' });
  }
  const _ = db.command;
  const key = holdKey(s.holdId);
  const e = s.expected;
  const balance = e.balance - s.actual;
  const held = e.held - s.held;
  const version = e.version + 1;
  const entryId = ledgerKey.settle(s.holdId);
  const entry: Omit<LedgerEntry, '_id'> = {
    openid: s.openid,
    kind: 'settle',
    amount: -s.actual,
    balanceAfter: balance,
    heldAfter: held,
    ref: s.holdId,
    version,
    fingerprint: fingerprintOf({ kind: 'settle', openid: s.openid, args: { actual: s.actual } }),
    createdAt: now,
    ...(s.reason !== undefined ? { reason: s.reason } : {}),
  };
  const forget: Record<string, unknown> = {};
  // Copies of earlier chats' entries already in the ledger go with this write, so a busy wallet does
  // not carry them until the timer: each must still be there (the timer may have dropped it meanwhile).
  const filed = s.filed ?? [];
  const stillCarried: Record<string, unknown> = {};
  for (const k of filed) {
    forget[`unfiled.${k}`] = _.remove();
    stillCarried[`unfiled.${k}`] = _.exists(true);
  }
  // Chat holds closed long ago are forgotten here too (their messages answer duplicates from now on).
  for (const [k, at] of Object.entries(e.closed ?? {})) {
    if (now.getTime() - new Date(at).getTime() > CLOSED_KEEP_MS) forget[`closed.${k}`] = _.remove();
  }
  const [, res] = await Promise.all([
    db.collection(LEDGER).doc(entryId).set({ data: entry }),
    db
      .collection(WALLETS)
      .where({ _id: s.openid, version: e.version, balance: e.balance, held: e.held, [`open.${key}.amount`]: s.held, ...stillCarried })
      .update({
        data: {
          balance,
          held,
          available: balance - held,
          version,
          [`open.${key}`]: _.remove(),
          [`closed.${key}`]: now,
          openHolds: _.inc(-1),
          // The entry travels with the write it describes; the timer drops it once filed (fileUnfiledEntries).
          [`unfiled.${key}`]: { ...entry, id: entryId },
          unfiledCount: _.inc(1 - filed.length),
          updatedAt: now,
          ...forget,
        },
      }) as Promise<{ stats: { updated: number } }>,
  ]);
  if (res.stats.updated === 1) return viewOf({ balance, held });
  // The wallet moved since the hold (another chat, a top-up): the entry's figures are not its. Drop the
  // entry first — were the process to die in between, the hold is still open and the sweeper decides.
  await db.collection(LEDGER).where({ _id: entryId }).remove();
  const after = await inTransaction(db, (tx) =>
    settleReservedTx(
      tx,
      { openid: s.openid, holdId: s.holdId, actual: s.actual, ...(s.reason !== undefined ? { reason: s.reason } : {}) },
      now,
    ),
  );
  return viewOf(after);
}

/**
 * What a chat's hold was settled at, if its settlement is a fact (the entry exists and the hold is no
 * longer open), else null — for the timer that finds an answer left unfinished after its settlement.
 */
export async function settledChargeOf(db: Database, openid: string, holdId: string): Promise<number | null> {
  const [entry, wallet] = await Promise.all([
    getDoc<LedgerEntry>(db, LEDGER, ledgerKey.settle(holdId)),
    getDoc<WalletDoc>(db, WALLETS, openid),
  ]);
  const found = entry ?? wallet?.unfiled?.[holdKey(holdId)] ?? null;
  if (!found || found.openid !== openid || found.kind !== 'settle' || wallet?.open?.[holdKey(holdId)]) return null;
  return -found.amount;
}

/**
 * Files the entries that chats' settlements carried in wallets (`unfiled`) in the ledger — each one
 * already there in the usual case, written beside its wallet write — and drops the copies. Idempotent:
 * a run cut off anywhere is finished by the next.
 */
export async function fileUnfiledEntries(db: Database): Promise<number> {
  const _ = db.command;
  let filed = 0;
  let after = '';
  for (;;) {
    const wallets = await fetchAll<WalletDoc>(
      db
        .collection(WALLETS)
        .where({ unfiledCount: _.gt(0), _id: _.gt(after) })
        .orderBy('_id', 'asc')
        .limit(100),
    );
    for (const w of wallets) {
      for (const [key, copy] of Object.entries(w.unfiled ?? {})) {
        const { id, ...entry } = copy;
        if (!(await getDoc<LedgerEntry>(db, LEDGER, id))) {
          await db.collection(LEDGER).doc(id).set({ data: entry });
          filed += 1;
        }
        await db
          .collection(WALLETS)
          .where({ _id: w._id, [`unfiled.${key}`]: _.exists(true) })
          .update({ data: { [`unfiled.${key}`]: _.remove(), unfiledCount: _.inc(-1) } });
      }
    }
    if (wallets.length < 100) break;
    after = wallets[wallets.length - 1]!._id;
  }
  return filed;
}

/**
 * Which of the entry copies a wallet carries (`unfiled`) are in the ledger already — in the usual
 * case all of them, written beside their wallet writes. Asked while the model answers, so that the
 * settlement can drop them (one query, off the path the user waits on).
 */
export async function filedCopiesOf(db: Database, wallet: Pick<WalletDoc, 'unfiled'> | null): Promise<string[]> {
  const copies = Object.entries(wallet?.unfiled ?? {}).slice(0, 50);
  if (copies.length === 0) return [];
  const ids = copies.map(([, c]) => c.id);
  const found = await fetchAll<{ _id: string }>(
    db
      .collection(LEDGER)
      .where({ _id: db.command.in(ids) })
      .field({ _id: true })
      .limit(ids.length),
  );
  const present = new Set(found.map((d) => d._id));
  return copies.filter(([, c]) => present.has(c.id)).map(([k]) => k);
}
