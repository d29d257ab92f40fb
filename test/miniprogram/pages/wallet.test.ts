import { renderPage } from '../support/page';
import { err, fakeApi, ok, settle } from '../support/fake-api';
import { wxm } from '../support/wx';

const wallet = { balance: 31_000_000, held: 50_000, available: 30_950_000 };
const today = (h: number, mi = 0) => {
  const d = new Date();
  d.setHours(h, mi, 0, 0);
  return d.toISOString();
};
const yesterday = (h: number) => {
  const d = new Date();
  d.setDate(d.getDate() - 1);
  d.setHours(h, 0, 0, 0);
  return d.toISOString();
};
const entry = (id: string, kind: string, amount: number, createdAt: string) => ({
  id,
  kind,
  amount,
  balanceAfter: 31_000_000,
  heldAfter: 0,
  ref: id,
  createdAt,
});
const entries = [
  entry('hold:r2', 'hold', 50_000, today(0, 3)),
  entry('settle:r1', 'settle', -3_100, today(0, 2)),
  entry('topup:Q1', 'topup', 31_000_000, yesterday(12)),
];

describe('wallet page', () => {
  it('shows loading, then the balance with 冻结中, and one row per chat grouped by day', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    fakeApi({
      'wallet.get': async () => (await gate, ok(wallet)),
      'wallet.statement': ok({ entries, nextCursor: null }),
    });
    const { root, instance } = renderPage('pages/wallet/index');
    expect(root.dom!.textContent).toContain('加载中');
    release();
    await settle();
    const text = root.dom!.textContent!;
    expect(instance.data.state).toBe('ready');
    expect(root.querySelector('.card__value')!.dom!.textContent).toBe('¥31.00');
    expect(text).toContain('冻结中 ¥0.05');
    expect(text).toContain('可用 ¥30.95');
    expect(root.querySelectorAll('.day').map((d) => d.dom!.textContent)).toEqual(['今天', '昨天']);
    expect(text).toContain('-¥0.0031');
    expect(text).toContain('+¥31.00');
    expect(text).not.toContain('预留');
    expect(root.querySelectorAll('.row__amount')).toHaveLength(2);
    expect(text).toContain('没有更多了');
  });

  it('has no 冻结中 when nothing is held, and an empty statement', async () => {
    fakeApi({ 'wallet.get': ok({ balance: 0, held: 0, available: 0 }), 'wallet.statement': ok({ entries: [], nextCursor: null }) });
    const { root } = renderPage('pages/wallet/index');
    await settle();
    expect(root.dom!.textContent).toContain('¥0.00');
    expect(root.dom!.textContent).not.toContain('冻结中');
    expect(root.dom!.textContent).toContain('还没有账单');
  });

  it('shows an error with a retry that loads again', async () => {
    let fail = true;
    const calls = fakeApi({
      'wallet.get': () => (fail ? { kind: 'network', message: 'x' } : ok(wallet)),
      'wallet.statement': ok({ entries: [], nextCursor: null }),
    });
    const { root, instance } = renderPage('pages/wallet/index');
    await settle();
    expect(root.dom!.textContent).toContain('网络不太好');
    fail = false;
    const before = calls.length;
    root.querySelector('.state__action')!.dispatchEvent('tap');
    await settle();
    expect(calls.length).toBeGreaterThan(before);
    expect(instance.data.state).toBe('ready');
  });

  it('opens the top-up page and the orders; on iOS says only that top-up is not supported', async () => {
    fakeApi({ 'wallet.get': ok(wallet), 'wallet.statement': ok({ entries, nextCursor: null }) });
    const android = renderPage('pages/wallet/index');
    await settle();
    android.root.querySelector('.card__action')!.dispatchEvent('tap');
    await settle();
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/topup/index' });
    android.root.querySelector('.link')!.dispatchEvent('tap');
    await settle();
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/orders/index' });

    wxm.getSystemInfoSync.mockReturnValueOnce({ platform: 'ios', safeArea: { bottom: 800 }, windowHeight: 812 });
    const ios = renderPage('pages/wallet/index');
    await settle();
    expect(ios.root.querySelector('.card__action')).toBeFalsy();
    const notice = ios.root.querySelector('.card__notice')!.dom!.textContent;
    expect(notice).toBe('iOS 暂不支持充值');
    // Never steers the user to pay elsewhere (WeChat's rules for iOS).
    expect(ios.root.dom!.textContent).not.toMatch(/安卓|电脑|其他设备|网页/);
  });

  it('loads more at the bottom and merges it into the days; a failed page can be retried', async () => {
    let failMore = true;
    const calls = fakeApi({
      'wallet.get': ok(wallet),
      'wallet.statement': (p: { cursor?: string }) => {
        if (!p.cursor) return ok({ entries, nextCursor: '2' });
        if (failMore) return err('INTERNAL', '出错了');
        return ok({ entries: [entry('topup:Q0', 'topup', 6_000_000, yesterday(9))], nextCursor: null });
      },
    });
    const { root, instance } = renderPage('pages/wallet/index');
    await settle();
    const page = instance as unknown as { onReachBottom(): Promise<void> };
    await page.onReachBottom();
    expect(calls.filter((c) => c.action === 'wallet.statement').at(-1)!.payload).toEqual({ limit: 20, cursor: '2' });
    expect(root.dom!.textContent).toContain('加载失败，点此重试');
    failMore = false;
    root.querySelector('.footer--action')!.dispatchEvent('tap');
    await settle();
    expect(root.querySelectorAll('.day')).toHaveLength(2);
    expect(root.querySelectorAll('.row__amount')).toHaveLength(3);
    expect(root.dom!.textContent).toContain('没有更多了');
  });

  it('keeps the wallet on screen when a refresh fails', async () => {
    let fail = false;
    fakeApi({ 'wallet.get': () => (fail ? err('INTERNAL', '出错了') : ok(wallet)), 'wallet.statement': ok({ entries, nextCursor: null }) });
    const { instance } = renderPage('pages/wallet/index');
    await settle();
    fail = true;
    await (instance as unknown as { load(): Promise<void> }).load();
    expect(instance.data.state).toBe('ready');
  });
});
