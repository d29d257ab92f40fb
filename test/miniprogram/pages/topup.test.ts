import { createApi } from '../../../miniprogram/api/client';
import { appConfig } from '../../../miniprogram/config';
import { runTopup, type PayerPort } from '../../../miniprogram/utils/topup';
import { renderPage } from '../support/page';
import { err, fakeApi, ok, settle } from '../support/fake-api';
import { wxm } from '../support/wx';

// The page's real payer (the local sandbox's modal), with the polling's waits taken out.
jest.mock('../../../miniprogram/pages/topup/payer', () => {
  const real = jest.requireActual('../../../miniprogram/pages/topup/payer');
  return { payer: { ...real.payer, sleep: async () => undefined } };
});

const packages = {
  packages: [
    { id: 'p6', title: '充值 ¥6', amountFen: 600 },
    { id: 'p30', title: '充值 ¥30', amountFen: 3000, bonusFen: 100 },
  ],
};
const payment = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'RSA', paySign: 's' };
const created = ok({ outTradeNo: 'Q2026112200001', amountFen: 600, expiresAt: 'x', payment });

type TopupPage = { onPay(e: object): Promise<void>; onRefresh(): Promise<void>; getOpenerEventChannel?: () => { emit: jest.Mock } };

/** A top-up page whose orders end in `statuses` (one per poll, the last repeated). */
function open(query: Record<string, string>, statuses: string[], extra: Record<string, unknown> = {}) {
  let polls = 0;
  let balance = 1_000;
  const calls = fakeApi({
    'wallet.get': () => ok({ balance, held: 0, available: balance }),
    'topup.packages': ok(packages),
    'topup.create': created,
    'topup.status': () => {
      const status = statuses[Math.min(polls++, statuses.length - 1)]!;
      if (status === 'PAID') balance = 6_001_000;
      return ok({ status, amountFen: 600 });
    },
    ...extra,
  });
  const page = renderPage('pages/topup/index', query);
  const emit = jest.fn();
  (page.instance as unknown as TopupPage).getOpenerEventChannel = () => ({ emit });
  return { ...page, calls, emit };
}

let navigateBack: jest.Mock;
beforeEach(() => {
  wxm.request.mockImplementation((o: any) => o.success({ statusCode: 200, data: { ok: true } }));
  wxm.showModal.mockImplementation((o: any) => o.success({ confirm: true, cancel: false }));
  // miniprogram-simulate's own wx (merged with the test's) has navigateBack: watch that one.
  navigateBack = jest.fn();
  (globalThis as unknown as { wx: { navigateBack: jest.Mock } }).wx.navigateBack = navigateBack;
});

