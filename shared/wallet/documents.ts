import type { LedgerKind, WalletView } from '../contracts/wallet';

/** Collections owned by the wallet. Nothing else writes them (see wallet/operations.ts). */
export const WALLETS = 'wallets';
export const LEDGER = 'ledger';
export const HOLDS = 'holds';
export const AUDIT = 'audit';

/**
 * One per user, `_id` = openid. `available = balance − held`; 0 ≤ held ≤ balance always.
 *
 * A chat's hold lives inside the wallet (`open`), so that reserving it is one conditional write of one
 * document — no transaction — with the rate limit and the conversation quota folded into the same
 * write (see reserve.ts). Holds taken with `holdTx` (a transaction) are `holds` documents instead.
 */
export interface WalletDoc {
  _id: string;
  balance: number;
  held: number;
  /** balance − held, kept in the document so that a write can be conditional on it. */
  available?: number;
  /** Counts the wallet's ledger entries: the statement's order and cursor. */
  version: number;
  /** Chats' open holds by key (holdKey(requestId)). */
  open?: Record<string, OpenHold>;
  openHolds?: number;
  /** Recently settled chat holds by key (when): a late duplicate of a settled chat cannot hold again. */
  closed?: Record<string, Date>;
  /** The rate limit's one-minute window (minutes since the epoch) and the chats started in it. */
  rateMinute?: number;
  rateCount?: number;
  /**
   * Ledger entries written inside the wallet by a chat's one-write settlement (settle-reserved.ts), by
   * entry id, until the timer has seen each filed in the ledger: a wallet write can never be without
   * its entry, whatever became of the entry's own write beside it.
   */
  unfiled?: Record<string, UnfiledEntry>;
  unfiledCount?: number;
  /** How many conversations the user has (capped). */
  conversations?: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A ledger entry carried in the wallet until it is filed (see WalletDoc.unfiled). */
export type UnfiledEntry = Omit<LedgerEntry, '_id'> & { id: string };

/** A chat's hold inside the wallet document. */
export interface OpenHold {
  /** The chat's hold id (its requestId, or requestId.attempt). */
  ref: string;
  amount: number;
  expiresAt: Date;
  createdAt: Date;
}

/**
 * One immutable entry per change, `_id` = the operation's idempotency key. `amount` is the signed
 * change of the balance for the balance-changing kinds; for `hold` and `release` (which move money
 * between available and held without changing the balance) it is the amount held or released.
 */
export interface LedgerEntry {
  _id: string;
  openid: string;
  kind: LedgerKind;
  amount: number;
  balanceAfter: number;
  heldAfter: number;
  /** The business reference: out_trade_no, chat requestId, out_refund_no, admin requestId. */
  ref: string;
  reason?: string;
  actor?: string;
  /** The wallet's version after this entry. */
  version: number;
  /** The operation's arguments, to tell a replay (same) from a conflicting reuse of the key. */
  fingerprint: string;
  createdAt: Date;
}

/** A chat's reservation, `_id` = the chat's requestId. Open until settled, released or expired. */
export interface HoldDoc {
  _id: string;
  openid: string;
  amount: number;
  status: 'open' | 'settled' | 'released';
  expiresAt: Date;
  createdAt: Date;
  closedAt?: Date;
  /** What was finally charged (settled holds). */
  charged?: number;
  closeReason?: 'settled' | 'released' | 'expired';
}

/** Kinds whose `amount` changes the balance; Σ of their amounts is the balance. */
export const BALANCE_KINDS: ReadonlySet<LedgerKind> = new Set<LedgerKind>(['topup', 'settle', 'refund_debit', 'refund_restore', 'adjust']);

export const ledgerKey = {
  topup: (outTradeNo: string) => `topup:${outTradeNo}`,
  hold: (requestId: string) => `hold:${requestId}`,
  settle: (requestId: string) => `settle:${requestId}`,
  release: (requestId: string) => `release:${requestId}`,
  refundDebit: (outRefundNo: string) => `refund:${outRefundNo}`,
  refundRestore: (outRefundNo: string) => `refund_restore:${outRefundNo}`,
  adjust: (adminRequestId: string) => `adjust:${adminRequestId}`,
};

/** A hold id as a field name: dots would nest, so they become underscores (requestIds have none). */
export function holdKey(holdId: string): string {
  return holdId.replace(/\./g, '_');
}

export function viewOf(w: { balance: number; held: number }): WalletView {
  return { balance: w.balance, held: w.held, available: w.balance - w.held };
}
