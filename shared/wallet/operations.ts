import { formatYuan } from '../money/format';
import type { Tx } from '../platform/database';
import { AppError } from '../platform/errors';
import { applyChange, type WalletResult } from './apply-change';
import { holdKey, LEDGER, ledgerKey, type HoldDoc, type LedgerEntry } from './documents';

/**
 * The wallet's operations, each one `applyChange` with its own rule. Every function takes the
 * caller's transaction so that a payment can mark its order PAID and credit the wallet in one
 * transaction; `service.ts` runs them alone.
 */

function positive(amount: number, what: string): number {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new AppError('INVALID_INPUT', '金额必须是大于 0 的整数（单位：微元）', { field: what });
  }
  return amount;
}

function nonEmpty(value: string, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 128) {
    throw new AppError('INVALID_INPUT', '编号长度应为 1–128 个字符', { field: what });
  }
  return value;
}

/** A paid top-up: `topup:<out_trade_no>`. */
export function creditTx(tx: Tx, a: { openid: string; amount: number; outTradeNo: string }, now: Date): Promise<WalletResult> {
  positive(a.amount, 'credit amount');
  return applyChange(
    tx,
    {
      key: ledgerKey.topup(nonEmpty(a.outTradeNo, 'outTradeNo')),
      openid: nonEmpty(a.openid, 'openid'),
      kind: 'topup',
      ref: a.outTradeNo,
      args: { amount: a.amount },
      plan: () => ({ balanceDelta: a.amount, heldDelta: 0, entryAmount: a.amount }),
    },
    now,
  );
}

/** Reserves the most a chat can cost before the model is called: `hold:<requestId>`. */
export function holdTx(
  tx: Tx,
  a: { openid: string; amount: number; requestId: string; expiresAt: Date },
  now: Date,
): Promise<WalletResult> {
  positive(a.amount, 'hold amount');
  return applyChange(
    tx,
    {
      key: ledgerKey.hold(nonEmpty(a.requestId, 'requestId')),
      openid: nonEmpty(a.openid, 'openid'),
      kind: 'hold',
      ref: a.requestId,
      args: { amount: a.amount },
      plan: (wallet) => {
        const available = wallet.balance - wallet.held;
        if (available < a.amount) {
          throw new AppError('INSUFFICIENT_BALANCE', `余额不足：需要 ${formatYuan(a.amount)}，可用 ${formatYuan(available)}`, {
            required: a.amount,
            available,
          });
        }
        const hold: HoldDoc = {
          _id: a.requestId,
          openid: a.openid,
          amount: a.amount,
          status: 'open',
          expiresAt: a.expiresAt,
          createdAt: now,
        };
        return { balanceDelta: 0, heldDelta: a.amount, entryAmount: a.amount, hold };
      },
    },
    now,
  );
}

function openHoldOf(hold: HoldDoc | null, openid: string, requestId: string): HoldDoc {
  if (!hold || hold.openid !== openid || hold.status !== 'open') {
    throw new AppError('HOLD_NOT_OPEN', `没有可结算的预留（${requestId}）：未创建、已结算、已释放或已过期`);
  }
  return hold;
}

/** The one rule of a settlement, whichever kind of hold: an amount from 0 up to what was held. */
function validSettle(actual: number): void {
  if (!Number.isSafeInteger(actual) || actual < 0) {
    throw new AppError('INVALID_INPUT', '结算金额必须是不小于 0 的整数（单位：微元）', { field: 'actual' });
  }
}

function settledHold(found: HoldDoc | null, openid: string, holdId: string, actual: number): HoldDoc {
  const hold = openHoldOf(found, openid, holdId);
  if (actual > hold.amount) {
    throw new AppError('SETTLE_EXCEEDS_HOLD', `结算金额 ${formatYuan(actual)} 超过预留金额 ${formatYuan(hold.amount)}`);
  }
  return hold;
}

/** Charges the real cost (≤ the hold) and releases the rest: `settle:<requestId>`. */
export function settleTx(tx: Tx, a: { openid: string; requestId: string; actual: number }, now: Date): Promise<WalletResult> {
  validSettle(a.actual);
  return applyChange(
    tx,
    {
      key: ledgerKey.settle(nonEmpty(a.requestId, 'requestId')),
      openid: nonEmpty(a.openid, 'openid'),
      kind: 'settle',
      ref: a.requestId,
      args: { actual: a.actual },
      holdId: a.requestId,
      plan: (_wallet, found) => {
        const hold = settledHold(found, a.openid, a.requestId, a.actual);
        return {
          balanceDelta: -a.actual,
          heldDelta: -hold.amount,
          entryAmount: -a.actual,
          hold: { ...hold, status: 'settled', charged: a.actual, closedAt: now, closeReason: 'settled' },
        };
      },
    },
    now,
  );
}

/**
 * Charges a chat's hold kept in the wallet (reserve.ts) and frees the rest: `settle:<holdId>`. The
 * hold and the entry change in this one transaction, so a settled hold cannot be settled or released again.
 * `reason` becomes the ledger entry's reason (`cache_hit`: answered from the response cache).
 */
