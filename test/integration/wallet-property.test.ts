/**
 * Property: any sequence of wallet operations — including retries of earlier ones, reuse of a key
 * with other arguments, and expiry sweeps — keeps the ledger invariant after every step and agrees
 * with a plain model of what the balance and the held amount must be.
 */
import fc from 'fast-check';
import { isAppError } from '../../shared/platform/errors';
import { checkWalletInvariant } from '../../shared/wallet/invariant';
import { getWallet, wallet } from '../../shared/wallet/service';
import { releaseExpiredHolds } from '../../shared/wallet/sweeper';
import { localCloud, testDeps } from '../support/cloud';

const { db } = localCloud();
const deps = testDeps(db);

type Cmd =
  | { t: 'credit'; amount: number }
  | { t: 'hold'; amount: number; ttlMin: number }
  | { t: 'settle'; pick: number; fraction: number }
  | { t: 'release'; pick: number }
  | { t: 'refundDebit'; amount: number }
  | { t: 'refundRestore'; pick: number }
  | { t: 'adjust'; amount: number }
  | { t: 'retry'; pick: number }
  | { t: 'conflict'; pick: number }
  | { t: 'expire'; minutes: number };

const amount = fc.integer({ min: 1, max: 5_000_000 });
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ t: fc.constant('credit' as const), amount }),
  fc.record({ t: fc.constant('hold' as const), amount, ttlMin: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ t: fc.constant('settle' as const), pick: fc.nat(), fraction: fc.double({ min: 0, max: 1.2, noNaN: true }) }),
  fc.record({ t: fc.constant('release' as const), pick: fc.nat() }),
  fc.record({ t: fc.constant('refundDebit' as const), amount }),
  fc.record({ t: fc.constant('refundRestore' as const), pick: fc.nat() }),
  fc.record({ t: fc.constant('adjust' as const), amount: fc.integer({ min: -5_000_000, max: 5_000_000 }).filter((n) => n !== 0) }),
  fc.record({ t: fc.constant('retry' as const), pick: fc.nat() }),
  fc.record({ t: fc.constant('conflict' as const), pick: fc.nat() }),
  fc.record({ t: fc.constant('expire' as const), minutes: fc.integer({ min: 1, max: 30 }) }),
);

let run = 0;

test('random operation sequences keep the invariant and match the model', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(cmd, { minLength: 1, maxLength: 25 }), async (cmds) => {
      const openid = `prop-${++run}`;
      const model = { balance: 0, held: 0 };
      const holds = new Map<
        string,
        { amount: number; expiresAt: number; open: boolean; closedBy?: 'settle' | 'release'; charged?: number }
      >();
      const refunds = new Map<string, { amount: number; restored: boolean }>();
      const done: Array<() => Promise<unknown>> = [];
      const creditKeys: Array<{ key: string; amount: number }> = [];
      let n = 0;
      const key = () => `${openid}-${++n}`;
      const pickOf = <T>(xs: T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);

      const attempt = async (op: () => Promise<unknown>, expectOk: boolean, apply: () => void) => {
        try {
          await op();
          if (!expectOk) throw new Error('expected a refusal');
          apply();
          done.push(op);
        } catch (error) {
          if (!isAppError(error)) throw error;
          if (expectOk) throw new Error(`unexpected refusal ${error.code}: ${error.message}`, { cause: error });
        }
      };

      for (const c of cmds) {
        const available = model.balance - model.held;
        switch (c.t) {
          case 'credit': {
            const k = key();
            creditKeys.push({ key: k, amount: c.amount });
            await attempt(
              () => wallet.credit(deps, { openid, amount: c.amount, outTradeNo: k }),
              true,
              () => (model.balance += c.amount),
            );
            break;
          }
          case 'hold': {
            const k = key();
            const expiresAt = new Date(deps.clock.now().getTime() + c.ttlMin * 60_000);
            await attempt(
              () => wallet.hold(deps, { openid, amount: c.amount, requestId: k, expiresAt }),
              c.amount <= available,
              () => {
                model.held += c.amount;
                holds.set(k, { amount: c.amount, expiresAt: expiresAt.getTime(), open: true });
              },
            );
            break;
          }
          case 'settle': {
            const k = pickOf([...holds.keys()], c.pick);
            if (!k) break;
            const h = holds.get(k)!;
            const actual = Math.floor(h.amount * c.fraction);
            // Settling again with the same amount is a replay; with another amount a conflict.
            const replay = h.closedBy === 'settle' && h.charged === actual;
            await attempt(
              () => wallet.settle(deps, { openid, requestId: k, actual }),
              (h.open && actual <= h.amount) || replay,
              () => {
                if (replay) return;
                model.balance -= actual;
                model.held -= h.amount;
                h.open = false;
                h.closedBy = 'settle';
                h.charged = actual;
              },
            );
            break;
          }
          case 'release': {
            const k = pickOf([...holds.keys()], c.pick);
            if (!k) break;
            const h = holds.get(k)!;
            await attempt(
              () => wallet.release(deps, { openid, requestId: k }),
              h.open || h.closedBy === 'release',
              () => {
                if (!h.open) return; // a replay of the release (or of the expiry's)
                model.held -= h.amount;
                h.open = false;
                h.closedBy = 'release';
              },
            );
            break;
          }
          case 'refundDebit': {
            const k = key();
            await attempt(
              () => wallet.refundDebit(deps, { openid, amount: c.amount, outRefundNo: k }),
              c.amount <= available,
              () => {
                model.balance -= c.amount;
                refunds.set(k, { amount: c.amount, restored: false });
              },
            );
            break;
          }
          case 'refundRestore': {
            const k = pickOf([...refunds.keys()], c.pick);
            if (!k) break;
            const r = refunds.get(k)!;
            // A restore is idempotent: a second one is a replay, not a second credit.
            await attempt(
              () => wallet.refundRestore(deps, { openid, outRefundNo: k }),
              true,
              () => {
                if (!r.restored) model.balance += r.amount;
                r.restored = true;
              },
            );
            break;
          }
          case 'adjust': {
            const k = key();
            await attempt(
              () => wallet.adjust(deps, { openid, amount: c.amount, reason: 'property', actor: 'boss', requestId: k }),
              model.balance + c.amount >= model.held,
              () => (model.balance += c.amount),
            );
            break;
          }
          case 'retry': {
            const op = pickOf(done, c.pick);
            if (op) await op(); // a replay: must succeed and change nothing
            break;
          }
          case 'conflict': {
            const prior = pickOf(creditKeys, c.pick);
            if (!prior) break;
            await expect(wallet.credit(deps, { openid, amount: prior.amount + 1, outTradeNo: prior.key })).rejects.toMatchObject({
              code: 'IDEMPOTENCY_CONFLICT',
            });
            break;
          }
          case 'expire': {
            deps.clock.advance(c.minutes * 60_000);
            await releaseExpiredHolds(deps);
            for (const h of holds.values()) {
              if (h.open && h.expiresAt <= deps.clock.now().getTime()) {
                h.open = false;
                h.closedBy = 'release';
                model.held -= h.amount;
              }
            }
            break;
          }
        }
        expect(await checkWalletInvariant(db, openid)).toEqual([]);
        const w = await getWallet(deps, openid);
        expect({ balance: w.balance, held: w.held }).toEqual(model);
        expect(w.available).toBeGreaterThanOrEqual(0);
      }
    }),
    { numRuns: 60 },
  );
});
