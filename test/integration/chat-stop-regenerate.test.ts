/**
 * Stop, regenerate and the function's time limit (issue 12): a stopped answer is kept and charged for
 * what was written; a regenerated one is a new, separately charged call and the earlier one stays; an
 * answer longer than the function may run is cut cleanly — truncated, charged, never half-settled.
 */
import cloud = require('wx-server-sdk');
import type { LocalStack } from '../../local/stack';
import { DATABASE_OPTIONS, getDoc } from '../../shared/platform/database';
import { checkLedgerInvariant } from '../../shared/wallet/invariant';
import { call, ok, startStack } from '../support/stack';

let stack: LocalStack;
let n = 0;
const uuid = () => `50000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const db = () => cloud.database(DATABASE_OPTIONS as object);
const long = '请详细介绍一下长城的历史、建筑特点、著名关口，以及今天去参观时要注意的事情，越详细越好。'.repeat(6);

beforeAll(async () => {
  // A short time limit, so that a slow answer runs into it.
  stack = await startStack({ env: { ADMIN_OPENIDS: 'boss', RATE_LIMIT_PER_MINUTE: '1000', CHAT_DEADLINE_MS: '2500' } });
  for (const u of ['stopper', 'regen', 'slow']) {
    await ok(stack, 'api', u, 'consent.accept', { version: '2026-11', crossBorder: true });
    await ok(stack, 'admin', 'boss', 'users.adjust', { openid: u, amount: 100_000_000, reason: '测试资金', requestId: `fund-${u}-stop` });
  }
}, 30_000);
afterAll(() => stack.close());

const balance = async (u: string) => (await ok<{ balance: number; held: number }>(stack, 'api', u, 'wallet.get')).balance;

it('chat.stop ends the answer within two seconds; it is kept as stopped and charged for what was written', async () => {
  stack.llm.chunkDelayMs = 60;
  const requestId = uuid();
  const sending = call<{ ok: boolean; data: { status: string; reply: string; cost: number } }>(stack, 'api', 'stopper', 'chat.send', {
    requestId,
    text: long,
  });
  await new Promise((r) => setTimeout(r, 600));
  const asked = Date.now();
  expect(await ok<{ status: string }>(stack, 'api', 'stopper', 'chat.stop', { messageId: requestId })).toMatchObject({
    status: 'streaming',
  });
  const res = await sending;
  expect(Date.now() - asked).toBeLessThan(2_500);
  expect(res.ok).toBe(true);
  expect(res.data.status).toBe('stopped');
  expect(res.data.reply.length).toBeGreaterThan(0);
  expect(res.data.cost).toBeGreaterThan(0);
  expect(await balance('stopper')).toBe(100_000_000 - res.data.cost);
  const stored = await ok<{ status: string; reply: string }>(stack, 'api', 'stopper', 'chat.get', { messageId: requestId });
  expect(stored).toMatchObject({ status: 'stopped', reply: res.data.reply });
  // Stopping a finished answer changes nothing; stopping someone else's is NOT_FOUND.
  expect(await ok(stack, 'api', 'stopper', 'chat.stop', { messageId: requestId })).toMatchObject({ status: 'stopped' });
  expect(await call(stack, 'api', 'regen', 'chat.stop', { messageId: requestId })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  expect((await checkLedgerInvariant(db())).violations).toEqual([]);
}, 20_000);

it('regenerate is a new call charged on its own; the earlier answer stays, marked as replaced', async () => {
  stack.llm.chunkDelayMs = 0;
  const first = await ok<{ conversationId: string; messageId: string; cost: number }>(stack, 'api', 'regen', 'chat.send', {
    requestId: uuid(),
    text: '给我起三个猫的名字，我叫张伟',
  });
  const before = stack.llm.requests.length;
  const again = await ok<{ messageId: string; cost: number; sent: string; status: string }>(stack, 'api', 'regen', 'chat.send', {
    requestId: uuid(),
    conversationId: first.conversationId,
    regenerateOf: first.messageId,
    text: '给我起三个猫的名字，我叫张伟',
  });
  expect(again.status).toBe('done');
  expect(again.sent).toBe('给我起三个猫的名字，我叫[PERSON_1]');
  // The model is not shown the replaced answer as history.
  const body = JSON.parse(stack.llm.requests[before]!.body) as { messages: Array<{ role: string }> };
  expect(body.messages.map((m) => m.role)).toEqual(['system', 'user']);
  expect(await balance('regen')).toBe(100_000_000 - first.cost - again.cost);
  expect(await ok(stack, 'api', 'regen', 'chat.get', { messageId: first.messageId })).toMatchObject({
    status: 'done',
    supersededBy: again.messageId,
  });
  expect(await ok(stack, 'api', 'regen', 'chat.get', { messageId: again.messageId })).toMatchObject({ versionOf: first.messageId });
  // Regenerating a message of another conversation or user is NOT_FOUND and stores nothing.
  expect(
    await call(stack, 'api', 'slow', 'chat.send', {
      requestId: uuid(),
      conversationId: first.conversationId,
      regenerateOf: first.messageId,
      text: 'x',
    }),
  ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

it('an answer longer than the time limit is cut cleanly: truncated, kept, charged, settled', async () => {
  stack.llm.chunkDelayMs = 120;
  const requestId = uuid();
  const res = await ok<{ status: string; truncated?: boolean; reply: string; cost: number }>(stack, 'api', 'slow', 'chat.send', {
    requestId,
    text: long,
  });
  expect(res).toMatchObject({ status: 'done', truncated: true });
  expect(res.reply.length).toBeGreaterThan(0);
  expect(await balance('slow')).toBe(100_000_000 - res.cost);
  expect(await ok(stack, 'api', 'slow', 'wallet.get')).toMatchObject({ held: 0 });
  expect(await getDoc(db(), 'messages', requestId)).toMatchObject({ status: 'done', truncated: true });
  expect((await checkLedgerInvariant(db())).violations).toEqual([]);
}, 20_000);
