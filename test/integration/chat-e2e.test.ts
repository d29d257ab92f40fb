/**
 * Chat end to end through the local cloud: the real functions, the real SDK over the local database,
 * and the fake model over HTTP recording every request that "leaves the country".
 */
import cloud = require('wx-server-sdk');
import type { LocalStack } from '../../local/stack';
import { DATABASE_OPTIONS, getDoc, type Database } from '../../shared/platform/database';
import { costOf } from '../../shared/llm/pricing';
import { loadCorpus } from '../privacy-eval/evaluate';
import { call, ok, startStack } from '../support/stack';

let stack: LocalStack;
let db: Database;
let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

beforeAll(async () => {
  stack = await startStack({ env: { ADMIN_OPENIDS: 'boss', RATE_LIMIT_PER_MINUTE: '1000000', CHAT_DEADLINE_MS: '1500' } });
  db = cloud.database(DATABASE_OPTIONS as object);
  stack.llm.chunkDelayMs = 0;
  await ok(stack, 'api', 'boss', 'chat.models');
  // Extra models for failure injection: the fake model fails according to the model name.
  const models = { data: (await getDoc<{ models: Array<Record<string, unknown>> }>(db, 'config', 'models'))! };
  const base = models.data.models[0]!;
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
          ...models.data.models,
          make('fallback-500', ['fake-500', 'fake-ok']),
          make('fallback-429', ['fake-429', 'fake-ok']),
          make('fallback-malformed', ['fake-malformed', 'fake-ok']),
          make('fallback-timeout', ['fake-timeout', 'fake-ok']),
          make('fallback-slow', ['fake-slow', 'fake-ok']),
          make('only-500', ['fake-500']),
          make('only-429', ['fake-429']),
          make('only-timeout', ['fake-timeout']),
          make('cutoff', ['fake-cutoff', 'fake-ok']),
          make('filtered', ['fake-filter', 'fake-ok']),
          { ...make('domestic', ['fake-cn']), crossBorder: false },
        ],
      },
    });
}, 30_000);
afterAll(() => stack.close());

async function fund(openid: string, micro: number, crossBorder = true): Promise<void> {
  await ok(stack, 'api', openid, 'consent.accept', { version: '2026-11', crossBorder });
  await ok(stack, 'admin', 'boss', 'users.adjust', { openid, amount: micro, reason: '测试资金', requestId: `fund-${openid}`.slice(0, 64) });
}
const balanceOf = async (openid: string) => await ok<{ balance: number; held: number }>(stack, 'api', openid, 'wallet.get');

describe('what leaves the country', () => {
  it('never carries personal information from the anonymizer corpus, nor the openid, in any request body or header', async () => {
    const openid = 'oPII-corpus-user-7f3a';
    await fund(openid, 1_000_000_000);
    const cases = loadCorpus().filter((c) => c.entities.length > 0);
    for (const c of cases) {
      const before = stack.llm.requests.length;
      const res = await call<{ ok: boolean; data: { reply: string } }>(stack, 'api', openid, 'chat.send', {
        requestId: uuid(),
        text: c.text,
      });
      expect(res.ok).toBe(true);
      // The fake model quotes its prompt; restored, the answer carries the user's own text again.
      expect(res.data.reply).toContain(c.text.trim());
      const sent = stack.llm.requests.slice(before);
      expect(sent).toHaveLength(1);
      const wire = JSON.stringify(sent[0]);
      expect(wire).not.toContain(openid);
      for (const e of c.entities) {
        if (e.text.length < 2) continue; // a bare surname before a title is one common character
        if (wire.includes(e.text)) throw new Error(`${c.id}: ${e.type} "${e.text}" left the country`);
        const digits = e.text.replace(/\D/g, '');
        if (digits.length >= 7 && wire.replace(/\D/g, '').includes(digits))
          throw new Error(`${c.id}: digits of ${e.type} left the country`);
      }
    }
  }, 120_000);
});

