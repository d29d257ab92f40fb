/**
 * Fifty chats at once on a wallet that covers ten holds: at most ten are answered, the rest are
 * refused with INSUFFICIENT_BALANCE before any model is called, and the ledger stays consistent.
 */
import cloud = require('wx-server-sdk');
import type { LocalStack } from '../../local/stack';
import { DATABASE_OPTIONS, type Database } from '../../shared/platform/database';
import { checkLedgerInvariant } from '../../shared/wallet/invariant';
import { call, ok, startStack } from '../support/stack';

let stack: LocalStack;
let db: Database;
let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

beforeAll(async () => {
  stack = await startStack({ env: { ADMIN_OPENIDS: 'boss', RATE_LIMIT_PER_MINUTE: '1000000' } });
  db = cloud.database(DATABASE_OPTIONS as object);
});
afterAll(() => stack.close());

async function fund(openid: string, micro: number): Promise<void> {
  await ok(stack, 'api', openid, 'consent.accept', { version: '2026-11', crossBorder: true });
  await ok(stack, 'admin', 'boss', 'users.adjust', { openid, amount: micro, reason: '测试资金', requestId: `fund-${openid}` });
}
const balanceOf = async (openid: string) => ok<{ balance: number; held: number }>(stack, 'api', openid, 'wallet.get');

describe('concurrent chats', () => {
  it('answers at most as many of 50 concurrent chats as the balance covers; the rest INSUFFICIENT_BALANCE', async () => {
    // One hold for this prompt is 8,496 micro-yuan or so; fund for ten of them.
    await fund('crowd', 1);
    const probe = await call<{ error: { details: { required: number } } }>(stack, 'api', 'crowd', 'chat.send', {
      requestId: uuid(),
      text: '帮我写一首短诗',
    });
    const required = probe.error.details.required;
    await ok(stack, 'admin', 'boss', 'users.adjust', {
      openid: 'crowd',
      amount: required * 10 - 1,
      reason: '十次的钱',
      requestId: 'crowd-fund-2',
    });
    // A slow model, so that all fifty are holding or refused before the first answer settles and frees money.
    stack.llm.chunkDelayMs = 200;
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        call<{ ok: boolean; error?: { code: string } }>(stack, 'api', 'crowd', 'chat.send', { requestId: uuid(), text: '帮我写一首短诗' }),
      ),
    );
    stack.llm.chunkDelayMs = 0;
    const answered = results.filter((r) => r.ok).length;
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThanOrEqual(10);
    expect(results.filter((r) => !r.ok).map((r) => r.error!.code)).toEqual(results.filter((r) => !r.ok).map(() => 'INSUFFICIENT_BALANCE'));
    const wallet = await balanceOf('crowd');
    expect(wallet.balance).toBeGreaterThanOrEqual(0);
    expect(wallet.held).toBe(0);
    expect((await checkLedgerInvariant(db)).violations).toEqual([]);
  }, 60_000);
});
