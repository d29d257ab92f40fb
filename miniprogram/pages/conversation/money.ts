/**
 * The money rule of issue 13 for this page, until `utils/format.ts` has it (the ui-money branch makes
 * it the one rule, `formatCost` / `formatBalance`; these give the same digits and can be replaced by
 * them): a message's cost to 4 decimals, or "不足 ¥0.0001"; a balance in 元 to 2 decimals. Both cut
 * toward zero (never more than there is), on integer micro-yuan.
 */
const grouped = (yuan: number) => String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A message's cost: ¥0.0031; below ¥0.0001 "不足 ¥0.0001"; nothing charged "未扣费"; unknown "". */
export function costLabel(micro: number | undefined): string {
  if (micro === undefined) return '';
  if (micro <= 0) return '未扣费';
  if (micro < 100) return '不足 ¥0.0001';
  const tenThousandths = Math.floor(micro / 100);
  return `¥${grouped(Math.floor(tenThousandths / 10_000))}.${String(tenThousandths % 10_000).padStart(4, '0')}`;
}

/** A balance: ¥12.34, cut (not rounded) to the fen. */
export function balanceLabel(micro: number): string {
  const fen = Math.floor(Math.abs(micro) / 10_000);
  const sign = micro < 0 && fen > 0 ? '-' : '';
  return `${sign}¥${grouped(Math.floor(fen / 100))}.${String(fen % 100).padStart(2, '0')}`;
}
