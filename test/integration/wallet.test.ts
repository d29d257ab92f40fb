import { inTransaction, getDoc, type Tx } from '../../shared/platform/database';
import { AUDIT, HOLDS, LEDGER, WALLETS, type HoldDoc, type LedgerEntry } from '../../shared/wallet/documents';
import { adjustTx, creditTx, holdTx, refundDebitTx, refundRestoreTx, releaseTx, settleTx } from '../../shared/wallet/operations';
import { checkLedgerInvariant } from '../../shared/wallet/invariant';
import { getWallet, statement, wallet } from '../../shared/wallet/service';
import { releaseExpiredHolds } from '../../shared/wallet/sweeper';
import { localCloud, testDeps } from '../support/cloud';
import { crashingTx, InjectedCrash } from '../support/faults';

const { db, store } = localCloud();
const deps = testDeps(db);
const YUAN = 1_000_000;
let seq = 0;
/** A fresh user per test, so tests never share a wallet. */
const newUser = () => `user-${++seq}`;
const inMinutes = (m: number) => new Date(deps.clock.now().getTime() + m * 60_000);

function snapshot(): string {
  return JSON.stringify([WALLETS, LEDGER, HOLDS, AUDIT].map((c) => store.all(c)));
}

async function expectConsistent(): Promise<void> {
  const { violations } = await checkLedgerInvariant(db);
  expect(violations).toEqual([]);
}

describe('credit', () => {
  it('creates the wallet lazily and credits it once per out_trade_no', async () => {
    const u = newUser();
    expect(await getWallet(deps, u)).toEqual({ balance: 0, held: 0, available: 0 });
    const first = await wallet.credit(deps, { openid: u, amount: 30 * YUAN, outTradeNo: 'T1' });
    expect(first).toMatchObject({ balance: 30 * YUAN, held: 0, available: 30 * YUAN, entryId: 'topup:T1', replayed: false });
    const again = await wallet.credit(deps, { openid: u, amount: 30 * YUAN, outTradeNo: 'T1' });
    expect(again).toMatchObject({ balance: 30 * YUAN, replayed: true });
    expect(await getWallet(deps, u)).toEqual({ balance: 30 * YUAN, held: 0, available: 30 * YUAN });
    await expectConsistent();
  });

  it('refuses the same key with different arguments', async () => {
    const u = newUser();
    await wallet.credit(deps, { openid: u, amount: 6 * YUAN, outTradeNo: 'T2' });
    await expect(wallet.credit(deps, { openid: u, amount: 98 * YUAN, outTradeNo: 'T2' })).rejects.toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
    });
    await expect(wallet.credit(deps, { openid: newUser(), amount: 6 * YUAN, outTradeNo: 'T2' })).rejects.toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
    });
    expect(await getWallet(deps, u)).toMatchObject({ balance: 6 * YUAN });
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 53])('refuses amount %p and writes nothing', async (amount) => {
    const before = snapshot();
    await expect(wallet.credit(deps, { openid: newUser(), amount, outTradeNo: `bad-${String(amount)}` })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(snapshot()).toBe(before);
  });
});

