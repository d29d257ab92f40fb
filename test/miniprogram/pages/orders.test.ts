import { renderPage } from '../support/page';
import { err, fakeApi, ok, settle } from '../support/fake-api';
import { wxm } from '../support/wx';

const order = (outTradeNo: string, status: string, extra: Record<string, unknown> = {}) => ({
  outTradeNo,
  title: '充值 ¥30',
  amountFen: 3000,
  bonusFen: 100,
  status,
  channel: 'v3',
  refundedFen: 0,
  createdAt: new Date().toISOString(),
  refunds: [],
  ...extra,
});
const orders = [
  order('Q2026112200003', 'PAID'),
  order('Q2026112200002', 'CREATED', { bonusFen: 0, amountFen: 600, title: '充值 ¥6' }),
  order('Q2026112200001', 'PARTIALLY_REFUNDED', {
    refundedFen: 1000,
    refunds: [
      { outRefundNo: 'RF1', amountFen: 1000, status: 'SUCCESS', reason: 'x', createdAt: new Date().toISOString() },
      { outRefundNo: 'RF2', amountFen: 500, status: 'FAILED', reason: 'x', createdAt: new Date().toISOString() },
    ],
  }),
];

describe('orders page', () => {
  it('shows loading, then each order with number, amount, bonus, coloured status, refunds under it', async () => {
    fakeApi({ 'orders.list': ok({ orders, nextCursor: null }) });
    const { root } = renderPage('pages/orders/index');
    expect(root.dom!.textContent).toContain('加载中');
    await settle();
    const text = root.dom!.textContent!;
    expect(text).toContain('¥30.00');
    expect(text).toContain('赠送 ¥1.00');
    expect(text).toContain('Q2026112200003');
    expect(text).toMatch(/今天 \d\d:\d\d/);
    const statuses = root.querySelectorAll('.status').map((s) => [s.dom!.textContent, s.dom!.className]);
    expect(statuses.map(([t]) => t)).toEqual(['已支付', '待支付', '部分退款', '已退款', '退款失败']);
    for (const [i, tone] of ['success', 'warning', 'muted', 'muted', 'danger'].entries())
      expect(statuses[i]![1]).toContain(`status--${tone}`);
    const third = root.querySelectorAll('.order')[2]!;
    expect(root.querySelectorAll('.refund')).toHaveLength(2);
    expect(third.dom!.textContent).toContain('退款 ¥10.00');
    expect(text).toContain('没有更多了');
  });

  it('copies the order number on tap', async () => {
    fakeApi({ 'orders.list': ok({ orders, nextCursor: null }) });
    const { root } = renderPage('pages/orders/index');
    await settle();
    root.querySelectorAll('.order__no')[1]!.dispatchEvent('tap');
    await settle();
    expect(wxm.setClipboardData).toHaveBeenLastCalledWith(expect.objectContaining({ data: 'Q2026112200002' }));
  });

  it('shows the empty state', async () => {
    fakeApi({ 'orders.list': ok({ orders: [], nextCursor: null }) });
    const { root } = renderPage('pages/orders/index');
    await settle();
    expect(root.dom!.textContent).toContain('还没有充值订单');
  });

  it('shows an error with retry', async () => {
    let fail = true;
    fakeApi({ 'orders.list': () => (fail ? err('INTERNAL', '出错了') : ok({ orders, nextCursor: null })) });
    const { root, instance } = renderPage('pages/orders/index');
    await settle();
    expect(root.dom!.textContent).toContain('出错了');
    fail = false;
    root.querySelector('.state__action')!.dispatchEvent('tap');
    await settle();
    expect(instance.data.state).toBe('ready');
  });

  it('loads more at the bottom, with a retry when that fails', async () => {
    let failMore = true;
    const calls = fakeApi({
      'orders.list': (p: { cursor?: string }) => {
        if (!p.cursor) return ok({ orders: orders.slice(0, 1), nextCursor: 'c1' });
        return failMore ? { kind: 'network', message: 'x' } : ok({ orders: orders.slice(1), nextCursor: null });
      },
    });
    const { root, instance } = renderPage('pages/orders/index');
    await settle();
    expect(root.dom!.textContent).not.toContain('没有更多了');
    await (instance as unknown as { onReachBottom(): Promise<void> }).onReachBottom();
    expect(calls.at(-1)!.payload).toEqual({ cursor: 'c1' });
    expect(root.dom!.textContent).toContain('加载失败，点此重试');
    failMore = false;
    root.querySelector('.footer--action')!.dispatchEvent('tap');
    await settle();
    expect(root.querySelectorAll('.order')).toHaveLength(3);
    expect(root.dom!.textContent).toContain('没有更多了');
  });
});
