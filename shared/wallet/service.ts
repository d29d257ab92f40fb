import type { StatementEntry, WalletView } from '../contracts/wallet';
import type { PlatformDeps } from '../platform/context';
import { fetchAll, getDoc, inTransaction } from '../platform/database';
import { AppError } from '../platform/errors';
import type { WalletResult } from './apply-change';
import { LEDGER, viewOf, WALLETS, type LedgerEntry, type WalletDoc } from './documents';
import { adjustTx, creditTx, holdTx, refundDebitTx, refundRestoreTx, releaseTx, settleTx } from './operations';

type Args<F> = F extends (tx: never, a: infer A, now: Date) => unknown ? A : never;

/** Each operation in a transaction of its own, at the clock's time. */
export const wallet = {
  credit: (deps: PlatformDeps, a: Args<typeof creditTx>) => run(deps, (tx, now) => creditTx(tx, a, now)),
  hold: (deps: PlatformDeps, a: Args<typeof holdTx>) => run(deps, (tx, now) => holdTx(tx, a, now)),
  settle: (deps: PlatformDeps, a: Args<typeof settleTx>) => run(deps, (tx, now) => settleTx(tx, a, now)),
  release: (deps: PlatformDeps, a: Args<typeof releaseTx>) => run(deps, (tx, now) => releaseTx(tx, a, now)),
  refundDebit: (deps: PlatformDeps, a: Args<typeof refundDebitTx>) => run(deps, (tx, now) => refundDebitTx(tx, a, now)),
  refundRestore: (deps: PlatformDeps, a: Args<typeof refundRestoreTx>) => run(deps, (tx, now) => refundRestoreTx(tx, a, now)),
  adjust: (deps: PlatformDeps, a: Args<typeof adjustTx>) => run(deps, (tx, now) => adjustTx(tx, a, now)),
};

function run(
  deps: PlatformDeps,
  work: (tx: Parameters<Parameters<typeof inTransaction>[1]>[0], now: Date) => Promise<WalletResult>,
): Promise<WalletResult> {
  const now = deps.clock.now();
  return inTransaction(deps.db, (tx) => work(tx, now));
}

/** The wallet as the user sees it; a user who never paid has an empty one. */
export async function getWallet(deps: PlatformDeps, openid: string): Promise<WalletView> {
  const doc = await getDoc<WalletDoc>(deps.db, WALLETS, openid);
  return viewOf(doc ?? { balance: 0, held: 0 });
}

/**
 * Newest entries first. The cursor is the wallet version of the last entry shown: versions are
 * unique and ordered per wallet, so pages never skip or repeat an entry while new ones arrive.
 */
export async function statement(
  deps: PlatformDeps,
  openid: string,
  page: { cursor?: string; limit?: number },
): Promise<{ entries: StatementEntry[]; nextCursor: string | null }> {
  const limit = page.limit ?? 20;
  let before: number | undefined;
  if (page.cursor !== undefined) {
    before = Number(page.cursor);
    if (!Number.isSafeInteger(before) || before < 1)
      throw new AppError('INVALID_INPUT', '列表已更新，请下拉刷新后重试', { field: 'cursor' });
  }
  const _ = deps.db.command;
  const where = before === undefined ? { openid } : { openid, version: _.lt(before) };
  const docs = await fetchAll<LedgerEntry>(deps.db.collection(LEDGER).where(where).orderBy('version', 'desc').limit(limit));
  const entries: StatementEntry[] = docs.map((e) => ({
    id: e._id,
    kind: e.kind,
    amount: e.amount,
    balanceAfter: e.balanceAfter,
    heldAfter: e.heldAfter,
    ref: e.ref,
    ...(e.reason !== undefined ? { reason: e.reason } : {}),
    createdAt: new Date(e.createdAt).toISOString(),
  }));
  const last = docs[docs.length - 1];
  return { entries, nextCursor: docs.length === limit && last && last.version > 1 ? String(last.version) : null };
}
