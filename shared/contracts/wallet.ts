import { z } from 'zod';
import { action } from './action';
import { Cursor, Empty, IsoTime, MicroYuan, RequestId } from './common';

export const LedgerKind = z.enum(['topup', 'hold', 'settle', 'release', 'refund_debit', 'refund_restore', 'adjust']);
export type LedgerKind = z.infer<typeof LedgerKind>;

export const WalletView = z.object({ balance: MicroYuan, held: MicroYuan, available: MicroYuan });
export type WalletView = z.infer<typeof WalletView>;

export const StatementEntry = z.object({
  id: z.string(),
  kind: LedgerKind,
  /** Signed change of the balance (holds and releases change `held` and carry the held amount). */
  amount: MicroYuan,
  balanceAfter: MicroYuan,
  heldAfter: MicroYuan,
  ref: z.string(),
  reason: z.string().optional(),
  createdAt: IsoTime,
});
export type StatementEntry = z.infer<typeof StatementEntry>;

export const walletContracts = {
  'wallet.get': action(Empty, WalletView),
  'wallet.statement': action(
    z.object({ cursor: Cursor.optional(), limit: z.number().int().min(1).max(50).optional() }),
    z.object({ entries: z.array(StatementEntry), nextCursor: z.string().nullable() }),
  ),
};

export const walletAdminContracts = {
  'users.adjust': action(
    z.object({
      openid: z.string().min(1).max(128),
      amount: MicroYuan.refine((n) => n !== 0, 'amount must not be zero'),
      reason: z.string().trim().min(2).max(200),
      requestId: RequestId,
    }),
    WalletView,
  ),
};
