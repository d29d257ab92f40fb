import { formatYuan } from '../money/format';
import { getDoc, inTransaction, type Database } from '../platform/database';
import { AppError } from '../platform/errors';
import { holdKey, WALLETS, type WalletDoc } from './documents';

/**
 * A chat's hold as ONE conditional write of the wallet document, with no transaction: CloudBase
 * applies an update to one document atomically, so "available ≥ amount, this hold not taken yet, the
 * minute's chats under the limit, the conversations under the cap" and "take it" cannot be split by a
 * concurrent request. That makes the claim of a requestId and the hold the same write: of concurrent
 * duplicates exactly one holds, the others see the hold taken.
 *
 * A hold moves money from available to held without changing the balance, so it writes no ledger
 * entry; its settlement (settleReservedTx, a transaction) writes the `settle:` entry, and a release
 * (releaseReserved) writes none. What the last read of the wallet said is passed in (`seen`) so that
 * the rate-limit window can be renewed without reading again.
 */
export interface ReserveRequest {
  openid: string;
  holdId: string;
  amount: number;
  expiresAt: Date;
  now: Date;
  /** The wallet as read at the start of the request (null: none yet). */
  seen: WalletDoc | null;
  rateLimitPerMinute: number;
  /** A new conversation counts against the cap. */
  newConversation?: { cap: number };
}

export type ReserveRefusal = 'duplicate' | 'insufficient' | 'rate_limited' | 'conversation_cap';

/**
 * The wallet as this hold's write left it, if nobody else has written it since: what the settlement
 * (settle-reserved.ts) makes its own one write conditional on.
 */
export type ReservedWallet = Pick<WalletDoc, 'balance' | 'held' | 'version' | 'closed'>;

/** Tries the conditional write; on a refusal reads the wallet once to say why. */
export async function reserveInWallet(
  db: Database,
  r: ReserveRequest,
): Promise<{ ok: true; after: ReservedWallet } | { ok: false; why: ReserveRefusal }> {
  const _ = db.command;
  const key = holdKey(r.holdId);
  const minute = Math.floor(r.now.getTime() / 60_000);
  for (let attempt = 0; attempt < 3; attempt++) {
    let seen = attempt === 0 ? r.seen : await readWallet(db, r.openid);
    if (seen && seen.available === undefined) seen = await backfillAvailable(db, r.openid);
    const refusal = refusalOf(seen, r, key, minute);
    if (refusal) return { ok: false, why: refusal };
    const sameMinute = seen!.rateMinute === minute;
    const where: Record<string, unknown> = {
      _id: r.openid,
      available: _.gte(r.amount),
      [`open.${key}`]: _.exists(false),
      [`closed.${key}`]: _.exists(false),
      // The rate-limit window: counted in the same write; a renewed window must still be the one we saw.
      ...(sameMinute ? { rateMinute: minute, rateCount: _.lt(r.rateLimitPerMinute) } : { rateMinute: seen!.rateMinute ?? _.exists(false) }),
      ...(r.newConversation ? { conversations: seen!.conversations === undefined ? _.exists(false) : _.lt(r.newConversation.cap) } : {}),
    };
    const res = (await db
      .collection(WALLETS)
      .where(where)
      .update({
        data: {
          available: _.inc(-r.amount),
          held: _.inc(r.amount),
          [`open.${key}`]: { ref: r.holdId, amount: r.amount, expiresAt: r.expiresAt, createdAt: r.now },
          openHolds: _.inc(1),
          ...(sameMinute ? { rateCount: _.inc(1) } : { rateMinute: minute, rateCount: 1 }),
          ...(r.newConversation ? { conversations: seen!.conversations === undefined ? 1 : _.inc(1) } : {}),
          updatedAt: r.now,
        },
      })) as { stats: { updated: number } };
    if (res.stats.updated === 1) {
      const w = seen!;
      return {
        ok: true,
        after: { balance: w.balance, held: w.held + r.amount, version: w.version, ...(w.closed ? { closed: w.closed } : {}) },
      };
    }
    // Someone changed the wallet between our read and our write: read again and retry (or say why not).
  }
  const last = await readWallet(db, r.openid);
  return { ok: false, why: refusalOf(last, r, key, minute) ?? 'insufficient' };
}

/** A wallet written before `available` existed gets it once, in a transaction (balance and held stay exact). */
async function backfillAvailable(db: Database, openid: string): Promise<WalletDoc | null> {
  return inTransaction(db, async (tx) => {
    const w = await tx.get<WalletDoc>(WALLETS, openid);
    if (!w || w.available !== undefined) return w;
    await tx.update(WALLETS, openid, { available: w.balance - w.held });
    return { ...w, available: w.balance - w.held };
  });
}

function readWallet(db: Database, openid: string): Promise<WalletDoc | null> {
  return getDoc<WalletDoc>(db, WALLETS, openid);
}

function refusalOf(w: WalletDoc | null, r: ReserveRequest, key: string, minute: number): ReserveRefusal | null {
  if (w?.open?.[key] || w?.closed?.[key]) return 'duplicate';
  if (!w || availableOf(w) < r.amount) return 'insufficient';
  if (w.rateMinute === minute && (w.rateCount ?? 0) >= r.rateLimitPerMinute) return 'rate_limited';
  if (r.newConversation && (w.conversations ?? 0) >= r.newConversation.cap) return 'conversation_cap';
  return null;
}

export function availableOf(w: Pick<WalletDoc, 'balance' | 'held' | 'available'>): number {
  return w.available ?? w.balance - w.held;
}

/** The refusal as the user reads it. */
export function reserveError(why: Exclude<ReserveRefusal, 'duplicate'>, r: ReserveRequest, wallet: WalletDoc | null): AppError {
  const retryAfterSeconds = 60 - (Math.floor(r.now.getTime() / 1000) % 60);
  switch (why) {
    case 'insufficient': {
      const available = wallet ? availableOf(wallet) : 0;
      return new AppError('INSUFFICIENT_BALANCE', `余额不足：需要 ${formatYuan(r.amount)}，可用 ${formatYuan(available)}`, {
        required: r.amount,
        available,
      });
    }
    case 'rate_limited':
      return new AppError('RATE_LIMITED', `发送太频繁了，请 ${retryAfterSeconds} 秒后再试`, { retryAfterSeconds });
    case 'conversation_cap':
      return new AppError('QUOTA_EXCEEDED', `对话数量已达上限（${r.newConversation?.cap ?? 0} 个），请删除一些旧对话后再开始新对话`, {
        cap: r.newConversation?.cap,
      });
  }
}

/**
 * Gives a chat's hold back in full (a failed call, or an expired one): one conditional write, no
 * ledger entry (the balance does not change). Returns false when the hold is no longer open. Only a
 * settlement marks the hold `closed` (a duplicate must never be charged again); after a release the
 * requestId is free for a retry.
 */
export async function releaseReserved(db: Database, a: { openid: string; holdId: string; amount: number; now: Date }): Promise<boolean> {
  const _ = db.command;
  const key = holdKey(a.holdId);
  const res = (await db
    .collection(WALLETS)
    .where({ _id: a.openid, [`open.${key}.amount`]: a.amount })
    .update({
      data: {
        held: _.inc(-a.amount),
        available: _.inc(a.amount),
        [`open.${key}`]: _.remove(),
        // No `closed` mark: nothing was charged, so the same requestId may hold again (a retry).
        openHolds: _.inc(-1),
        updatedAt: a.now,
      },
    })) as { stats: { updated: number } };
  return res.stats.updated === 1;
}
