/**
 * The chat's fast path (the hold as one conditional write of the wallet, reserve.ts) keeps money exact:
 * 500 chats at once on one wallet, duplicates of one requestId, a crash before every database step
 * (then the timer), and random sequences of wallet operations against a model.
 */
import fc from 'fast-check';
import { acceptConsent } from '../../shared/chat/consent';
import { chatHoldOutcome, failInterruptedChats } from '../../shared/chat/jobs';
import { sendChat } from '../../shared/chat/send';
import type { Provider } from '../../shared/llm/types';
import { isAppError } from '../../shared/platform/errors';
import { checkLedgerInvariant, checkWalletInvariant } from '../../shared/wallet/invariant';
import { releaseReserved, reserveInWallet } from '../../shared/wallet/reserve';
import { countOf, getDoc, inTransaction } from '../../shared/platform/database';
import { settleReservedTx } from '../../shared/wallet/operations';
import { getWallet, wallet } from '../../shared/wallet/service';
import { fileUnfiledEntries } from '../../shared/wallet/settle-reserved';
import { releaseExpiredHolds } from '../../shared/wallet/sweeper';
import type { WalletDoc } from '../../shared/wallet/documents';
import { localCloud, testDeps } from '../support/cloud';

// A transaction cut off by a crash is aborted after 200 ms (CloudBase's own timeout is longer).
const { db, engine } = localCloud({ transactionIdleMs: 200 });
let gate: Promise<void> | null = null;
let calls = 0;
const provider: Provider = {
  id: 'default',
  async complete(_req, _limits, onText) {
    calls += 1;
    if (gate) await gate;
    onText('好的。');
    return { text: '好的。', usage: { input: 50, cachedInput: 0, output: 10 }, finishReason: 'stop' };
  },
};
const deps = testDeps(db, { providers: new Map([['default', provider]]), config: { rateLimitPerMinute: 100_000, holdTtlSeconds: 60 } });
let n = 0;
const uuid = () => `40000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

async function user(openid: string, micro: number): Promise<void> {
  await acceptConsent(deps, openid, '2026-11', true);
  if (micro > 0) await wallet.credit(deps, { openid, amount: micro, outTradeNo: `seed-${openid}` });
}

/** The hold this prompt takes (learned from a refusal on an empty wallet). */
async function holdFor(text: string): Promise<number> {
  await user('probe', 0);
  try {
    await sendChat(deps, 'probe', { requestId: uuid(), text });
  } catch (error) {
    if (isAppError(error) && error.code === 'INSUFFICIENT_BALANCE') return (error.details as { required: number }).required;
    throw error;
  }
  throw new Error('expected a refusal');
}

it('500 chats at once on a wallet that covers 100 holds: exactly 100 reach the model, the rest are refused and store nothing', async () => {
  const text = '帮我写一句生日祝福';
  const hold = await holdFor(text);
  await user('crowd', hold * 100);
  let release!: () => void;
  gate = new Promise((r) => (release = r));
  calls = 0;
  const before = await countOf(db.collection('messages').where({ openid: 'crowd' }));
  const runs = Array.from({ length: 500 }, () =>
    sendChat(deps, 'crowd', { requestId: uuid(), text }).then(
      () => 'done',
      (e: unknown) => e,
    ),
  );
  // Everyone has either held (and waits at the model) or been refused.
  const outcomes: unknown[] = [];
  const refused = Promise.all(runs.map((p) => p.then((o) => outcomes.push(o))));
  for (let i = 0; i < 200 && calls + outcomes.length < 500; i++) await new Promise((r) => setTimeout(r, 25));
  expect(calls).toBe(100);
  release();
  await refused;
  gate = null;
  expect(outcomes.filter((o) => o === 'done')).toHaveLength(100);
  expect(outcomes.filter((o) => isAppError(o) && o.code === 'INSUFFICIENT_BALANCE')).toHaveLength(400);
  // Refused chats stored nothing: 100 messages, 100 conversations.
  expect((await countOf(db.collection('messages').where({ openid: 'crowd' }))) - before).toBe(100);
  expect(await checkWalletInvariant(db, 'crowd')).toEqual([]);
  expect((await getWallet(deps, 'crowd')).held).toBe(0);
}, 60_000);

it('twenty copies of one requestId reach the model once and are charged once', async () => {
  await user('dup', 10_000_000);
  calls = 0;
  const requestId = uuid();
  const answers = await Promise.all(Array.from({ length: 20 }, () => sendChat(deps, 'dup', { requestId, text: '同一个问题' })));
  expect(calls).toBe(1);
  const done = answers.find((a) => a.status === 'done')!;
  expect((await getWallet(deps, 'dup')).balance).toBe(10_000_000 - done.cost!);
  // A late copy after the answer returns the stored one.
  expect(await sendChat(deps, 'dup', { requestId, text: '同一个问题' })).toMatchObject({ status: 'done', cost: done.cost });
  expect(calls).toBe(1);
  expect(await checkWalletInvariant(db, 'dup')).toEqual([]);
});

it('a crash before any database step of a chat loses nothing and charges nothing twice (after the timer)', async () => {
  // Count the steps of one chat, then crash before each of them in turn.
  await user('steps', 10_000_000);
  const start = engine.stats.requests;
  await sendChat(deps, 'steps', { requestId: uuid(), text: '数一数' });
  const steps = engine.stats.requests - start;
  expect(steps).toBeGreaterThan(5);
  const original = engine.send.bind(engine);
  for (let crashAt = 0; crashAt < steps; crashAt++) {
    const openid = `crash-${crashAt}`;
    await user(openid, 10_000_000);
    const requestId = uuid();
    let seenRequests = 0;
    // The process dies before its crashAt-th request: that one and every later one never happen.
    engine.send = async (action, params) => {
      if (seenRequests++ >= crashAt) throw new Error('process killed');
      return original(action, params);
    };
    await sendChat(deps, openid, { requestId, text: '数一数' }).catch(() => undefined);
    engine.send = original;
    // The timer, after the hold's time to live.
    deps.clock.advance(61_000);
    await releaseExpiredHolds(deps, chatHoldOutcome(deps));
    await failInterruptedChats(deps);
    expect(await checkWalletInvariant(db, openid)).toEqual([]);
    await fileUnfiledEntries(db);
    expect(await checkWalletInvariant(db, openid)).toEqual([]);
    const after = await getWallet(deps, openid);
    expect(after.held).toBe(0);
    const message = await getDoc<{ status: string; cost?: number; reply?: string }>(db, 'messages', requestId);
    // Either charged for a stored answer (done; or kept as stopped when the settlement landed and the
    // answer's own write did not), or not charged at all (and no partial answer kept).
    const kept = message?.status === 'done' || message?.status === 'stopped';
    if (kept) expect(after.balance).toBe(10_000_000 - message.cost!);
    else {
      expect(after.balance).toBe(10_000_000);
      expect(message?.reply).toBeUndefined();
    }
    // A retry with the same requestId ends with one charge.
    const retry = await sendChat(deps, openid, { requestId, text: '数一数' });
    expect(retry.status).toBe(kept ? message.status : 'done');
    expect((await getWallet(deps, openid)).balance).toBe(10_000_000 - retry.cost!);
    expect(await checkWalletInvariant(db, openid)).toEqual([]);
  }
}, 120_000);

it('random sequences of chat holds, settlements, releases, credits and refunds keep the invariant', async () => {
  type Cmd =
    | { t: 'credit'; amount: number }
    | { t: 'reserve'; amount: number }
    | { t: 'again'; pick: number }
    | { t: 'settle'; pick: number; fraction: number }
    | { t: 'release'; pick: number }
    | { t: 'refund'; amount: number }
    | { t: 'expire' };
  const amount = fc.integer({ min: 1, max: 3_000_000 });
  const cmd: fc.Arbitrary<Cmd> = fc.oneof(
    fc.record({ t: fc.constant('credit' as const), amount }),
    fc.record({ t: fc.constant('reserve' as const), amount }),
    fc.record({ t: fc.constant('again' as const), pick: fc.nat() }),
    fc.record({ t: fc.constant('settle' as const), pick: fc.nat(), fraction: fc.double({ min: 0, max: 1.2, noNaN: true }) }),
    fc.record({ t: fc.constant('release' as const), pick: fc.nat() }),
    fc.record({ t: fc.constant('refund' as const), amount }),
    fc.constant({ t: 'expire' as const }),
  );
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(cmd, { minLength: 1, maxLength: 20 }), async (cmds) => {
      const openid = `reserve-${++run}`;
      const model = { balance: 0, held: 0 };
      const holds: Array<{ id: string; amount: number; open: boolean; settled?: boolean; charged?: number; expiresAt: number }> = [];
      let k = 0;
      for (const c of cmds) {
        const now = deps.clock.now();
        const seen = await getDoc<WalletDoc>(db, 'wallets', openid);
        const pick = (i: number) => (holds.length ? holds[i % holds.length] : undefined);
        switch (c.t) {
          case 'credit':
            await wallet.credit(deps, { openid, amount: c.amount, outTradeNo: `${openid}-${++k}` });
            model.balance += c.amount;
            break;
          case 'reserve': {
            const id = `${openid}-h${++k}`;
            const expiresAt = new Date(now.getTime() + 60_000);
            const r = await reserveInWallet(db, { openid, holdId: id, amount: c.amount, expiresAt, now, seen, rateLimitPerMinute: 1e9 });
            expect(r.ok).toBe(model.balance - model.held >= c.amount);
            if (r.ok) {
              model.held += c.amount;
              holds.push({ id, amount: c.amount, open: true, expiresAt: expiresAt.getTime() });
            }
            break;
          }
          case 'again': {
            const h = pick(c.pick);
            if (!h) break;
            const expiresAt = new Date(now.getTime() + 60_000);
            const r = await reserveInWallet(db, { openid, holdId: h.id, amount: h.amount, expiresAt, now, seen, rateLimitPerMinute: 1e9 });
            // Open or settled: a duplicate. Released (nothing charged): the requestId may hold again.
            if (h.open || h.settled) expect(r).toEqual({ ok: false, why: 'duplicate' });
            else {
              expect(r.ok).toBe(model.balance - model.held >= h.amount);
              if (r.ok) {
                model.held += h.amount;
                h.open = true;
                h.expiresAt = expiresAt.getTime();
              }
            }
            break;
          }
          case 'settle': {
            const h = pick(c.pick);
            if (!h) break;
            const actual = Math.floor(h.amount * c.fraction);
            // Settling a settled hold again with the same amount is a replay: it succeeds and changes nothing.
            const replay = !h.open && h.settled === true && h.charged === actual;
            try {
              await inTransaction(db, (tx) => settleReservedTx(tx, { openid, holdId: h.id, actual }, now));
              expect((h.open && actual <= h.amount) || replay).toBe(true);
              if (!replay) {
                model.balance -= actual;
                model.held -= h.amount;
                h.open = false;
                h.settled = true;
                h.charged = actual;
              }
            } catch (error) {
              if (!isAppError(error)) throw error;
              expect((h.open && actual <= h.amount) || replay).toBe(false);
            }
            break;
          }
          case 'release': {
            const h = pick(c.pick);
            if (!h) break;
            const released = await releaseReserved(db, { openid, holdId: h.id, amount: h.amount, now });
            expect(released).toBe(h.open);
            if (released) {
              model.held -= h.amount;
              h.open = false;
            }
            break;
          }
          case 'refund':
            try {
              await wallet.refundDebit(deps, { openid, amount: c.amount, outRefundNo: `${openid}-r${++k}` });
              expect(model.balance - model.held >= c.amount).toBe(true);
              model.balance -= c.amount;
            } catch (error) {
              if (!isAppError(error)) throw error;
              expect(model.balance - model.held >= c.amount).toBe(false);
            }
            break;
          case 'expire':
            deps.clock.advance(61_000);
            await releaseExpiredHolds(deps, chatHoldOutcome(deps));
            for (const h of holds)
              if (h.open && h.expiresAt <= deps.clock.now().getTime()) {
                model.held -= h.amount;
                h.open = false;
              }
            break;
        }
        expect(await checkWalletInvariant(db, openid)).toEqual([]);
        expect(await getWallet(deps, openid)).toEqual({ balance: model.balance, held: model.held, available: model.balance - model.held });
      }
    }),
    { numRuns: 60 },
  );
  expect((await checkLedgerInvariant(db)).violations).toEqual([]);
}, 120_000);
