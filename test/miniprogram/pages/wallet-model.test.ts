import { canTopupOn, statementGroups, walletView, type StatementEntry } from '../../../miniprogram/pages/wallet/model';

const at = (d: number, h: number, mi = 0) => new Date(2026, 10, d, h, mi).toISOString();
const now = new Date(2026, 10, 22, 21, 0);
let n = 0;
const entry = (kind: StatementEntry['kind'], amount: number, createdAt: string, extra: Partial<StatementEntry> = {}): StatementEntry => ({
  id: `${kind}:${++n}`,
  kind,
  amount,
  balanceAfter: 30_000_000,
  heldAfter: 0,
  ref: `r${n}`,
  createdAt,
  ...extra,
});

describe('wallet card', () => {
  it('shows the balance to 2 decimals toward zero, and 冻结中 only while a chat holds money', () => {
    expect(walletView({ balance: 1_239_000, held: 0, available: 1_239_000 })).toEqual({
      balanceText: '¥1.23',
      hasHeld: false,
      heldText: '¥0.00',
      availableText: '¥1.23',
    });
    expect(walletView({ balance: 31_000_000, held: 50_000, available: 30_950_000 })).toMatchObject({
      balanceText: '¥31.00',
      hasHeld: true,
      heldText: '¥0.05',
      availableText: '¥30.95',
    });
  });

  it('tops up everywhere but iOS, and on iOS only through an enabled virtual-payment channel', () => {
    expect(canTopupOn('android')).toBe(true);
    expect(canTopupOn('devtools')).toBe(true);
    expect(canTopupOn('windows')).toBe(true);
    expect(canTopupOn('ios')).toBe(false);
    expect(canTopupOn('ios', true)).toBe(true);
  });
});

describe('statement', () => {
  it('has one row per chat with its cost: holds and releases are not rows', () => {
    const groups = statementGroups(
      [
        entry('hold', 50_000, at(22, 20, 6)),
        entry('settle', -3_100, at(22, 20, 5), { reason: undefined }),
        entry('release', 46_900, at(22, 20, 5)),
        entry('hold', 50_000, at(22, 20, 4)),
        entry('settle', -31, at(22, 20, 3)),
        entry('settle', 0, at(22, 20, 2)),
        entry('settle', -12_000, at(22, 20, 1), { reason: 'cache_hit' }),
      ],
      now,
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]!.rows.map((r) => [r.label, r.amountText, r.tone])).toEqual([
      ['对话', '-¥0.0031', 'minus'],
      ['对话', '不足 ¥0.0001', 'minus'],
      ['对话', '¥0.00', 'muted'],
      ['对话（缓存答复）', '-¥0.0120', 'minus'],
    ]);
    expect(groups[0]!.rows[0]!.detail).toBe('20:05 · 余额 ¥30.00');
  });

  it('groups rows by day under 今天 / 昨天 / a date, newest first', () => {
    const groups = statementGroups(
      [
        entry('topup', 31_000_000, at(22, 9)),
        entry('settle', -3_100, at(22, 8)),
        entry('refund_debit', -10_330_000, at(21, 23, 59)),
        entry('refund_restore', 10_330_000, at(21, 10)),
        entry('adjust', 1_000_000, at(20, 12), { reason: '补偿' }),
        entry('topup', 6_000_000, new Date(2025, 11, 31, 12).toISOString()),
      ],
      now,
    );
    expect(groups.map((g) => [g.title, g.rows.length])).toEqual([
      ['今天', 2],
      ['昨天', 2],
      ['11月20日', 1],
      ['2025年12月31日', 1],
    ]);
    expect(groups[0]!.rows[0]).toMatchObject({ label: '充值', amountText: '+¥31.00', tone: 'plus' });
    expect(groups[1]!.rows[0]).toMatchObject({ label: '退款', amountText: '-¥10.33', tone: 'minus' });
    expect(groups[1]!.rows[0]!.detail).toContain('原路退回');
    expect(groups[1]!.rows[1]).toMatchObject({ label: '退款未成功，退回余额', amountText: '+¥10.33' });
    expect(groups[2]!.rows[0]).toMatchObject({ label: '客服调整', detail: '12:00 · 补偿 · 余额 ¥30.00', amountText: '+¥1.00' });
  });

  it('is empty when only holds and releases exist', () => {
    expect(statementGroups([entry('hold', 50_000, at(22, 8)), entry('release', 50_000, at(22, 8))], now)).toEqual([]);
  });
});