export function settleReservedTx(
  tx: Tx,
  a: { openid: string; holdId: string; actual: number; reason?: string },
  now: Date,
): Promise<WalletResult> {
  validSettle(a.actual);
  return applyChange(
    tx,
    {
      key: ledgerKey.settle(nonEmpty(a.holdId, 'holdId')),
      openid: nonEmpty(a.openid, 'openid'),
      kind: 'settle',
      ref: a.holdId,
      // Why the charge differs from a model call (`cache_hit`); kept on the ledger entry, not part of its identity.
      ...(a.reason !== undefined ? { reason: a.reason } : {}),
      args: { actual: a.actual },
      reservedKey: holdKey(a.holdId),
      plan: (_wallet, found) => {
        const hold = settledHold(found, a.openid, a.holdId, a.actual);
        return { balanceDelta: -a.actual, heldDelta: -hold.amount, entryAmount: -a.actual, closeReserved: true };
      },
    },
    now,
  );
}

/** Gives a hold back in full (failed call, or expired): `release:<requestId>`. */
export function releaseTx(
  tx: Tx,
  a: { openid: string; requestId: string; reason?: 'released' | 'expired' },
  now: Date,
): Promise<WalletResult> {
  return applyChange(
    tx,
    {
      key: ledgerKey.release(nonEmpty(a.requestId, 'requestId')),
      openid: nonEmpty(a.openid, 'openid'),
      kind: 'release',
      ref: a.requestId,
      ...(a.reason === 'expired' ? { reason: 'expired' } : {}),
      args: {},
      holdId: a.requestId,
      plan: (_wallet, found) => {
        const hold = openHoldOf(found, a.openid, a.requestId);
        return {
          balanceDelta: 0,
          heldDelta: -hold.amount,
          entryAmount: hold.amount,
          hold: { ...hold, status: 'released', closedAt: now, closeReason: a.reason ?? 'released' },
        };
      },
    },
    now,
  );
}

/** Takes a refund out of the unspent balance before WeChat Pay is asked: `refund:<out_refund_no>`. */
export function refundDebitTx(tx: Tx, a: { openid: string; amount: number; outRefundNo: string }, now: Date): Promise<WalletResult> {
  positive(a.amount, 'refund amount');
  return applyChange(
    tx,
    {
      key: ledgerKey.refundDebit(nonEmpty(a.outRefundNo, 'outRefundNo')),
      openid: nonEmpty(a.openid, 'openid'),
      kind: 'refund_debit',
      ref: a.outRefundNo,
      args: { amount: a.amount },
      plan: (wallet) => {
        const available = wallet.balance - wallet.held;
        if (available < a.amount) {
          throw new AppError('REFUND_EXCEEDS_BALANCE', `退款 ${formatYuan(a.amount)} 超过用户未消费的可用余额 ${formatYuan(available)}`, {
            requested: a.amount,
            available,
          });
        }
        return { balanceDelta: -a.amount, heldDelta: 0, entryAmount: -a.amount };
      },
    },
    now,
  );
}

/** Puts a refund's debit back when WeChat Pay reports it failed: `refund_restore:<out_refund_no>`. */
export async function refundRestoreTx(tx: Tx, a: { openid: string; outRefundNo: string }, now: Date): Promise<WalletResult> {
  const debit = await tx.get<LedgerEntry>(LEDGER, ledgerKey.refundDebit(nonEmpty(a.outRefundNo, 'outRefundNo')));
  // Only what was debited can be restored: a restore without its debit would create money.
  if (!debit || debit.kind !== 'refund_debit' || debit.openid !== a.openid) {
    throw new AppError('NOT_FOUND', `找不到该用户的退款扣款 ${a.outRefundNo}`);
  }
  const amount = -debit.amount;
  return applyChange(
    tx,
    {
      key: ledgerKey.refundRestore(a.outRefundNo),
      openid: a.openid,
      kind: 'refund_restore',
      ref: a.outRefundNo,
      args: { amount },
      plan: () => ({ balanceDelta: amount, heldDelta: 0, entryAmount: amount }),
    },
    now,
  );
}

/** A merchant's correction, signed, with a reason and an audit record: `adjust:<adminRequestId>`. */
export function adjustTx(
  tx: Tx,
  a: { openid: string; amount: number; reason: string; actor: string; requestId: string },
  now: Date,
): Promise<WalletResult> {
  if (!Number.isSafeInteger(a.amount) || a.amount === 0) {
    throw new AppError('INVALID_INPUT', '调整金额必须是不为 0 的整数（单位：微元）', { field: 'amount' });
  }
  return applyChange(
    tx,
    {
      key: ledgerKey.adjust(nonEmpty(a.requestId, 'requestId')),
      openid: nonEmpty(a.openid, 'openid'),
      kind: 'adjust',
      ref: a.requestId,
      reason: a.reason,
      actor: a.actor,
      args: { amount: a.amount, reason: a.reason, actor: a.actor },
      audit: { action: 'users.adjust' },
      plan: (wallet) => {
        if (wallet.balance + a.amount < wallet.held) {
          throw new AppError(
            'ADJUST_WOULD_OVERDRAW',
            `调整后余额将低于预留金额：余额 ${formatYuan(wallet.balance)}，预留 ${formatYuan(wallet.held)}，调整 ${formatYuan(a.amount)}`,
            { balance: wallet.balance, held: wallet.held },
          );
        }
        return { balanceDelta: a.amount, heldDelta: 0, entryAmount: a.amount };
      },
    },
    now,
  );
}
