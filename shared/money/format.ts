import { assertMicro, MICRO_PER_FEN } from './amount';

/**
 * The one rule for amounts shown to people (issue 13). Digits come from integer arithmetic on
 * micro-yuan, never from floats, and every amount is cut toward zero: what the app shows is never
 * more than what is really there.
 *
 * - Balances, top-ups, refunds: `formatBalance` — 元 to 2 decimals (`¥1,234.56`).
 * - What one message (or one chat) cost, and prices: `formatCost` — 4 decimals (`¥0.0031`),
 *   `不足 ¥0.0001` for a cost above zero but below that, `¥0.00` for nothing.
 */

const MICRO_PER_TEN_THOUSANDTH = 100;

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** `units` of 10^-`places` 元 as `¥1,234.56`. */
function digits(units: number, places: number): string {
  const scale = 10 ** places;
  return `¥${grouped(Math.floor(units / scale))}.${String(units % scale).padStart(places, '0')}`;
}

/** A balance or a top-up: 2 decimals, toward zero (1.239 → ¥1.23; -0.5 → -¥0.50). */
export function formatBalance(micro: number): string {
  assertMicro(micro);
  const fen = Math.floor(Math.abs(micro) / MICRO_PER_FEN);
  return `${micro < 0 && fen > 0 ? '-' : ''}${digits(fen, 2)}`;
}

/** What a message cost: 4 decimals toward zero; `不足 ¥0.0001` when below that but not zero. */
export function formatCost(micro: number): string {
  assertMicro(micro, 'cost');
  if (micro < 0) throw new RangeError(`a cost is never negative, got ${micro}`);
  if (micro === 0) return '¥0.00';
  if (micro < MICRO_PER_TEN_THOUSANDTH) return '不足 ¥0.0001';
  return digits(Math.floor(micro / MICRO_PER_TEN_THOUSANDTH), 4);
}

/**
 * An amount whose kind the caller does not know (the server's messages: "需要 ¥0.0031，可用 ¥1.00"):
 * whole fen as a balance (2 decimals), anything finer as a cost (4 decimals). Never 3 decimals.
 * In the app, prefer `formatBalance` or `formatCost`.
 */
export function formatYuan(micro: number): string {
  assertMicro(micro);
  if (micro % MICRO_PER_FEN === 0) return formatBalance(micro);
  const text = formatCost(Math.abs(micro));
  return micro < 0 ? `-${text}` : text;
}
