import type { LedgerKind, WalletView } from '../contracts/wallet';
import type { Tx } from '../platform/database';
import { AppError } from '../platform/errors';
import { AUDIT, HOLDS, LEDGER, viewOf, WALLETS, type HoldDoc, type LedgerEntry, type WalletDoc } from './documents';

export interface WalletResult extends WalletView {
  entryId: string;
  /** True when this call found the operation already done and changed nothing. */
  replayed: boolean;
}

/** What an operation decides once it has seen the wallet (and its hold). */
export interface Plan {
  balanceDelta: number;
  heldDelta: number;
  /** The entry's `amount` (see LedgerEntry). */
  entryAmount: number;
  /** The hold's new image, when the operation opens or closes one. */
  hold?: HoldDoc;
  /** Close the wallet's own chat hold (`reservedKey`). */
  closeReserved?: boolean;
}

export interface WalletChange {
  key: string;
  openid: string;
  kind: LedgerKind;
  ref: string;
  reason?: string;
  actor?: string;
  /** Everything that defines the operation: a replay must match it exactly. */
  args: Record<string, string | number>;
  /** The hold this operation reads (settle, release). */
  holdId?: string;
  /** The chat hold inside the wallet document this operation closes (settleReservedTx). */
  reservedKey?: string;
  /** Write an audit record (admin corrections). */
  audit?: { action: string };
  /** Checks the request against the current state and computes the change; throws AppError to refuse. */
  plan(wallet: WalletDoc, hold: HoldDoc | null): Plan;
}

/** What tells a replay of an operation from a different one under the same key. */
export function fingerprintOf(change: Pick<WalletChange, 'kind' | 'openid' | 'args'>): string {
  const args = Object.keys(change.args)
    .sort()
    .map((k) => [k, change.args[k]]);
  return JSON.stringify([change.kind, change.openid, args]);
}

function emptyWallet(openid: string, now: Date): WalletDoc {
  return { _id: openid, balance: 0, held: 0, available: 0, version: 0, createdAt: now, updatedAt: now };
}

/** Closed chat holds are remembered this long (a duplicate arriving later finds its message instead). */
export const CLOSED_KEEP_MS = 24 * 3600_000;

/** The wallet's chat hold `key` as a hold document, for the operation's plan. */
function reservedHold(wallet: WalletDoc, key: string): HoldDoc | null {
  const h = wallet.open?.[key];
  return h ? { _id: h.ref, openid: wallet._id, amount: h.amount, status: 'open', expiresAt: h.expiresAt, createdAt: h.createdAt } : null;
}

/**
 * The one place a balance changes. Inside the caller's transaction it reads the entry by its
 * idempotency key (a replay returns the first result; a different request under the same key is
 * IDEMPOTENCY_CONFLICT), reads the wallet (created lazily), lets the operation plan the change, and
 * writes the entry, the wallet (`_.inc`) and the hold — all addressed by `_id`, all or nothing.
 */
export async function applyChange(tx: Tx, change: WalletChange, now: Date): Promise<WalletResult> {
  const fingerprint = fingerprintOf(change);
  // A chat's hold still open in the wallet proves its settlement has not happened (the settlement
  // closes it in the same transaction): one read saved on every chat.
  const early = change.reservedKey ? await tx.get<WalletDoc>(WALLETS, change.openid) : undefined;
  const unsettled = !!(early && change.reservedKey && early.open?.[change.reservedKey]);
  const existing = unsettled ? null : await tx.get<LedgerEntry>(LEDGER, change.key);
  if (existing) {
    if (existing.fingerprint !== fingerprint) {
      throw new AppError('IDEMPOTENCY_CONFLICT', `请求编号已用于另一笔不同的操作（${change.key}）`);
    }
    return { ...viewOf({ balance: existing.balanceAfter, held: existing.heldAfter }), entryId: existing._id, replayed: true };
  }

  const stored = early !== undefined ? early : await tx.get<WalletDoc>(WALLETS, change.openid);
  const wallet = stored ?? emptyWallet(change.openid, now);
  const hold = change.reservedKey
    ? reservedHold(wallet, change.reservedKey)
    : change.holdId
      ? await tx.get<HoldDoc>(HOLDS, change.holdId)
      : null;
  const plan = change.plan(wallet, hold);

  const balance = wallet.balance + plan.balanceDelta;
  const held = wallet.held + plan.heldDelta;
  const version = wallet.version + 1;
  if (![balance, held, plan.entryAmount].every(Number.isSafeInteger) || held < 0 || balance < held) {
    // Every operation checks its own preconditions; reaching this is a bug, and nothing is written.
    throw new Error(`wallet invariant would break (${change.kind})`);
  }

  const entry: Omit<LedgerEntry, '_id'> = {
    openid: change.openid,
    kind: change.kind,
    amount: plan.entryAmount,
    balanceAfter: balance,
    heldAfter: held,
    ref: change.ref,
    version,
    fingerprint,
    createdAt: now,
    ...(change.reason !== undefined ? { reason: change.reason } : {}),
    ...(change.actor !== undefined ? { actor: change.actor } : {}),
  };
  await tx.set(LEDGER, change.key, entry);
  if (stored) {
    const closing: Record<string, unknown> = {};
    if (plan.closeReserved && change.reservedKey) {
      closing[`open.${change.reservedKey}`] = tx.removeField();
      closing[`closed.${change.reservedKey}`] = now;
      closing.openHolds = tx.inc(-1);
      // Forget chat holds closed long ago (their messages answer duplicates from now on).
      for (const [key, at] of Object.entries(wallet.closed ?? {})) {
        if (now.getTime() - new Date(at).getTime() > CLOSED_KEEP_MS) closing[`closed.${key}`] = tx.removeField();
      }
    }
    await tx.update(WALLETS, change.openid, {
      balance: tx.inc(plan.balanceDelta),
      held: tx.inc(plan.heldDelta),
      // Kept beside balance and held so that a chat's hold can be one conditional write (reserve.ts).
      available: stored.available === undefined ? balance - held : tx.inc(plan.balanceDelta - plan.heldDelta),
      version: tx.inc(1),
      updatedAt: now,
      ...closing,
    });
  } else {
    await tx.set(WALLETS, change.openid, { ...wallet, balance, held, available: balance - held, version, updatedAt: now });
  }
  if (plan.hold && !plan.closeReserved) await tx.set(HOLDS, plan.hold._id, { ...plan.hold });
  if (change.audit) {
    await tx.set(AUDIT, change.key, {
      action: change.audit.action,
      actor: change.actor ?? null,
      openid: change.openid,
      amount: plan.entryAmount,
      reason: change.reason ?? null,
      before: viewOf(wallet),
      after: viewOf({ balance, held }),
      at: now,
    });
  }
  return { ...viewOf({ balance, held }), entryId: change.key, replayed: false };
}
