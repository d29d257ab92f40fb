import { formatBalance, formatCost, MICRO_PER_FEN } from '../generated/shared';

/**
 * Amounts in the app follow one rule, from the shared money module (shared/money/format.ts):
 * - `formatBalance(micro)`: balances, top-ups, refunds — 2 decimals, cut toward zero (¥1.23 for 1.239);
 * - `formatCost(micro)`: what a message cost, prices — 4 decimals, `不足 ¥0.0001`, `¥0.00` for nothing;
 * - `formatFen(fen)`: a WeChat Pay amount (top-up packages, orders) — as a balance.
 */
export { formatBalance, formatCost };

/** Fen (WeChat Pay's unit) as yuan: 3000 → ¥30.00. */
export function formatFen(fen: number): string {
  return formatBalance(fen * MICRO_PER_FEN);
}

/** A signed change of a balance: +¥30.00, -¥10.00 (zero has no sign). */
export function formatBalanceChange(micro: number): string {
  return micro > 0 ? `+${formatBalance(micro)}` : formatBalance(micro);
}

/** A client-made request id (UUID v4 shape), reused when the user retries the same message. */
export function newRequestId(random: () => number = Math.random): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`;
}
