import type { ApiFunctions } from '../../api/client';
import { formatFen, formatTime, formatYuan } from '../../utils/format';

type Statement =
  Awaited<ReturnType<ApiFunctions['wallet.statement']>> extends infer R ? (R extends { ok: true; data: infer D } ? D : never) : never;
type Packages =
  Awaited<ReturnType<ApiFunctions['topup.packages']>> extends infer R ? (R extends { ok: true; data: infer D } ? D : never) : never;

export const KIND_LABELS: Record<string, string> = {
  topup: '充值',
  hold: '对话预留',
  settle: '对话消费',
  release: '预留退回',
  refund_debit: '退款',
  refund_restore: '退款失败退回',
  adjust: '客服调整',
};

export function walletView(w: { balance: number; held: number; available: number }) {
  return { balanceText: formatYuan(w.balance), availableText: formatYuan(w.available), heldText: formatYuan(w.held), hasHeld: w.held > 0 };
}

export function packagesView(p: Packages) {
  return p.packages.map((x) => ({
    id: x.id,
    title: x.title,
    priceText: formatFen(x.amountFen),
    bonusText: x.bonusFen ? `送 ${formatFen(x.bonusFen)}` : '',
  }));
}

/** Holds and releases move money within the wallet; the statement shows them, greyed, without a sign. */
export function statementView(entries: Statement['entries']) {
  return entries.map((e) => {
    const moves = e.kind !== 'hold' && e.kind !== 'release';
    return {
      id: e.id,
      label: KIND_LABELS[e.kind] ?? e.kind,
      time: formatTime(e.createdAt),
      amountText: moves ? `${e.amount > 0 ? '+' : ''}${formatYuan(e.amount)}` : formatYuan(e.amount),
      tone: !moves ? 'muted' : e.amount > 0 ? 'plus' : 'minus',
      balanceText: `余额 ${formatYuan(e.balanceAfter)}`,
    };
  });
}

export const TOPUP_MESSAGES = {
  paid: '充值成功',
  cancelled: '已取消支付',
  pending: '支付结果确认中，到账后会自动计入余额',
} as const;
