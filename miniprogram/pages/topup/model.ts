import type { ApiContracts, OutputOf } from '../../generated/shared';
import { formatBalance, formatCost, formatFen } from '../../utils/format';
import type { TopupOutcome } from '../../utils/topup';

type Packages = OutputOf<ApiContracts['topup.packages']>;
type OrderStatus = OutputOf<ApiContracts['topup.status']>['status'];

/**
 * What the top-up page shows: the packages to choose from, a payment under way, or its result.
 * 确认中 (confirming): paid on the phone but not yet confirmed by the server; the order number is
 * shown (and can be copied) and 刷新 asks topup.status again.
 */
export type TopupScreen =
  | { kind: 'choose' }
  | { kind: 'paying'; packageId: string }
  | { kind: 'success'; balanceText: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string }
  | { kind: 'confirming'; outTradeNo: string; refreshing: boolean };

export function packagesView(p: Packages) {
  return p.packages.map((x) => ({
    id: x.id,
    priceText: formatFen(x.amountFen),
    bonusText: x.bonusFen ? `送 ${formatFen(x.bonusFen)}` : '',
    totalText: x.bonusFen ? `到账 ${formatFen(x.amountFen + x.bonusFen)}` : `到账 ${formatFen(x.amountFen)}`,
  }));
}

/** `?need=<micro-yuan>` from the conversation: a positive whole number, or nothing. */
export function parseNeed(raw: string | undefined): number | null {
  if (raw === undefined || !/^\d{1,15}$/.test(raw)) return null;
  const n = Number(raw);
  return n > 0 ? n : null;
}

/** The line about what the conversation needs: a cost, so to 4 decimals (never rounded up to look bigger). */
export function needText(need: number | null): string {
  return need === null ? '' : `继续这次对话还需 ${formatCost(need)}`;
}

/** What runTopup's outcome means on screen; a paid top-up waits for the new balance (`successScreen`). */
export function screenOf(outcome: Exclude<TopupOutcome, { kind: 'paid' }>): TopupScreen {
  switch (outcome.kind) {
    case 'cancelled':
      return { kind: 'cancelled' };
    case 'failed':
      return { kind: 'failed', message: outcome.message };
    case 'pending':
      return { kind: 'confirming', outTradeNo: outcome.outTradeNo, refreshing: false };
  }
}

export function successScreen(balance: number | null): TopupScreen {
  return { kind: 'success', balanceText: balance === null ? '' : formatBalance(balance) };
}

/** 刷新 on a confirming order: the server's word on it. */
export function refreshResult(status: OrderStatus): 'paid' | 'closed' | 'pending' {
  if (status === 'PAID' || status === 'PARTIALLY_REFUNDED' || status === 'REFUNDED') return 'paid';
  if (status === 'CLOSED') return 'closed';
  return 'pending';
}

export const CLOSED_MESSAGE = '订单已关闭，没有扣款';