describe('top-up page', () => {
  it('lists the packages with the balance; from a conversation, what it needs', async () => {
    const { root } = open({ need: '3100' }, ['PAID']);
    expect(root.dom!.textContent).toContain('加载中');
    await settle();
    const text = root.dom!.textContent!;
    expect(text).toContain('继续这次对话还需 ¥0.0031');
    expect(text).toContain('当前余额 ¥0.00');
    expect(root.querySelectorAll('.package')).toHaveLength(2);
    expect(text).toContain('送 ¥1.00');
    expect(text).toContain('到账 ¥31.00');
  });

  it('from a conversation: pays, tells the opener the new balance and goes back', async () => {
    const { root, emit, calls } = open({ need: '3100' }, ['CREATED', 'PAID']);
    await settle();
    root.querySelectorAll('.package')[0]!.dispatchEvent('tap');
    await settle(30);
    expect(calls.find((c) => c.action === 'topup.create')!.payload).toEqual({ packageId: 'p6' });
    expect(wxm.showModal.mock.calls.at(-1)![0]).toMatchObject({ content: '模拟微信支付 ¥6.00' });
    expect(wxm.request.mock.calls.at(-1)![0]).toMatchObject({ data: { outTradeNo: 'Q2026112200001', outcome: 'SUCCESS' } });
    expect(emit).toHaveBeenCalledWith('toppedUp', { balance: 6_001_000 });
    expect(navigateBack).toHaveBeenCalledWith({ delta: 1 });
  });

  it('from the wallet: shows 充值成功 with the new balance; 完成 goes back', async () => {
    const { root, emit, instance } = open({}, ['PAID']);
    await settle();
    root.querySelectorAll('.package')[1]!.dispatchEvent('tap');
    await settle(30);
    expect(instance.data.screen).toEqual({ kind: 'success', balanceText: '¥6.00' });
    expect(root.dom!.textContent).toContain('充值成功');
    expect(root.dom!.textContent).toContain('当前余额 ¥6.00');
    expect(emit).toHaveBeenCalledWith('toppedUp', { balance: 6_001_000 });
    expect(navigateBack).not.toHaveBeenCalled();
    root.querySelector('.btn')!.dispatchEvent('tap');
    await settle();
    expect(navigateBack).toHaveBeenCalled();
  });

  it('cancelled: says so, changes nothing, and lets the user choose again', async () => {
    wxm.showModal.mockImplementation((o: any) => o.success({ confirm: false, cancel: true }));
    const { root, emit, calls } = open({ need: '3100' }, ['PAID']);
    await settle();
    root.querySelectorAll('.package')[0]!.dispatchEvent('tap');
    await settle(30);
    expect(root.dom!.textContent).toContain('已取消支付');
    expect(calls.some((c) => c.action === 'topup.status')).toBe(false);
    expect(emit).not.toHaveBeenCalled();
    expect(navigateBack).not.toHaveBeenCalled();
    root.querySelector('.btn')!.dispatchEvent('tap');
    await settle();
    expect(root.querySelectorAll('.package')).toHaveLength(2);
  });

  it('failed: shows the reason', async () => {
    const { root } = open({}, ['PAID'], { 'topup.create': err('CONFIG_INVALID', '支付未配置') });
    await settle();
    root.querySelectorAll('.package')[0]!.dispatchEvent('tap');
    await settle(30);
    expect(root.dom!.textContent).toContain('支付失败');
    expect(root.dom!.textContent).toContain('支付未配置');
  });

  it('confirming: shows the order number (copyable); 刷新 asks topup.status until it is paid', async () => {
    const { root, instance, calls, emit } = open({ need: '3100' }, ['CREATED']);
    await settle();
    root.querySelectorAll('.package')[0]!.dispatchEvent('tap');
    await settle(40);
    expect(instance.data.screen).toEqual({ kind: 'confirming', outTradeNo: 'Q2026112200001', refreshing: false });
    const text = root.dom!.textContent!;
    expect(text).toContain('支付结果确认中');
    expect(text).toContain('Q2026112200001');
    root.querySelector('.order .cell')!.dispatchEvent('tap');
    await settle();
    expect(wxm.setClipboardData).toHaveBeenLastCalledWith(expect.objectContaining({ data: 'Q2026112200001' }));

    const polls = calls.filter((c) => c.action === 'topup.status').length;
    root.querySelector('.result .btn')!.dispatchEvent('tap');
    await settle();
    expect(calls.filter((c) => c.action === 'topup.status')).toHaveLength(polls + 1);
    expect(calls.at(-1)!.payload).toEqual({ outTradeNo: 'Q2026112200001' });
    expect(wxm.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '仍在确认中，请稍后再刷新' }));
    expect((instance.data.screen as { kind: string }).kind).toBe('confirming');

    fakeApi({
      'topup.status': ok({ status: 'PAID', amountFen: 600 }),
      'wallet.get': ok({ balance: 6_001_000, held: 0, available: 6_001_000 }),
    });
    await (instance as unknown as TopupPage).onRefresh();
    expect(emit).toHaveBeenCalledWith('toppedUp', { balance: 6_001_000 });
    expect(navigateBack).toHaveBeenCalled();
  });

  it('confirming: a closed order is a failure, and a failed refresh keeps the order on screen', async () => {
    const { root, instance } = open({}, ['CREATED']);
    await settle();
    root.querySelectorAll('.package')[0]!.dispatchEvent('tap');
    await settle(40);
    const page = instance as unknown as TopupPage;
    fakeApi({ 'topup.status': { kind: 'network', message: 'x' } });
    await page.onRefresh();
    expect(instance.data.screen).toEqual({ kind: 'confirming', outTradeNo: 'Q2026112200001', refreshing: false });
    expect(wxm.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: expect.stringContaining('网络不太好') }));
    fakeApi({ 'topup.status': ok({ status: 'CLOSED', amountFen: 600 }) });
    await page.onRefresh();
    expect(instance.data.screen).toEqual({ kind: 'failed', message: '订单已关闭，没有扣款' });
  });

  it('on iOS shows only that top-up is not supported', async () => {
    wxm.getSystemInfoSync.mockReturnValueOnce({ platform: 'ios', safeArea: { bottom: 800 }, windowHeight: 812 });
    const { root } = open({ need: '3100' }, ['PAID']);
    await settle();
    expect(root.querySelectorAll('.package')).toHaveLength(0);
    expect(root.querySelector('.notice')!.dom!.textContent).toBe('iOS 暂不支持充值');
  });

  it('shows an error with retry', async () => {
    const { root, calls } = open({}, ['PAID'], { 'topup.packages': err('INTERNAL', '出错了') });
    await settle();
    expect(root.dom!.textContent).toContain('出错了');
    const before = calls.length;
    root.querySelector('.state__action')!.dispatchEvent('tap');
    await settle();
    expect(calls.length).toBeGreaterThan(before);
  });
});

