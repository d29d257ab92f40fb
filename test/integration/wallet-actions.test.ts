/** The wallet's actions through the local host, as the app and the admin pages call them. */
import { AUDIT, HOLDS, LEDGER, WALLETS } from '../../shared/wallet/documents';
import { wallet } from '../../shared/wallet/service';
import { localCloud, testDeps } from '../support/cloud';
import { callFunction, startHost, type RunningHost } from '../support/host';

const { db, store } = localCloud();
const deps = testDeps(db);
const YUAN = 1_000_000;
let host: RunningHost;

beforeAll(async () => {
  process.env.ADMIN_OPENIDS = 'boss';
  host = await startHost();
  await wallet.credit(deps, { openid: 'alice', amount: 30 * YUAN, outTradeNo: 'A1' });
  await wallet.credit(deps, { openid: 'alice', amount: 6 * YUAN, outTradeNo: 'A2' });
});
afterAll(async () => {
  await host.close();
  delete process.env.ADMIN_OPENIDS;
});

const snapshot = () => JSON.stringify([WALLETS, LEDGER, HOLDS, AUDIT].map((c) => store.all(c)));

describe('api wallet.get and wallet.statement', () => {
  it("shows the caller's own wallet, whatever openid the payload names", async () => {
    expect((await callFunction(host.base, 'api', { action: 'wallet.get', payload: { openid: 'bob' } }, 'alice')).json).toEqual({
      ok: true,
      data: { balance: 36 * YUAN, held: 0, available: 36 * YUAN },
    });
    expect((await callFunction(host.base, 'api', { action: 'wallet.get' }, 'bob')).json).toEqual({
      ok: true,
      data: { balance: 0, held: 0, available: 0 },
    });
  });

  it('pages the statement newest first', async () => {
    const first = (await callFunction(host.base, 'api', { action: 'wallet.statement', payload: { limit: 1 } }, 'alice')).json as {
      data: { entries: Array<{ ref: string }>; nextCursor: string };
    };
    expect(first.data.entries.map((e) => e.ref)).toEqual(['A2']);
    const second = (
      await callFunction(host.base, 'api', { action: 'wallet.statement', payload: { limit: 1, cursor: first.data.nextCursor } }, 'alice')
    ).json as { data: { entries: Array<{ ref: string }>; nextCursor: string | null } };
    expect(second.data.entries.map((e) => e.ref)).toEqual(['A1']);
    expect(second.data.nextCursor).toBeNull();
  });
});

describe('admin users.adjust', () => {
  it('adjusts with an audit record naming the merchant, once per requestId', async () => {
    const payload = { openid: 'alice', amount: -YUAN, reason: '客服补偿冲正', requestId: 'adj-0001' };
    const res = await callFunction(host.base, 'admin', { action: 'users.adjust', payload }, 'boss');
    expect(res.json).toEqual({ ok: true, data: { balance: 35 * YUAN, held: 0, available: 35 * YUAN } });
    const again = await callFunction(host.base, 'admin', { action: 'users.adjust', payload }, 'boss');
    expect(again.json).toEqual(res.json);
    expect(store.peek(AUDIT, 'adjust:adj-0001')).toMatchObject({ actor: 'boss', openid: 'alice', amount: -YUAN });
  });

  it('is refused to a user who is not a merchant', async () => {
    const before = snapshot();
    const res = await callFunction(
      host.base,
      'admin',
      { action: 'users.adjust', payload: { openid: 'alice', amount: YUAN, reason: '我自己加钱', requestId: 'adj-evil1' } },
      'alice',
    );
    expect(res.json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(snapshot()).toBe(before);
  });

  it('refuses to overdraw', async () => {
    const res = await callFunction(
      host.base,
      'admin',
      { action: 'users.adjust', payload: { openid: 'alice', amount: -100 * YUAN, reason: '超额扣减', requestId: 'adj-0002' } },
      'boss',
    );
    expect(res.json).toMatchObject({ ok: false, error: { code: 'ADJUST_WOULD_OVERDRAW' } });
  });
});

describe('bad input to every wallet action: a typed error, nothing written', () => {
  const cases: Array<[string, string, unknown]> = [
    ['api', 'wallet.statement', { limit: 0 }],
    ['api', 'wallet.statement', { limit: 51 }],
    ['api', 'wallet.statement', { limit: 1.5 }],
    ['api', 'wallet.statement', { cursor: '' }],
    ['api', 'wallet.statement', 'not an object'],
    ['api', 'wallet.get', 42],
    ['admin', 'users.adjust', {}],
    ['admin', 'users.adjust', { openid: 'alice', amount: 0, reason: '零元调整', requestId: 'adj-zero1' }],
    ['admin', 'users.adjust', { openid: 'alice', amount: 1.5, reason: '小数金额', requestId: 'adj-frac1' }],
    ['admin', 'users.adjust', { openid: 'alice', amount: '100', reason: '字符串金额', requestId: 'adj-str01' }],
    ['admin', 'users.adjust', { openid: 'alice', amount: 2 ** 53, reason: '溢出金额', requestId: 'adj-ovf01' }],
    ['admin', 'users.adjust', { openid: 'alice', amount: 100, reason: '', requestId: 'adj-noreason' }],
    ['admin', 'users.adjust', { openid: 'alice', amount: 100, reason: '没有请求号' }],
    ['admin', 'users.adjust', { openid: 'alice', amount: 100, reason: '请求号太短', requestId: 'x' }],
    ['admin', 'users.adjust', { openid: '', amount: 100, reason: '没有用户', requestId: 'adj-nouser' }],
  ];
  it.each(cases)('%s %s %j', async (fn, action, payload) => {
    const before = snapshot();
    const res = await callFunction(host.base, fn, { action, payload }, 'boss');
    expect(res.json).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.any(String) } });
    expect(snapshot()).toBe(before);
  });
});

describe('cron', () => {
  it('releases expired holds and checks the ledger through the timer trigger', async () => {
    await wallet.hold(deps, { openid: 'alice', amount: YUAN, requestId: 'expired-chat', expiresAt: new Date(Date.now() - 1000) });
    const res = await fetch(`${host.base}/timer/cron`, { method: 'POST' });
    const report = (await res.json()) as { ok: boolean; jobs: Array<{ name: string; ok: boolean; detail: string }> };
    expect(report.ok).toBe(true);
    expect(report.jobs.map((j) => j.name)).toEqual(expect.arrayContaining(['release-expired-holds', 'ledger-invariant']));
    expect(report.jobs.find((j) => j.name === 'release-expired-holds')!.detail).toBe('released 1, settled 0, skipped 0');
    expect(store.peek(HOLDS, 'expired-chat')).toMatchObject({ status: 'released' });
  });

  it('fails the invariant job loudly when a wallet was tampered with', async () => {
    await db
      .collection(WALLETS)
      .doc('alice')
      .update({ data: { balance: 1 } });
    const report = (await (await fetch(`${host.base}/timer/cron`, { method: 'POST' })).json()) as {
      ok: boolean;
      jobs: Array<{ name: string; ok: boolean }>;
    };
    expect(report.ok).toBe(false);
    expect(report.jobs.find((j) => j.name === 'ledger-invariant')!.ok).toBe(false);
  });
});
