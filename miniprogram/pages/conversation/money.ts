import { formatBalance, formatCost } from '../../utils/format';

/** A message's cost by the app's one rule (utils/format): ¥0.0031, 不足 ¥0.0001; nothing charged 未扣费; unknown "". */
export function costLabel(micro: number | undefined): string {
  if (micro === undefined) return '';
  return micro <= 0 ? '未扣费' : formatCost(micro);
}

/** A balance: ¥12.34, cut (not rounded) to the fen. */
export const balanceLabel = formatBalance;