describe('the local sandbox payer', () => {
  const { payer } = jest.requireActual('../../../miniprogram/pages/topup/payer') as { payer: PayerPort };
  const order = { outTradeNo: 'Q2026112200001', amountFen: 600, payment };

  it('asks the developer, then tells the sandbox', async () => {
    expect(appConfig.mode).toBe('local');
    expect(await payer.pay(order)).toBe('ok');
    wxm.showModal.mockImplementationOnce((o: any) => o.success({ confirm: false, cancel: true }));
    expect(await payer.pay(order)).toBe('cancel');
    expect(wxm.request.mock.calls.at(-1)![0]).toMatchObject({ data: { outcome: 'CANCEL' } });
    wxm.request.mockImplementationOnce((o: any) => o.fail({ errMsg: 'request:fail' }));
    expect(await payer.pay(order)).toBe('fail');
  });
});

describe('the top-up flow', () => {
  const payer = (result: 'ok' | 'cancel' | 'fail'): PayerPort & { slept: number[] } => {
    let t = 0;
    const slept: number[] = [];
    return {
      slept,
      pay: async () => result,
      sleep: async (ms) => {
        slept.push(ms);
        t += ms;
      },
      now: () => t,
    };
  };
  const transport = (statuses: string[]) => {
    let i = 0;
    return async (_fn: string, data: { action: string }) => {
      if (data.action === 'topup.create')
        return { kind: 'reply' as const, body: { ok: true, data: { outTradeNo: 'Q123456', amountFen: 600, expiresAt: 'x', payment } } };
      return { kind: 'reply' as const, body: { ok: true, data: { status: statuses[Math.min(i++, statuses.length - 1)], amountFen: 600 } } };
    };
  };

  it('succeeds only when the server says PAID', async () => {
    expect(await runTopup(createApi(transport(['CREATED', 'CREATED', 'PAID'])), payer('ok'), 'p6')).toEqual({
      kind: 'paid',
      outTradeNo: 'Q123456',
    });
  });
  it('reports a cancelled payment without polling', async () => {
    const p = payer('cancel');
    expect(await runTopup(createApi(transport(['PAID'])), p, 'p6')).toEqual({ kind: 'cancelled' });
    expect(p.slept).toEqual([]);
  });
  it('reports a failed payment', async () => {
    expect(await runTopup(createApi(transport(['CREATED'])), payer('fail'), 'p6')).toMatchObject({ kind: 'failed' });
  });
  it('gives up after 30 s with backoff: the order is still being confirmed', async () => {
    const p = payer('ok');
    expect(await runTopup(createApi(transport(['CREATED'])), p, 'p6')).toEqual({ kind: 'pending', outTradeNo: 'Q123456' });
    expect(p.slept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(30_000);
    expect(p.slept[0]).toBeLessThan(p.slept[p.slept.length - 1]!);
  });
  it('surfaces a refused order', async () => {
    const api = createApi(async () => ({ kind: 'reply', body: { ok: false, error: { code: 'CONFIG_INVALID', message: '支付未配置' } } }));
    expect(await runTopup(api, payer('ok'), 'p6')).toEqual({ kind: 'failed', message: '支付未配置' });
  });
});
