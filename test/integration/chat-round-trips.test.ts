/**
 * What a chat asks of the database, counted at the local engine: rounds (requests sent together count
 * once) before the model hears of the chat, and in all, for a new conversation and a follow-up turn.
 * Counts are exact, so they are asserted; what they cost in time is in `npm run bench`.
 */
import type { LocalStack } from '../../local/stack';
import { checkLedgerInvariant } from '../../shared/wallet/invariant';
import cloud = require('wx-server-sdk');
import { DATABASE_OPTIONS } from '../../shared/platform/database';
import { ok, startStack } from '../support/stack';

let stack: LocalStack;
let n = 0;
const uuid = () => `30000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

beforeAll(async () => {
  stack = await startStack({ env: { ADMIN_OPENIDS: 'boss', RATE_LIMIT_PER_MINUTE: '1000' } });
  stack.llm.chunkDelayMs = 0;
  await ok(stack, 'api', 'rt', 'consent.accept', { version: '2026-11', crossBorder: true });
  await ok(stack, 'admin', 'boss', 'users.adjust', {
    openid: 'rt',
    amount: 100_000_000,
    reason: '测试资金',
    requestId: 'fund-round-trips',
  });
  // Warm: the models and privacy-rules documents are cached per instance after the first chat.
  await ok(stack, 'api', 'rt', 'chat.send', { requestId: uuid(), text: '你好' });
}, 30_000);
afterAll(() => stack.close());

async function counted(payload: Record<string, unknown>) {
  const stats = stack.local.engine.stats;
  const start = { ...stats };
  let beforeModel: { requests: number; rounds: number } | undefined;
  stack.llm.onRequest = () => (beforeModel ??= { requests: stats.requests - start.requests, rounds: stats.rounds - start.rounds });
  const answer = await ok<{ conversationId: string; status: string }>(stack, 'api', 'rt', 'chat.send', { requestId: uuid(), ...payload });
  stack.llm.onRequest = undefined;
  return { answer, beforeModel: beforeModel!, total: { requests: stats.requests - start.requests, rounds: stats.rounds - start.rounds } };
}

describe('database round trips per chat', () => {
  it('a new conversation: at most 3 before the model and 4 in all', async () => {
    const { answer, beforeModel, total } = await counted({ text: '我叫张伟，手机13812345678，帮我写一封请假邮件' });
    if (process.env.SHOW_COUNTS) console.log('new', beforeModel, total);
    expect(answer.status).toBe('done');
    expect(beforeModel.rounds).toBeLessThanOrEqual(3);
    expect(total.rounds).toBeLessThanOrEqual(4);
  });

  it('a follow-up turn: at most 3 before the model and 4 in all', async () => {
    const first = await counted({ text: '帮我想一个周末的安排' });
    const { answer, beforeModel, total } = await counted({ conversationId: first.answer.conversationId, text: '再具体一点，张伟也去' });
    if (process.env.SHOW_COUNTS) console.log('follow-up', beforeModel, total);
    expect(answer.status).toBe('done');
    expect(beforeModel.rounds).toBeLessThanOrEqual(3);
    expect(total.rounds).toBeLessThanOrEqual(4);
  });

  it('a retried requestId reads once and changes nothing', async () => {
    const requestId = uuid();
    await ok(stack, 'api', 'rt', 'chat.send', { requestId, text: '重复的请求' });
    const start = { ...stack.local.engine.stats };
    await ok(stack, 'api', 'rt', 'chat.send', { requestId, text: '重复的请求' });
    expect(stack.local.engine.stats.rounds - start.rounds).toBe(1);
    expect(await checkLedgerInvariant(cloud.database(DATABASE_OPTIONS as object))).toMatchObject({ violations: [] });
  });
});