describe('hold, settle and release', () => {
  it('holds, then charges the real cost and releases the rest', async () => {
    const u = newUser();
    await wallet.credit(deps, { openid: u, amount: 10 * YUAN, outTradeNo: `${u}-t` });
    expect(await wallet.hold(deps, { openid: u, amount: 2 * YUAN, requestId: 'r1', expiresAt: inMinutes(10) })).toMatchObject({
      balance: 10 * YUAN,
      held: 2 * YUAN,
      available: 8 * YUAN,
    });
    expect(await wallet.settle(deps, { openid: u, requestId: 'r1', actual: 31_234 })).toMatchObject({
      balance: 10 * YUAN - 31_234,
      held: 0,
    });
    expect(await getDoc<HoldDoc>(db, HOLDS, 'r1')).toMatchObject({ status: 'settled', charged: 31_234 });
    // A retry of the settle changes nothing; a release after it is refused.
    expect(await wallet.settle(deps, { openid: u, requestId: 'r1', actual: 31_234 })).toMatchObject({ replayed: true });
    await expect(wallet.release(deps, { openid: u, requestId: 'r1' })).rejects.toMatchObject({ code: 'HOLD_NOT_OPEN' });
    await expectConsistent();
  });

  it('refuses a hold larger than what is available, before anything is written', async () => {
    const u = newUser();
    await wallet.credit(deps, { openid: u, amount: YUAN, outTradeNo: `${u}-t` });
    await wallet.hold(deps, { openid: u, amount: 600_000, requestId: `${u}-a`, expiresAt: inMinutes(10) });
    const before = snapshot();
    await expect(wallet.hold(deps, { openid: u, amount: 400_001, requestId: `${u}-b`, expiresAt: inMinutes(10) })).rejects.toMatchObject({
      code: 'INSUFFICIENT_BALANCE',
      details: { required: 400_001, available: 400_000 },
    });
    expect(snapshot()).toBe(before);
  });

  it('refuses to settle more than was held, or a hold of someone else', async () => {
    const u = newUser();
    await wallet.credit(deps, { openid: u, amount: YUAN, outTradeNo: `${u}-t` });
    await wallet.hold(deps, { openid: u, amount: 1000, requestId: `${u}-h`, expiresAt: inMinutes(10) });
    await expect(wallet.settle(deps, { openid: u, requestId: `${u}-h`, actual: 1001 })).rejects.toMatchObject({
      code: 'SETTLE_EXCEEDS_HOLD',
    });
    await expect(wallet.settle(deps, { openid: newUser(), requestId: `${u}-h`, actual: 1 })).rejects.toMatchObject({
      code: 'HOLD_NOT_OPEN',
    });
    await expect(wallet.settle(deps, { openid: u, requestId: 'never-held', actual: 1 })).rejects.toMatchObject({ code: 'HOLD_NOT_OPEN' });
    expect(await getWallet(deps, u)).toEqual({ balance: YUAN, held: 1000, available: YUAN - 1000 });
  });

  it('releases a failed call in full, once', async () => {
    const u = newUser();
    await wallet.credit(deps, { openid: u, amount: YUAN, outTradeNo: `${u}-t` });
    await wallet.hold(deps, { openid: u, amount: 5000, requestId: `${u}-h`, expiresAt: inMinutes(10) });
    expect(await wallet.release(deps, { openid: u, requestId: `${u}-h` })).toMatchObject({ balance: YUAN, held: 0, replayed: false });
    expect(await wallet.release(deps, { openid: u, requestId: `${u}-h` })).toMatchObject({ held: 0, replayed: true });
    await expect(wallet.settle(deps, { openid: u, requestId: `${u}-h`, actual: 1 })).rejects.toMatchObject({ code: 'HOLD_NOT_OPEN' });
  });
});