describe('chat.send', () => {
  it('charges exactly the price table applied to the reported usage, and shows what was sent', async () => {
    await fund('price', 10_000_000);
    const res = await ok<{ usage: { input: number; cachedInput: number; output: number }; cost: number; sent: string; balance: number }>(
      stack,
      'api',
      'price',
      'chat.send',
      { requestId: uuid(), text: '我叫王芳，电话13900001111，周末去哪玩？' },
    );
    expect(res.sent).toBe('我叫[PERSON_1]，电话[PHONE_1]，周末去哪玩？');
    expect(res.cost).toBe(costOf(res.usage, { inputPerMillion: 2_000_000, cachedInputPerMillion: 1_000_000, outputPerMillion: 8_000_000 }));
    expect(res.balance).toBe(10_000_000 - res.cost);
    expect(await balanceOf('price')).toMatchObject({ balance: 10_000_000 - res.cost, held: 0 });
  });

  it('hides what the user marked as private, in this turn and the next, and restores it', async () => {
    await fund('marks', 10_000_000);
    const first = await ok<{ conversationId: string; sent: string; reply: string }>(stack, 'api', 'marks', 'chat.send', {
      requestId: uuid(),
      text: '帮我给蓝莓小区的物业写封投诉信，我家狗叫旺财',
      private: ['蓝莓小区', '旺财'],
    });
    expect(first.sent).toBe('帮我给[PRIVATE_1]的物业写封投诉信，我家狗叫[PRIVATE_2]');
    expect(first.reply).toContain('蓝莓小区');
    const before = stack.llm.requests.length;
    const second = await ok<{ sent: string }>(stack, 'api', 'marks', 'chat.send', {
      conversationId: first.conversationId,
      requestId: uuid(),
      text: '再提一下旺财晚上不叫',
    });
    expect(second.sent).toBe('再提一下[PRIVATE_2]晚上不叫');
    expect(JSON.stringify(stack.llm.requests.slice(before))).not.toMatch(/蓝莓小区|旺财/);
    const bad = await call<{ ok: boolean; error: { code: string; message: string } }>(stack, 'api', 'marks', 'chat.send', {
      requestId: uuid(),
      text: '你好',
      private: Array.from({ length: 21 }, (_, i) => `词${i}`),
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(bad.error.message).toMatch(/最多标记 20 处/);
  });

  it('keeps placeholders across turns and sends the history anonymized', async () => {
    await fund('turns', 10_000_000);
    const first = await ok<{ conversationId: string }>(stack, 'api', 'turns', 'chat.send', {
      requestId: uuid(),
      text: '我叫赵磊，手机13700002222',
    });
    const before = stack.llm.requests.length;
    const second = await ok<{ sent: string; reply: string }>(stack, 'api', 'turns', 'chat.send', {
      conversationId: first.conversationId,
      requestId: uuid(),
      text: '赵磊的手机13700002222还能用吗？',
    });
    expect(second.sent).toBe('[PERSON_1]的手机[PHONE_1]还能用吗？');
    const body = JSON.parse(stack.llm.requests[before]!.body) as { messages: Array<{ role: string; content: string }> };
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(JSON.stringify(body)).not.toMatch(/赵磊|13700002222/);
    expect(second.reply).toContain('赵磊的手机13700002222还能用吗？');
  });

  it('returns the stored answer for a retried requestId and charges once; concurrent duplicates call the model once', async () => {
    await fund('dup', 10_000_000);
    const requestId = uuid();
    const before = stack.llm.requests.length;
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        call<{ ok: boolean; data: { cost?: number } }>(stack, 'api', 'dup', 'chat.send', { requestId, text: '讲个笑话' }),
      ),
    );
    expect(stack.llm.requests.length - before).toBe(1);
    const done = await ok<{ cost: number; status: string }>(stack, 'api', 'dup', 'chat.send', { requestId, text: '讲个笑话' });
    expect(done.status).toBe('done');
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await balanceOf('dup')).toMatchObject({ balance: 10_000_000 - done.cost, held: 0 });
    expect(stack.llm.requests.length - before).toBe(1);
  });

  it('refuses overseas models without cross-border consent, and after it is withdrawn', async () => {
    expect(await call(stack, 'api', 'noconsent', 'chat.send', { requestId: uuid(), text: '你好' })).toMatchObject({
      ok: false,
      error: { code: 'CONSENT_REQUIRED' },
    });
    await fund('withdrawer', 1_000_000);
    await ok(stack, 'api', 'withdrawer', 'consent.withdraw');
    expect(await call(stack, 'api', 'withdrawer', 'chat.send', { requestId: uuid(), text: '你好' })).toMatchObject({
      ok: false,
      error: { code: 'CONSENT_REQUIRED' },
    });
    await fund('domestic-only', 1_000_000, false);
    expect(await call(stack, 'api', 'domestic-only', 'chat.send', { requestId: uuid(), text: '你好' })).toMatchObject({
      ok: false,
      error: { code: 'CONSENT_REQUIRED' },
    });
    expect(await call(stack, 'api', 'domestic-only', 'chat.send', { requestId: uuid(), text: '你好', model: 'domestic' })).toMatchObject({
      ok: true,
    });
  });

  it('rejects bad input with INVALID_INPUT and writes nothing', async () => {
    for (const payload of [
      { requestId: 'not-a-uuid', text: 'x' },
      { requestId: uuid(), text: '' },
      { requestId: uuid(), text: '字'.repeat(8001) },
      { requestId: uuid() },
    ]) {
      expect(await call(stack, 'api', 'bad', 'chat.send', payload)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(stack.local.store.all('messages').filter((m) => m.openid === 'bad')).toEqual([]);
  });
});

describe('provider failures', () => {
  beforeAll(() => fund('failures', 100_000_000));

  it.each(['fallback-500', 'fallback-429', 'fallback-malformed', 'fallback-timeout', 'fallback-slow'])(
    '%s: falls back to the next provider and charges once',
    async (model) => {
      const before = await balanceOf('failures');
      const res = await ok<{ cost: number; status: string }>(stack, 'api', 'failures', 'chat.send', {
        requestId: uuid(),
        text: '你好',
        model,
      });
      expect(res.status).toBe('done');
      expect((await balanceOf('failures')).balance).toBe(before.balance - res.cost);
    },
    15_000,
  );

  it.each([
    ['only-500', 'PROVIDER_UNAVAILABLE'],
    ['only-429', 'PROVIDER_UNAVAILABLE'],
    ['only-timeout', 'PROVIDER_UNAVAILABLE'],
    ['cutoff', 'PROVIDER_UNAVAILABLE'],
    ['filtered', 'CONTENT_FILTERED'],
  ])(
    '%s: a clean %s and nothing charged',
    async (model, code) => {
      const before = await balanceOf('failures');
      const requestId = uuid();
      const sentBefore = stack.llm.requests.length;
      expect(await call(stack, 'api', 'failures', 'chat.send', { requestId, text: '你好', model })).toMatchObject({
        ok: false,
        error: { code },
      });
      expect(await balanceOf('failures')).toEqual(before);
      expect(await ok(stack, 'api', 'failures', 'chat.get', { messageId: requestId })).toMatchObject({ status: 'failed', error: { code } });
      // A stream cut off half-way is never retried on another provider: it would be paid twice.
      if (model === 'cutoff') expect(stack.llm.requests.length - sentBefore).toBe(1);
    },
    15_000,
  );

  it('retrying a failed message with the same requestId tries again', async () => {
    const requestId = uuid();
    expect(await call(stack, 'api', 'failures', 'chat.send', { requestId, text: '再试一次', model: 'only-500' })).toMatchObject({
      ok: false,
    });
    const res = await ok<{ status: string }>(stack, 'api', 'failures', 'chat.send', { requestId, text: '再试一次' });
    expect(res.status).toBe('done');
  });
});

describe('history and data rights', () => {
  it('lists, reads, deletes, exports and erases only the caller’s own data', async () => {
    await fund('owner', 10_000_000);
    const a = await ok<{ conversationId: string; messageId: string }>(stack, 'api', 'owner', 'chat.send', {
      requestId: uuid(),
      text: '第一个对话',
    });
    await ok(stack, 'api', 'owner', 'chat.send', { requestId: uuid(), text: '第二个对话' });
    const list = await ok<{ conversations: Array<{ conversationId: string }> }>(stack, 'api', 'owner', 'chat.conversations', {});
    expect(list.conversations).toHaveLength(2);
    expect(await call(stack, 'api', 'stranger', 'chat.history', { conversationId: a.conversationId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call(stack, 'api', 'stranger', 'chat.get', { messageId: a.messageId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const history = await ok<{ messages: Array<{ text: string; sent: string }> }>(stack, 'api', 'owner', 'chat.history', {
      conversationId: a.conversationId,
    });
    expect(history.messages[0]).toMatchObject({ text: '第一个对话', sent: '第一个对话' });
    expect(await ok(stack, 'api', 'owner', 'chat.delete', { conversationId: a.conversationId })).toEqual({ deleted: 1 });
    const exported = await ok<{ data: { messages: unknown[]; ledger: unknown[]; consent: unknown } }>(
      stack,
      'api',
      'owner',
      'privacy.export',
    );
    expect(exported.data.messages).toHaveLength(1);
    expect(exported.data.ledger.length).toBeGreaterThan(0);
    expect(await ok(stack, 'api', 'owner', 'privacy.delete')).toEqual({ conversations: 1, messages: 1 });
    const after = await ok<{ data: { messages: unknown[]; conversations: unknown[]; ledger: unknown[]; consent: unknown } }>(
      stack,
      'api',
      'owner',
      'privacy.export',
    );
    expect(after.data).toMatchObject({ messages: [], conversations: [], consent: null });
    expect(after.data.ledger.length).toBe(exported.data.ledger.length);
  });
});
