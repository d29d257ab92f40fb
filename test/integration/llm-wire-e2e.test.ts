/**
 * Providers' wire formats end to end: the real functions against the local cloud, the fake model
 * misbehaving the way real providers do (chosen by model name), and the ledger checked afterwards.
 */
import cloud = require('wx-server-sdk');
import type { LocalStack } from '../../local/stack';
import { DATABASE_OPTIONS, getDoc, type Database } from '../../shared/platform/database';
import { call, ok, startStack } from '../support/stack';

let stack: LocalStack;
let db: Database;
let n = 0;
const uuid = () => `00000000-0000-4000-9000-${String(++n).padStart(12, '0')}`;

beforeAll(async () => {
  stack = await startStack({ env: { ADMIN_OPENIDS: 'boss', RATE_LIMIT_PER_MINUTE: '1000000', CHAT_DEADLINE_MS: '6000' } });
  db = cloud.database(DATABASE_OPTIONS as object);
  stack.llm.chunkDelayMs = 0;
  await ok(stack, 'api', 'boss', 'chat.models');
  const doc = (await getDoc<{ models: Array<Record<string, unknown>> }>(db, 'config', 'models'))!;
  const base = doc.models[0]!;
  const make = (alias: string, chain: string[]) => ({
    ...base,
    alias,
    displayName: alias,
    chain: chain.map((model) => ({ provider: 'default', model })),
  });
  await db
    .collection('config')
    .doc('models')
    .update({
      data: {
        models: [
          ...doc.models,
          make('stall', ['fake-stall', 'fake-ok']),
          make('risk', ['fake-risk', 'fake-ok']),
          make('json', ['fake-json', 'fake-ok']),
          make('length', ['fake-length']),
          make('retry-after', ['fake-retry-after']),
          make('noretry', ['fake-noretry']),
        ],
      },
    });
  await ok(stack, 'api', 'wire', 'consent.accept', { version: '2026-11', crossBorder: true });
  await ok(stack, 'admin', 'boss', 'users.adjust', { openid: 'wire', amount: 100_000_000, reason: '测试资金', requestId: 'fund-wire' });
}, 30_000);
afterAll(() => stack.close());

const balance = async () => {
  const w = await ok<{ balance: number; held: number }>(stack, 'api', 'wire', 'wallet.get');
  return { balance: w.balance, held: w.held };
};
const send = (model: string) =>
  ok<{ status: string; cost: number }>(stack, 'api', 'wire', 'chat.send', { requestId: uuid(), text: '你好', model });

it('a provider that ignores stream: true answers once, in JSON: charged once, the fallback never asked', async () => {
  const before = await balance();
  const sent = stack.llm.requests.length;
  const res = await ok<{ status: string; cost: number; reply: string }>(stack, 'api', 'wire', 'chat.send', {
    requestId: uuid(),
    text: '你好',
    model: 'json',
  });
  expect(res).toMatchObject({ status: 'done', reply: expect.stringContaining('fake-json') });
  expect(stack.llm.requests.slice(sent).map((r) => (JSON.parse(r.body) as { model: string }).model)).toEqual(['fake-json']);
  expect(res.cost).toBeGreaterThan(0);
  expect(await balance()).toEqual({ balance: before.balance - res.cost, held: 0 });
});

it('a provider that sends headers and then nothing times out, and the fallback answers once', async () => {
  const before = await balance();
  const sent = stack.llm.requests.length;
  const res = await send('stall');
  expect(res.status).toBe('done');
  expect(stack.llm.requests.length - sent).toBe(2);
  expect(await balance()).toEqual({ balance: before.balance - res.cost, held: 0 });
}, 15_000);

it('a provider content refusal (DeepSeek 400) is CONTENT_FILTERED: no other provider asked, nothing charged', async () => {
  const before = await balance();
  const sent = stack.llm.requests.length;
  const requestId = uuid();
  expect(await call(stack, 'api', 'wire', 'chat.send', { requestId, text: '你好', model: 'risk' })).toMatchObject({
    ok: false,
    error: { code: 'CONTENT_FILTERED' },
  });
  expect(stack.llm.requests.length - sent).toBe(1);
  expect(await balance()).toEqual(before);
  expect(await ok(stack, 'api', 'wire', 'chat.get', { messageId: requestId })).toMatchObject({
    status: 'failed',
    error: { code: 'CONTENT_FILTERED' },
  });
});

it('an answer cut at the token limit is kept, charged, and marked truncated in the message and its views', async () => {
  const before = await balance();
  const res = await ok<{ status: string; cost: number; conversationId: string; messageId: string }>(stack, 'api', 'wire', 'chat.send', {
    requestId: uuid(),
    text: '讲个长故事',
    model: 'length',
  });
  expect(res.status).toBe('done');
  expect(await balance()).toEqual({ balance: before.balance - res.cost, held: 0 });
  expect(await ok(stack, 'api', 'wire', 'chat.get', { messageId: res.messageId })).toMatchObject({ status: 'done', truncated: true });
  const history = await ok<{ messages: Array<{ messageId: string; truncated?: boolean }> }>(stack, 'api', 'wire', 'chat.history', {
    conversationId: res.conversationId,
  });
  expect(history.messages.find((m) => m.messageId === res.messageId)).toMatchObject({ truncated: true });

  const whole = await ok<{ messageId: string }>(stack, 'api', 'wire', 'chat.send', { requestId: uuid(), text: '你好' });
  expect(await ok(stack, 'api', 'wire', 'chat.get', { messageId: whole.messageId })).not.toHaveProperty('truncated');
});

it.each([
  ['retry-after', 2],
  ['noretry', 1],
])(
  '%s: Retry-After / x-should-retry decide whether the provider is asked again (%i request(s)), nothing charged',
  async (model, requests) => {
    const before = await balance();
    const sent = stack.llm.requests.length;
    expect(await call(stack, 'api', 'wire', 'chat.send', { requestId: uuid(), text: '你好', model })).toMatchObject({
      ok: false,
      error: { code: 'PROVIDER_UNAVAILABLE' },
    });
    expect(stack.llm.requests.length - sent).toBe(requests);
    expect(await balance()).toEqual(before);
  },
  15_000,
);