describe('refunds', () => {
  it('debits only the unspent balance, and restores exactly what was debited', async () => {
    const u = newUser();
    await wallet.credit(deps, { openid: u, amount: 30 * YUAN, outTradeNo: `${u}-t` });
    await wallet.hold(deps, { openid: u, amount: 25 * YUAN, requestId: `${u}-h`, expiresAt: inMinutes(10) });
    await expect(wallet.refundDebit(deps, { openid: u, amount: 6 * YUAN, outRefundNo: `${u}-R1` })).rejects.toMatchObject({
      code: 'REFUND_EXCEEDS_BALANCE',
    });
    expect(await wallet.refundDebit(deps, { openid: u, amount: 5 * YUAN, outRefundNo: `${u}-R1` })).toMatchObject({
      balance: 25 * YUAN,
      available: 0,
    });
    expect(await wallet.refundRestore(deps, { openid: u, outRefundNo: `${u}-R1` })).toMatchObject({ balance: 30 * YUAN });
    expect(await wallet.refundRestore(deps, { openid: u, outRefundNo: `${u}-R1` })).toMatchObject({ balance: 30 * YUAN, replayed: true });
    await expect(wallet.refundRestore(deps, { openid: u, outRefundNo: 'never-debited' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expectConsistent();
  });
});

describe('adjust', () => {
  it('corrects a balance with a reason and writes an audit record', async () => {
    const u = newUser();
    await wallet.credit(deps, { openid: u, amount: 5 * YUAN, outTradeNo: `${u}-t` });
    await wallet.adjust(deps, { openid: u, amount: -2 * YUAN, reason: '重复充值补偿冲正', actor: 'boss', requestId: `${u}-adj1` });
    expect(await getWallet(deps, u)).toMatchObject({ balance: 3 * YUAN });
    expect(await getDoc(db, AUDIT, `adjust:${u}-adj1`)).toMatchObject({
      action: 'users.adjust',
      actor: 'boss',
      openid: u,
      amount: -2 * YUAN,
      before: { balance: 5 * YUAN },
      after: { balance: 3 * YUAN },
    });
  });

  it('cannot push the balance below zero or below what is held', async () => {
    const u = newUser();
    await wallet.credit(deps, { openid: u, amount: 5 * YUAN, outTradeNo: `${u}-t` });
    await wallet.hold(deps, { openid: u, amount: 2 * YUAN, requestId: `${u}-h`, expiresAt: inMinutes(10) });
    const before = snapshot();
    await expect(
      wallet.adjust(deps, { openid: u, amount: -3 * YUAN - 1, reason: 'too much', actor: 'boss', requestId: `${u}-a` }),
    ).rejects.toMatchObject({
      code: 'ADJUST_WOULD_OVERDRAW',
    });
    await expect(
      wallet.adjust(deps, { openid: newUser(), amount: -1, reason: 'no wallet', actor: 'boss', requestId: `${u}-b` }),
    ).rejects.toMatchObject({
      code: 'ADJUST_WOULD_OVERDRAW',
    });
    expect(snapshot()).toBe(before);
  });
});

describe('statement', () => {
  it('lists newest first and pages with a cursor without gaps or repeats', async () => {
    const u = newUser();
    for (let i = 1; i <= 7; i++) await wallet.credit(deps, { openid: u, amount: i * YUAN, outTradeNo: `${u}-t${i}` });
    const first = await statement(deps, u, { limit: 3 });
    expect(first.entries.map((e) => e.amount)).toEqual([7, 6, 5].map((n) => n * YUAN));
    const second = await statement(deps, u, { limit: 3, cursor: first.nextCursor! });
    const third = await statement(deps, u, { limit: 3, cursor: second.nextCursor! });
    expect([...second.entries, ...third.entries].map((e) => e.amount)).toEqual([4, 3, 2, 1].map((n) => n * YUAN));
    expect(third.nextCursor).toBeNull();
    expect(first.entries[0]).toMatchObject({
      kind: 'topup',
      ref: `${u}-t7`,
      balanceAfter: 28 * YUAN,
      createdAt: deps.clock.now().toISOString(),
    });
    await expect(statement(deps, u, { cursor: 'garbage' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('concurrency', () => {
  it('lets exactly 100 of 500 concurrent holds of 1 through on a wallet of 100', async () => {
    const u = newUser();
    await wallet.credit(deps, { openid: u, amount: 100, outTradeNo: `${u}-t` });
    const results = await Promise.allSettled(
      Array.from({ length: 500 }, (_x, i) =>
        wallet.hold(deps, { openid: u, amount: 1, requestId: `${u}-c${i}`, expiresAt: inMinutes(10) }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(ok).toHaveLength(100);
    expect(refused).toHaveLength(400);
    expect(refused.every((r) => (r.reason as { code?: string }).code === 'INSUFFICIENT_BALANCE')).toBe(true);
    expect(await getWallet(deps, u)).toEqual({ balance: 100, held: 100, available: 0 });
    await expectConsistent();
  });

  it('credits once when the same top-up arrives 50 times at once', async () => {
    const u = newUser();
    await Promise.all(Array.from({ length: 50 }, () => wallet.credit(deps, { openid: u, amount: 6 * YUAN, outTradeNo: `${u}-dup` })));
    expect(await getWallet(deps, u)).toMatchObject({ balance: 6 * YUAN });
  });
});

describe('crashes between steps', () => {
  type Op = (tx: Tx, now: Date) => Promise<unknown>;

  async function crashEveryStep(name: string, op: Op): Promise<number> {
    const now = deps.clock.now();
    for (let step = 0; ; step++) {
      const before = snapshot();
      let calls = 0;
      try {
        await inTransaction(db, async (tx) => {
          const faulty = crashingTx(tx, step);
          try {
            return await op(faulty.tx, now);
          } finally {
            calls = faulty.calls();
          }
        });
        return step; // no crash: the operation has fewer steps than `step`
      } catch (error) {
        if (!(error instanceof InjectedCrash)) throw error;
        expect({ name, step, state: snapshot() }).toEqual({ name, step, state: before });
      }
      expect(calls).toBeGreaterThan(step);
    }
  }

  it('leaves no partial state whichever step of whichever operation fails, and the sweeper cleans up', async () => {
    const u = newUser();
    await wallet.credit(deps, { openid: u, amount: 10 * YUAN, outTradeNo: `${u}-seed` });
    await wallet.hold(deps, { openid: u, amount: YUAN, requestId: `${u}-to-settle`, expiresAt: inMinutes(10) });
    await wallet.hold(deps, { openid: u, amount: YUAN, requestId: `${u}-to-release`, expiresAt: inMinutes(10) });
    await wallet.refundDebit(deps, { openid: u, amount: YUAN, outRefundNo: `${u}-rf` });

    const ops: Array<[string, Op]> = [
      ['credit', (tx, now) => creditTx(tx, { openid: u, amount: YUAN, outTradeNo: `${u}-c` }, now)],
      ['hold', (tx, now) => holdTx(tx, { openid: u, amount: YUAN, requestId: `${u}-crashed-chat`, expiresAt: inMinutes(10) }, now)],
      ['settle', (tx, now) => settleTx(tx, { openid: u, requestId: `${u}-to-settle`, actual: 1234 }, now)],
      ['release', (tx, now) => releaseTx(tx, { openid: u, requestId: `${u}-to-release` }, now)],
      ['refundDebit', (tx, now) => refundDebitTx(tx, { openid: u, amount: YUAN, outRefundNo: `${u}-rf2` }, now)],
      ['refundRestore', (tx, now) => refundRestoreTx(tx, { openid: u, outRefundNo: `${u}-rf` }, now)],
      ['adjust', (tx, now) => adjustTx(tx, { openid: u, amount: -YUAN, reason: 'test', actor: 'boss', requestId: `${u}-adj` }, now)],
    ];
    for (const [name, op] of ops) {
      const steps = await crashEveryStep(name, op);
      expect(steps).toBeGreaterThanOrEqual(4); // at least: read entry, read wallet, write entry, write wallet
    }
    await expectConsistent();

    // The chat whose hold went through then "crashed" never settles: the timer gives the money back.
    expect((await getWallet(deps, u)).held).toBe(YUAN);
    deps.clock.advance(11 * 60_000);
    expect((await releaseExpiredHolds(deps)).released).toBeGreaterThanOrEqual(1); // other tests' holds expire too
    expect((await getWallet(deps, u)).held).toBe(0);
    expect(await getDoc(db, LEDGER, `release:${u}-crashed-chat`)).toMatchObject({ kind: 'release', reason: 'expired' });
    await expectConsistent();
  });
});

describe('hold expiry', () => {
  it('releases only expired, unsettled holds', async () => {
    const u = newUser();
    await wallet.credit(deps, { openid: u, amount: 10 * YUAN, outTradeNo: `${u}-t` });
    await wallet.hold(deps, { openid: u, amount: YUAN, requestId: `${u}-old`, expiresAt: inMinutes(1) });
    await wallet.hold(deps, { openid: u, amount: YUAN, requestId: `${u}-settled`, expiresAt: inMinutes(1) });
    await wallet.hold(deps, { openid: u, amount: YUAN, requestId: `${u}-fresh`, expiresAt: inMinutes(30) });
    await wallet.settle(deps, { openid: u, requestId: `${u}-settled`, actual: 100 });
    deps.clock.advance(2 * 60_000);
    const { released } = await releaseExpiredHolds(deps);
    expect(released).toBeGreaterThanOrEqual(1);
    expect(await getDoc<HoldDoc>(db, HOLDS, `${u}-old`)).toMatchObject({ status: 'released', closeReason: 'expired' });
    expect(await getDoc<HoldDoc>(db, HOLDS, `${u}-fresh`)).toMatchObject({ status: 'open' });
    expect(await getWallet(deps, u)).toEqual({ balance: 10 * YUAN - 100, held: YUAN, available: 9 * YUAN - 100 });
    await expectConsistent();
  });
});

describe('invariant check', () => {
  it('reports a wallet whose balance no longer matches its ledger', async () => {
    const u = newUser();
    await wallet.credit(deps, { openid: u, amount: YUAN, outTradeNo: `${u}-t` });
    await db
      .collection(WALLETS)
      .doc(u)
      .update({ data: { balance: 2 * YUAN } });
    const { violations } = await checkLedgerInvariant(db);
    expect(violations).toContainEqual({ openid: u, problem: `balance ${2 * YUAN} != ledger sum ${YUAN}` });
    await db
      .collection(WALLETS)
      .doc(u)
      .update({ data: { balance: YUAN } });
    await expectConsistent();
    expect((await getDoc<LedgerEntry>(db, LEDGER, `topup:${u}-t`))!.fingerprint).toContain('topup');
  });
});
