import { runTopup, type PayerPort } from '../../../miniprogram/utils/topup';
import { createApi } from '../../../miniprogram/api/client';
import { renderPage } from '../support/page';
import { fakeApi, ok, settle } from '../support/fake-api';
import { wxm } from '../support/wx';

const wallet = { balance: 31_000_000, held: 50_000, available: 30_950_000 };
const packages = {
  packages: [
    { id: 'p6', title: '充值 ¥6', amountFen: 600 },
    { id: 'p30', title: '充值 ¥30', amountFen: 3000, bonusFen: 100 },
  ],
};
const entries = [
  {
    id: 'topup:Q1',
    kind: 'topup',
    amount: 31_000_000,
    balanceAfter: 31_000_000,
    heldAfter: 0,
    ref: 'Q1',
    createdAt: '2026-11-22T12:00:00.000Z',
  },
  {
    id: 'hold:r1',
    kind: 'hold',
    amount: 50_000,
    balanceAfter: 31_000_000,
    heldAfter: 50_000,
    ref: 'r1',
    createdAt: '2026-11-22T12:01:00.000Z',
  },
];

describe('wallet page', () => {
  it('shows loading first, then balance, held amount, packages and the statement', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    fakeApi({
      'wallet.get': async () => (await gate, ok(wallet)),
      'topup.packages': ok(packages),
      'wallet.statement': ok({ entries, nextCursor: null }),
    });
    const { root, instance } = renderPage('pages/wallet/index');
    expect(root.dom!.textContent).toContain('加载中');
    release();
    await settle();
    const text = root.dom!.textContent!;
    expect(instance.data.state).toBe('ready');
    expect(text).toContain('¥30.95');
    expect(text).toContain('¥0.05 为进行中对话的预留');
    expect(text).toContain('送 ¥1.00');
    expect(text).toContain('+¥31.00');
    expect(text).toContain('对话预留');
  });

  it('shows an empty statement and an error state with retry', async () => {
    fakeApi({
      'wallet.get': ok({ balance: 0, held: 0, available: 0 }),
      'topup.packages': ok(packages),
      'wallet.statement': ok({ entries: [], nextCursor: null }),
    });
    const empty = renderPage('pages/wallet/index');
    await settle();
    expect(empty.root.dom!.textContent).toContain('还没有账单');
    const calls = fakeApi({
      'wallet.get': { kind: 'network', message: 'x' },
      'topup.packages': ok(packages),
      'wallet.statement': ok({ entries: [], nextCursor: null }),
    });
    const broken = renderPage('pages/wallet/index');
    await settle();
    expect(broken.root.dom!.textContent).toContain('网络不太好');
    const before = calls.length;
    broken.root.querySelector('.state__action')!.dispatchEvent('tap');
    await settle();
    expect(calls.length).toBeGreaterThan(before);
  });

  it('hides top-up on iOS and explains why', async () => {
    wxm.getSystemInfoSync.mockReturnValueOnce({ platform: 'ios', safeArea: { bottom: 800 }, windowHeight: 812 });
    fakeApi({ 'wallet.get': ok(wallet), 'topup.packages': ok(packages), 'wallet.statement': ok({ entries, nextCursor: null }) });
    const { root } = renderPage('pages/wallet/index');
    await settle();
    expect(root.querySelectorAll('.package')).toHaveLength(0);
    expect(root.dom!.textContent).toContain('iOS 上的小程序暂不支持购买虚拟服务');
  });

  it('loads more of the statement at the bottom', async () => {
    const calls = fakeApi({
      'wallet.get': ok(wallet),
      'topup.packages': ok(packages),
      'wallet.statement': (p: { cursor?: string }) =>
        ok(p.cursor ? { entries: [{ ...entries[0], id: 'older' }], nextCursor: null } : { entries, nextCursor: '2' }),
    });
    const { instance } = renderPage('pages/wallet/index');
    await settle();
    await (instance as unknown as { onReachBottom(): Promise<void> }).onReachBottom();
    expect(calls.filter((c) => c.action === 'wallet.statement').at(-1)!.payload).toEqual({ limit: 20, cursor: '2' });
    expect((instance.data.entries as unknown[]).length).toBe(3);
  });
});

describe('top-up flow', () => {
  const payment = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'RSA', paySign: 's' };
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
  it('gives up after 30 s with backoff and says the credit will come by itself', async () => {
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

it('pays through the page and reloads the balance', async () => {
  let paid = false;
  fakeApi({
    'wallet.get': () => ok(paid ? { balance: 6_000_000, held: 0, available: 6_000_000 } : { balance: 0, held: 0, available: 0 }),
    'topup.packages': ok(packages),
    'wallet.statement': ok({ entries: [], nextCursor: null }),
    'topup.create': ok({
      outTradeNo: 'Q123456',
      amountFen: 600,
      expiresAt: 'x',
      payment: { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'RSA', paySign: 's' },
    }),
    'topup.status': () => ((paid = true), ok({ status: 'PAID', amountFen: 600 })),
  });
  wxm.request.mockImplementation((o: any) => o.success({ statusCode: 200, data: { ok: true } }));
  const { root, instance } = renderPage('pages/wallet/index');
  await settle();
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
  root.querySelectorAll('.package')[0]!.dispatchEvent('tap');
  for (let i = 0; i < 10; i++) {
    await Promise.resolve();
    jest.advanceTimersByTime(1000);
  }
  jest.useRealTimers();
  await settle(10);
  expect(wxm.showModal).toHaveBeenCalled();
  expect(wxm.request.mock.calls.at(-1)![0]).toMatchObject({
    url: 'http://127.0.0.1:8787/sandbox/wechatpay/confirm',
    data: { outTradeNo: 'Q123456', outcome: 'SUCCESS' },
  });
  expect(instance.data.notice).toBe('充值成功');
  expect(root.dom!.textContent).toContain('¥6.00');
});
