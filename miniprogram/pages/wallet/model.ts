import type { ApiContracts, OutputOf } from '../../generated/shared';
import { dayKey, formatClock, formatDay } from '../../utils/dates';
import { formatBalance, formatBalanceChange, formatCost } from '../../utils/format';

export type StatementEntry = OutputOf<ApiContracts['wallet.statement']>['entries'][number];
export type Wallet = OutputOf<ApiContracts['wallet.get']>;

/** The balance card: the balance, and while a chat runs, what it holds (冻结中). */
export function walletView(w: Wallet) {
  return {
    balanceText: formatBalance(w.balance),
    hasHeld: w.held > 0,
    heldText: formatBalance(w.held),
    availableText: formatBalance(w.available),
  };
}

/**
 * Whether this phone may top up. Mini Programs may not sell virtual goods through WeChat Pay on iOS;
 * only WeChat's virtual-payment channel may, and nothing the server returns says it is enabled
 * (topup.packages lists packages only), so on iOS the answer is no until it does.
 */
export function canTopupOn(platform: string, virtualPaymentEnabled = false): boolean {
  return platform !== 'ios' || virtualPaymentEnabled;
}

export type Tone = 'plus' | 'minus' | 'muted';
export interface StatementRow {
  id: string;
  label: string;
  detail: string;
  amountText: string;
  tone: Tone;
}
export interface StatementGroup {
  key: string;
  title: string;
  rows: StatementRow[];
}

/** A chat's cost, as a change: -¥0.0031, 不足 ¥0.0001 (tiny), ¥0.00 (nothing charged). */
function chatCostText(amount: number): { amountText: string; tone: Tone } {
  const cost = -amount;
  if (cost <= 0) return { amountText: formatCost(0), tone: 'muted' };
  const text = formatCost(cost);
  return { amountText: text.startsWith('¥') ? `-${text}` : text, tone: 'minus' };
}

function rowOf(e: StatementEntry): StatementRow | null {
  const time = formatClock(e.createdAt);
  const after = `余额 ${formatBalance(e.balanceAfter)}`;
  const change = { amountText: formatBalanceChange(e.amount), tone: (e.amount > 0 ? 'plus' : e.amount < 0 ? 'minus' : 'muted') as Tone };
  switch (e.kind) {
    // A hold and its release move money between available and held, never the balance: the running
    // hold is on the card (冻结中); the chat's one row is its settlement. Older ledgers still have them.
    case 'hold':
    case 'release':
      return null;
    case 'settle':
      return {
        id: e.id,
        label: e.reason === 'cache_hit' ? '对话（缓存答复）' : '对话',
        detail: `${time} · ${after}`,
        ...chatCostText(e.amount),
      };
    case 'topup':
      return { id: e.id, label: '充值', detail: `${time} · ${after}`, ...change };
    case 'refund_debit':
      return { id: e.id, label: '退款', detail: `${time} · 原路退回 · ${after}`, ...change };
    case 'refund_restore':
      return { id: e.id, label: '退款未成功，退回余额', detail: `${time} · ${after}`, ...change };
    case 'adjust':
      return { id: e.id, label: '客服调整', detail: [time, e.reason, after].filter(Boolean).join(' · '), ...change };
    default:
      return { id: e.id, label: '其他', detail: `${time} · ${after}`, ...change };
  }
}

/** The statement as people read it: one row per chat or payment, newest first, under day headers. */
export function statementGroups(entries: StatementEntry[], now: Date = new Date()): StatementGroup[] {
  const groups: StatementGroup[] = [];
  for (const e of entries) {
    const row = rowOf(e);
    if (!row) continue;
    const key = dayKey(e.createdAt);
    let group = groups[groups.length - 1];
    if (!group || group.key !== key) {
      group = { key, title: formatDay(e.createdAt, now), rows: [] };
      groups.push(group);
    }
    group.rows.push(row);
  }
  return groups;
}
