/**
 * A chat's settlement is one round of writes sent together (settle-reserved.ts): the ledger entry, the
 * wallet's conditional write, the answer. A process that dies inside that round can leave any subset
 * of them written. For each of the eight, after the timer: the invariant holds, nothing stays held, and
 * the user is charged exactly when the answer was kept. And when the wallet moved between hold and
 * settlement, the one write is refused and the transaction settles instead, exactly.
 */
import { acceptConsent } from '../../shared/chat/consent';
import { chatHoldOutcome, failInterruptedChats } from '../../shared/chat/jobs';
import { sendChat } from '../../shared/chat/send';
import type { Provider } from '../../shared/llm/types';
import { getDoc } from '../../shared/platform/database';
import { checkWalletInvariant } from '../../shared/wallet/invariant';
import { getWallet, wallet } from '../../shared/wallet/service';
import { fileUnfiledEntries } from '../../shared/wallet/settle-reserved';
import { releaseExpiredHolds } from '../../shared/wallet/sweeper';
import { localCloud, testDeps } from '../support/cloud';

const { db, engine } = localCloud({ transactionIdleMs: 200 });
let modelDone = false;
let duringModel: (() => Promise<void>) | undefined;
const provider: Provider = {
  id: 'default',
  async complete(_req, _limits, onText) {
    if (duringModel) await duringModel();
    onText('好的，明白了。');
    modelDone = true;
    return { text: '好的，明白了。', usage: { input: 30, cachedInput: 0, output: 8 }, finishReason: 'stop' };
  },
};
const deps = testDeps(db, { providers: new Map([['default', provider]]), config: { rateLimitPerMinute: 100_000 } });
let n = 0;
const uuid = () => `60000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const FUNDS = 10_000_000;

async function user(openid: string): Promise<void> {
  await acceptConsent(deps, openid, '2026-11', true);
  await wallet.credit(deps, { openid, amount: FUNDS, outTradeNo: `seed-${openid}` });
}

type Target = 'ledger' | 'wallets' | 'messages';
const TARGETS: Target[] = ['ledger', 'wallets', 'messages'];
const WRITES = new Set(['database.insertDocument', 'database.modifyDocument', 'database.modifyAndReturnDoc', 'database.removeDocument']);

describe('the settlement round, cut anywhere', () => {
  const subsets = Array.from({ length: 8 }, (_x, mask) => TARGETS.filter((_t, i) => mask & (1 << i)));
  it.each(subsets.map((landed) => [landed.join('+') || 'nothing', landed] as const))(
    'only %s landed: the timer leaves the wallet exact',
    async (_name, landed) => {
      const openid = `cut-${landed.join('-') || 'none'}`;
      await user(openid);
      const requestId = uuid();
      const original = engine.send.bind(engine);
      modelDone = false;
      let dead = false;
      // After the model: the writes of the settlement round outside `landed` are lost, and the process
      // dies — nothing after that round happens.
      engine.send = async (action, params) => {
        if (modelDone && !dead && WRITES.has(action)) {
          const target = (params as { collectionName?: string }).collectionName as Target;
          if (TARGETS.includes(target) && !landed.includes(target)) throw new Error('process killed');
        }
        if (dead) throw new Error('process killed');
        return original(action, params);
      };
      await sendChat(deps, openid, { requestId, text: '我叫张伟，帮我写个请假条' }).catch(() => undefined);
      dead = true;
      await new Promise((resolve) => setTimeout(resolve, 20));
      engine.send = original;

      deps.clock.advance(700_000); // past the hold's time to live and the interrupted-chat threshold
      await releaseExpiredHolds(deps, chatHoldOutcome(deps));
      await failInterruptedChats(deps);
      expect(await checkWalletInvariant(db, openid)).toEqual([]);
      // The entries a wallet write carried are filed in the ledger, and the copies go.
      await fileUnfiledEntries(db);
      const filed = await getDoc<{ unfiled?: object; unfiledCount?: number }>(db, 'wallets', openid);
      expect(filed?.unfiledCount ?? 0).toBe(0);
      expect(Object.keys(filed?.unfiled ?? {})).toEqual([]);

      expect(await checkWalletInvariant(db, openid)).toEqual([]);
      const after = await getWallet(deps, openid);
      expect(after.held).toBe(0);
      const message = await getDoc<{ status: string; cost?: number; reply?: string }>(db, 'messages', requestId);
      expect(message).not.toBeNull();
      if (message!.status === 'done' || message!.status === 'stopped') {
        expect(message!.cost).toBeGreaterThan(0);
        expect(after.balance).toBe(FUNDS - message!.cost!);
      } else {
        expect(message!.status).toBe('failed');
        expect(after.balance).toBe(FUNDS);
      }
      // The stored answer decides: written ⇒ kept and charged once.
      if (landed.includes('messages')) expect(message!.status).toBe('done');
      if (landed.includes('wallets') && !landed.includes('messages')) expect(message!.status).toBe('stopped');
    },
  );
});

describe('the answer’s own write', () => {
  it('fails once and is tried again: stored as done, charged once', async () => {
    const openid = 'answer-retried';
    await user(openid);
    const original = engine.send.bind(engine);
    modelDone = false;
    let failed = 0;
    engine.send = async (action, params) => {
      const target = (params as { collectionName?: string }).collectionName;
      if (modelDone && failed === 0 && action === 'database.modifyDocument' && target === 'messages') {
        failed += 1;
        throw new Error('network blip');
      }
      return original(action, params);
    };
    const requestId = uuid();
    const answer = await sendChat(deps, openid, { requestId, text: '你好' }).finally(() => (engine.send = original));
    expect(failed).toBe(1);
    expect(answer.status).toBe('done');
    expect(await getDoc(db, 'messages', requestId)).toMatchObject({ status: 'done', cost: answer.cost });
    expect(await getWallet(deps, openid)).toMatchObject({ balance: FUNDS - answer.cost!, held: 0 });
    expect(await checkWalletInvariant(db, openid)).toEqual([]);
  });
});

describe('the entry copies a wallet carries', () => {
  it('each settlement drops the copies already filed: a busy wallet carries one, not one per chat', async () => {
    const openid = 'busy';
    await user(openid);
    for (let i = 0; i < 6; i++) await sendChat(deps, openid, { requestId: uuid(), text: `第${i}个问题` });
    const w = await getDoc<{ unfiled?: Record<string, unknown>; unfiledCount?: number }>(db, 'wallets', openid);
    expect(Object.keys(w?.unfiled ?? {})).toHaveLength(1);
    expect(w?.unfiledCount).toBe(1);
    expect(await checkWalletInvariant(db, openid)).toEqual([]);
  });
});

describe('the settlement when the wallet moved meanwhile', () => {
  it('a top-up during the answer: the one write is refused, the transaction settles, the entry is the wallet’s', async () => {
    const openid = 'moved-topup';
    await user(openid);
    duringModel = async () => {
      await wallet.credit(deps, { openid, amount: 5_000_000, outTradeNo: 'during-answer' });
    };
    const answer = await sendChat(deps, openid, { requestId: uuid(), text: '你好' });
    duringModel = undefined;
    expect(answer.status).toBe('done');
    expect(answer.balance).toBe(FUNDS + 5_000_000 - answer.cost!);
    expect(await checkWalletInvariant(db, openid)).toEqual([]);
    const w = await getWallet(deps, openid);
    expect(w).toMatchObject({ balance: answer.balance, held: 0 });
  });

  it('two chats of one user at once: both charged exactly once', async () => {
    const openid = 'moved-twice';
    await user(openid);
    const [a, b] = await Promise.all([
      sendChat(deps, openid, { requestId: uuid(), text: '第一个问题' }),
      sendChat(deps, openid, { requestId: uuid(), text: '第二个问题' }),
    ]);
    expect(await checkWalletInvariant(db, openid)).toEqual([]);
    const w = await getWallet(deps, openid);
    expect(w).toMatchObject({ balance: FUNDS - a.cost! - b.cost!, held: 0 });
  });

  it('a settlement whose wallet write is refused leaves no stray entry behind', async () => {
    const openid = 'moved-entry';
    await user(openid);
    duringModel = async () => {
      await wallet.credit(deps, { openid, amount: 1, outTradeNo: 'one-micro' });
    };
    const requestId = uuid();
    await sendChat(deps, openid, { requestId, text: '你好' });
    duringModel = undefined;
    const entry = await getDoc<{ version: number; balanceAfter: number }>(db, 'ledger', `settle:${requestId}`);
    const w = await getWallet(deps, openid);
    // The entry is the transaction's: the wallet's figures after it, not the ones guessed at the hold.
    expect(entry).toMatchObject({ balanceAfter: w.balance });
  });
});
