import { renderPage } from '../support/page';
import { err, fakeApi, ok, settle } from '../support/fake-api';
import { wxm } from '../support/wx';

// The me page's own tests are in me.test.ts.
describe('orders page', () => {
  it('lists orders with status, amount, time and refunds; empty and error states', async () => {
    fakeApi({
      'orders.list': ok({
        orders: [
          {
            outTradeNo: 'Q2026112200001',
            title: '充值 ¥30',
            amountFen: 3000,
            bonusFen: 100,
            status: 'PARTIALLY_REFUNDED',
            channel: 'v3',
            refundedFen: 1000,
            createdAt: '2026-11-22T12:00:00.000Z',
            refunds: [{ outRefundNo: 'RF1', amountFen: 1000, status: 'SUCCESS', reason: 'x', createdAt: '2026-11-22T13:00:00.000Z' }],
          },
        ],
        nextCursor: null,
      }),
    });
    const full = renderPage('pages/orders/index');
    await settle();
    const text = full.root.dom!.textContent!;
    expect(text).toContain('¥30.00');
    expect(text).toContain('部分退款');
    expect(text).toContain('已退款 ¥10.00');
    fakeApi({ 'orders.list': ok({ orders: [], nextCursor: null }) });
    const empty = renderPage('pages/orders/index');
    await settle();
    expect(empty.root.dom!.textContent).toContain('还没有充值订单');
    fakeApi({ 'orders.list': err('INTERNAL', '出错了') });
    const broken = renderPage('pages/orders/index');
    await settle();
    expect(broken.root.dom!.textContent).toContain('出错了');
  });
});

describe('privacy page', () => {
  const consent = { currentVersion: '2026-11', accepted: true, crossBorder: true, crossBorderAt: '2026-11-22T12:00:00.000Z' };

  it('withdraws cross-border consent after confirmation', async () => {
    let current = consent;
    const calls = fakeApi({
      'consent.get': () => ok(current),
      'consent.withdraw': () => ((current = { ...consent, accepted: false, crossBorder: false }), ok(current)),
    });
    const { root } = renderPage('pages/privacy/index');
    await settle();
    expect(root.dom!.textContent).toContain('已同意');
    root.querySelector('.btn')!.dispatchEvent('tap');
    await settle();
    expect(calls.some((c) => c.action === 'consent.withdraw')).toBe(true);
    expect(root.dom!.textContent).toContain('已撤回');
  });

  it('deletes data only after confirmation, and exports it', async () => {
    const calls = fakeApi({
      'consent.get': ok(consent),
      'privacy.delete': ok({ conversations: 2, messages: 5 }),
      'privacy.export': ok({ exportedAt: 'x', data: { openid: 'o' } }),
    });
    const { root } = renderPage('pages/privacy/index');
    await settle();
    wxm.showModal.mockImplementationOnce((o: any) => o.success({ confirm: false, cancel: true }));
    root.querySelector('.btn--danger')!.dispatchEvent('tap');
    await settle();
    expect(calls.some((c) => c.action === 'privacy.delete')).toBe(false);
    root.querySelector('.btn--danger')!.dispatchEvent('tap');
    await settle();
    expect(calls.some((c) => c.action === 'privacy.delete')).toBe(true);
    expect(root.dom!.textContent).toContain('已删除 2 个对话、5 条消息');
    root.querySelectorAll('.btn--plain')[1]!.dispatchEvent('tap');
    await settle();
    expect(wxm.setClipboardData).toHaveBeenCalled();
  });

  it('shows an error', async () => {
    fakeApi({ 'consent.get': err('INTERNAL', '出错了') });
    const { root } = renderPage('pages/privacy/index');
    await settle();
    expect(root.dom!.textContent).toContain('出错了');
  });
});
