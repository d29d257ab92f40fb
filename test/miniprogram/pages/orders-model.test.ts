import { orderRow } from '../../../miniprogram/pages/orders/model';

const now = new Date(2026, 10, 22, 21, 0);
const at = (d: number, h: number) => new Date(2026, 10, d, h, 0).toISOString();
const order = {
  outTradeNo: 'Q2026112200001',
  title: '充值 ¥30',
  amountFen: 3000,
  bonusFen: 100,
  status: 'PAID' as const,
  channel: 'v3',
  refundedFen: 0,
  createdAt: at(22, 20),
  refunds: [],
};

describe('orders page model', () => {
  it('shows number, amount, bonus, a status with its tone and a relative date', () => {
    expect(orderRow({ ...order, paidAt: at(22, 20) }, now)).toEqual({
      id: 'Q2026112200001',
      title: '充值 ¥30',
      amountText: '¥30.00',
      bonusText: '赠送 ¥1.00',
      statusText: '已支付',
      tone: 'success',
      timeText: '今天 20:00',
      refunds: [],
    });
    expect(orderRow({ ...order, bonusFen: 0 }, now).bonusText).toBe('');
  });

  it.each([
    ['PAID', '已支付', 'success'],
    ['CREATED', '待支付', 'warning'],
    ['PARTIALLY_REFUNDED', '部分退款', 'muted'],
    ['REFUNDED', '已退款', 'muted'],
    ['CLOSED', '已关闭', 'muted'],
  ] as const)('%s reads %s in %s', (status, text, tone) => {
    expect(orderRow({ ...order, status }, now)).toMatchObject({ statusText: text, tone });
  });

  it('lists refunds under their order, failed ones in red', () => {
    const row = orderRow(
      {
        ...order,
        status: 'PARTIALLY_REFUNDED',
        refunds: [
          { outRefundNo: 'RF1', amountFen: 1000, status: 'SUCCESS', reason: 'x', createdAt: at(21, 9), finishedAt: at(21, 10) },
          { outRefundNo: 'RF2', amountFen: 500, status: 'FAILED', reason: 'x', createdAt: at(22, 9) },
          { outRefundNo: 'RF3', amountFen: 500, status: 'PROCESSING', reason: 'x', createdAt: at(22, 10) },
        ],
      },
      now,
    );
    expect(row.refunds).toEqual([
      { id: 'RF1', text: '退款 ¥10.00', statusText: '已退款', tone: 'muted', timeText: '昨天 10:00' },
      { id: 'RF2', text: '退款 ¥5.00', statusText: '退款失败', tone: 'danger', timeText: '今天 09:00' },
      { id: 'RF3', text: '退款 ¥5.00', statusText: '退款中', tone: 'warning', timeText: '今天 10:00' },
    ]);
  });
});
