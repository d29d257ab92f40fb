/**
 * Chat paths that need control over time and the provider: a function cut off after its hold, the
 * rate limit, the retention purge and the streaming writes — the real flow with an in-process provider.
 */
import type { MessageDoc } from '../../shared/chat/documents';
import { failInterruptedChats, purgeRawTexts } from '../../shared/chat/jobs';
import { messageView } from '../../shared/chat/views';
import { acceptConsent } from '../../shared/chat/consent';
import { sendChat } from '../../shared/chat/send';
import type { Provider } from '../../shared/llm/types';
import { getDoc } from '../../shared/platform/database';
import { checkLedgerInvariant } from '../../shared/wallet/invariant';
import { getWallet, wallet } from '../../shared/wallet/service';
import { releaseExpiredHolds } from '../../shared/wallet/sweeper';
import { localCloud, testDeps } from '../support/cloud';

const { db } = localCloud();
let hang = false;
const seen: string[] = [];
const provider: Provider = {
  id: 'default',
  async complete(req, _limits, onText) {
    seen.push(JSON.stringify(req));
    if (hang) return new Promise(() => undefined); // the function is cut off while waiting
    for (const piece of ['好的，', '[PERSON_', '1]，', '已记录。']) onText(piece);
    return { text: '好的，[PERSON_1]，已记录。', usage: { input: 100, cachedInput: 40, output: 20 }, finishReason: 'stop' };
  },
};
const deps = testDeps(db, {
  providers: new Map([['default', provider]]),
  config: { rateLimitPerMinute: 3, holdTtlSeconds: 60, retentionDays: 30 },
});
let n = 0;
const uuid = () => `10000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

beforeAll(async () => {
  for (const u of ['crash', 'limit', 'purge', 'cached']) {
    await acceptConsent(deps, u, '2026-11', true);
    await wallet.credit(deps, { openid: u, amount: 10_000_000, outTradeNo: `seed-${u}` });
  }
});

it('restores the streamed answer and bills cached input at the cached price', async () => {
  const res = await sendChat(deps, 'cached', { requestId: uuid(), text: '我叫张伟' });
  expect(res.reply).toBe('好的，张伟，已记录。');
  // 60 uncached × 2 + 40 cached × 1 + 20 output × 8 (micro-yuan per token) = 120 + 40 + 160.
  expect(res.cost).toBe(320);
  expect(seen.at(-1)).not.toContain('张伟');
  expect(seen.at(-1)).not.toContain('"user":');
});

it('a chat cut off after its hold is released by the timer and marked failed; nothing is charged', async () => {
  hang = true;
  const requestId = uuid();
  // The cut-off chat ends on its own much later (its deadline) and fails then: that is expected.
  sendChat(deps, 'crash', { requestId, text: '这次会中断' }).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 100));
  hang = false;
  expect(await getWallet(deps, 'crash')).toMatchObject({ balance: 10_000_000, held: expect.any(Number) });
  expect((await getWallet(deps, 'crash')).held).toBeGreaterThan(0);
  deps.clock.advance(61_000);
  expect((await releaseExpiredHolds(deps)).released).toBeGreaterThanOrEqual(1);
  await failInterruptedChats(deps);
  expect(await getWallet(deps, 'crash')).toEqual({ balance: 10_000_000, held: 0, available: 10_000_000 });
  expect(await getDoc(db, 'messages', requestId)).toMatchObject({ status: 'failed' });
  // The same requestId then tries again and is charged once.
  const retry = await sendChat(deps, 'crash', { requestId, text: '这次会中断' });
  expect(retry.status).toBe('done');
  expect((await getWallet(deps, 'crash')).balance).toBe(10_000_000 - retry.cost!);
  expect((await checkLedgerInvariant(db)).violations).toEqual([]);
});

it('limits each user to the configured chats per minute', async () => {
  for (let i = 0; i < 3; i++) await sendChat(deps, 'limit', { requestId: uuid(), text: `第${i}条` });
  await expect(sendChat(deps, 'limit', { requestId: uuid(), text: '第四条' })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  deps.clock.advance(60_000);
  await expect(sendChat(deps, 'limit', { requestId: uuid(), text: '下一分钟' })).resolves.toMatchObject({ status: 'done' });
});

it('purges raw texts after the retention period and keeps what was sent', async () => {
  const requestId = uuid();
  await sendChat(deps, 'purge', { requestId, text: '我叫李娜，记住我' });
  deps.clock.advance(31 * 86_400_000);
  await purgeRawTexts(deps);
  const m = await getDoc<Record<string, unknown>>(db, 'messages', requestId);
  expect(m).not.toHaveProperty('text');
  expect(m).not.toHaveProperty('reply');
  expect(m).toMatchObject({ sent: '我叫[PERSON_1]，记住我', purgedAt: expect.any(Date) });
  // The app shows, in place of the erased texts, what was sent and what came back — both anonymized.
  const view = messageView(m as unknown as MessageDoc);
  expect(view).toMatchObject({ text: '', reply: '', purged: true, sent: '我叫[PERSON_1]，记住我' });
  expect(view.replySent).toBe(String(m!.replySent));
  expect(view.replySent).not.toContain('李娜');
  const conversation = await getDoc<{ placeholders: { entries: unknown[] } }>(db, 'conversations', String(m!.conversationId));
  expect(conversation!.placeholders.entries).toEqual([]);
});

it('titles a conversation with the anonymized text, never the raw one', async () => {
  const res = await sendChat(deps, 'cached', { requestId: uuid(), text: '我叫王芳，电话13900001111，帮我订餐' });
  const conversation = await getDoc<{ title: string }>(db, 'conversations', res.conversationId);
  expect(conversation!.title).toBe('我叫[PERSON_1]，电话[PHONE_1]，帮我订餐');
});
