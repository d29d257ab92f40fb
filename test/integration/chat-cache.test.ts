/**
 * The response cache (issue 12 §5), through the local stack: a model that enables it answers one user's
 * exact repeat of a turn from the cache — no model call, charged the model's share, marked on the
 * message and the ledger. Never shared between users, keyed by the whole anonymized input, expired after
 * min(30 days, RETENTION_DAYS), erased with the user's data and by the retention purge.
 */
import cloud = require('wx-server-sdk');
import type { LocalStack } from '../../local/stack';
import { purgeRawTexts } from '../../shared/chat/jobs';
import { CHAT_CACHE, cacheTtlMs, type ChatCacheDoc } from '../../shared/chat/response-cache';
import { ManualClock } from '../../shared/platform/clock';
import { DATABASE_OPTIONS, fetchEverything, getDoc, type Database } from '../../shared/platform/database';
import { checkLedgerInvariant } from '../../shared/wallet/invariant';
import type { LedgerEntry } from '../../shared/wallet/documents';
import { testDeps } from '../support/cloud';
import { ok, startStack } from '../support/stack';

let stack: LocalStack;
let db: Database;
let n = 0;
const uuid = () => `60000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const FUND = 100_000_000;

interface Answer {
  conversationId: string;
  messageId: string;
  status: string;
  reply: string;
  cost: number;
  cacheHit?: boolean;
  balance: number;
}

beforeAll(async () => {
  stack = await startStack({ env: { ADMIN_OPENIDS: 'boss', RATE_LIMIT_PER_MINUTE: '1000' } });
  db = cloud.database(DATABASE_OPTIONS as object);
  stack.llm.chunkDelayMs = 0;
  await ok(stack, 'api', 'boss', 'chat.models');
  const doc = (await getDoc<{ models: Array<Record<string, unknown>> }>(db, 'config', 'models'))!;
  const base = doc.models[0]!;
  await db
    .collection('config')
    .doc('models')
    .update({
      data: { models: [...doc.models, { ...base, alias: 'cached', displayName: '缓存模型', cache: { enabled: true, share: 0.5 } }] },
    });
  for (const u of ['alice', 'bob', 'carol', 'plain']) {
    await ok(stack, 'api', u, 'consent.accept', { version: '2026-11', crossBorder: true });
    await ok(stack, 'admin', 'boss', 'users.adjust', { openid: u, amount: FUND, reason: '测试资金', requestId: `fund-${u}-cache` });
  }
}, 30_000);
afterAll(() => stack.close());

const send = (openid: string, payload: Record<string, unknown>) =>
  ok<Answer>(stack, 'api', openid, 'chat.send', { requestId: uuid(), model: 'cached', ...payload });
const entriesOf = (openid: string) => fetchEverything<ChatCacheDoc>(db, CHAT_CACHE, { openid });
const question = '我叫张伟，手机13812345678，帮我写一封请假邮件';

it('a second identical question from the same user is a hit: no model call, charged the share, marked', async () => {
  const first = await send('alice', { text: question });
  expect(first).toMatchObject({ status: 'done' });
  expect(first.cacheHit).toBeUndefined();
  const [entry] = await entriesOf('alice');
  expect(entry).toMatchObject({ openid: 'alice', model: 'cached', cost: first.cost });
  // Only anonymized text is cached.
  expect(JSON.stringify(entry)).not.toContain('张伟');

  const calls = stack.llm.requests.length;
  const again = await send('alice', { text: question });
  expect(stack.llm.requests.length).toBe(calls);
  expect(again).toMatchObject({ status: 'done', cacheHit: true, reply: first.reply, cost: Math.round(first.cost * 0.5) });
  expect(again.balance).toBe(FUND - first.cost - again.cost);
  expect(await ok(stack, 'api', 'alice', 'chat.get', { messageId: again.messageId })).toMatchObject({
    cacheHit: true,
    reply: first.reply,
    cost: again.cost,
  });
  const settle = await getDoc<LedgerEntry>(db, 'ledger', `settle:${again.messageId}`);
  expect(settle).toMatchObject({ kind: 'settle', amount: -again.cost, reason: 'cache_hit' });
  const missSettle = await getDoc<LedgerEntry>(db, 'ledger', `settle:${first.messageId}`);
  expect(missSettle?.reason).toBeUndefined();
  expect((await checkLedgerInvariant(db)).violations).toEqual([]);
});

it('is never shared between users, and a different history is a miss', async () => {
  const calls = stack.llm.requests.length;
  const other = await send('bob', { text: question });
  expect(other.cacheHit).toBeUndefined();
  expect(stack.llm.requests.length).toBe(calls + 1);

  // The same question as a follow-up: the history differs, so it is asked anew.
  const followUp = await send('bob', { conversationId: other.conversationId, text: question });
  expect(followUp.cacheHit).toBeUndefined();
  expect(stack.llm.requests.length).toBe(calls + 2);
  // A new conversation with the same (empty) history is a hit again.
  expect((await send('bob', { text: question })).cacheHit).toBe(true);
  expect(stack.llm.requests.length).toBe(calls + 2);
});

it('an expired entry is a miss, and the answer is cached afresh', async () => {
  const first = await send('carol', { text: '推荐三本入门的经济学书' });
  const [entry] = await entriesOf('carol');
  await db
    .collection(CHAT_CACHE)
    .doc(entry!._id)
    .update({ data: { expiresAt: new Date(Date.now() - 1000) } });
  const calls = stack.llm.requests.length;
  const again = await send('carol', { text: '推荐三本入门的经济学书' });
  expect(again.cacheHit).toBeUndefined();
  expect(again.cost).toBe(first.cost);
  expect(stack.llm.requests.length).toBe(calls + 1);
  const [fresh] = await entriesOf('carol');
  expect(new Date(fresh!.expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  // Kept min(30 days, RETENTION_DAYS).
  expect(cacheTtlMs({ retentionDays: 7 })).toBe(7 * 86_400_000);
  expect(cacheTtlMs({ retentionDays: 365 })).toBe(30 * 86_400_000);
});

it('the retention purge removes expired entries and keeps live ones', async () => {
  const now = Date.now();
  const old = { openid: 'carol', model: 'cached', replySent: '旧的回答', usage: { input: 1, cachedInput: 0, output: 1 }, cost: 1 };
  await db
    .collection(CHAT_CACHE)
    .doc('expired-entry')
    .set({ data: { ...old, createdAt: new Date(now - 40 * 86_400_000), expiresAt: new Date(now - 10 * 86_400_000) } });
  expect(await getDoc(db, CHAT_CACHE, 'expired-entry')).not.toBeNull();
  const result = await purgeRawTexts(testDeps(db, { clock: new ManualClock(now) }));
  expect(result).toContain('1 cached answers');
  expect(await getDoc(db, CHAT_CACHE, 'expired-entry')).toBeNull();
  expect(await entriesOf('carol')).toHaveLength(1);
});

it('deleting my data removes my entries, and only mine', async () => {
  expect((await entriesOf('bob')).length).toBeGreaterThan(0);
  await ok(stack, 'api', 'bob', 'privacy.delete');
  expect(await entriesOf('bob')).toEqual([]);
  expect((await entriesOf('alice')).length).toBeGreaterThan(0);
});

it('a model without the cache never reads or writes the collection', async () => {
  const engine = stack.local.engine;
  const original = engine.send.bind(engine);
  let touched = 0;
  engine.send = (action, params) => {
    if (JSON.stringify(params ?? {}).includes(CHAT_CACHE)) touched += 1;
    return original(action, params);
  };
  try {
    const calls = stack.llm.requests.length;
    await ok(stack, 'api', 'plain', 'chat.send', { requestId: uuid(), text: question });
    await ok(stack, 'api', 'plain', 'chat.send', { requestId: uuid(), text: question });
    expect(stack.llm.requests.length).toBe(calls + 2);
  } finally {
    engine.send = original;
  }
  expect(touched).toBe(0);
  expect(await entriesOf('plain')).toEqual([]);
  expect((await checkLedgerInvariant(db)).violations).toEqual([]);
});
