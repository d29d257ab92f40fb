/**
 * The HTTP function `chat` through the local cloud: a real chat streamed from the fake model, the
 * stream token's refusals, and an answer that outlives its connection.
 */
import { performance } from 'node:perf_hooks';
import type { LocalStack } from '../../local/stack';
import { apiContracts } from '../../shared/contracts';
import { signStreamToken } from '../../shared/platform/stream-token';
import { call, ok, startStack } from '../support/stack';
import { streamChat } from '../support/stream';

let stack: LocalStack;
let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

beforeAll(async () => {
  stack = await startStack({ env: { ADMIN_OPENIDS: 'boss', RATE_LIMIT_PER_MINUTE: '1000000' } });
  stack.llm.chunkDelayMs = 0;
}, 30_000);
afterAll(() => stack.close());

async function fund(openid: string, micro: number): Promise<void> {
  await ok(stack, 'api', openid, 'consent.accept', { version: '2026-11', crossBorder: true });
  if (micro > 0)
    await ok(stack, 'admin', 'boss', 'users.adjust', { openid, amount: micro, reason: '测试资金', requestId: `fund-${openid}` });
}
const tokenOf = async (openid: string) => (await ok<{ streamToken: string }>(stack, 'api', openid, 'session.get')).streamToken;
const wallet = (openid: string) => ok<{ balance: number; held: number }>(stack, 'api', openid, 'wallet.get');
const ledgerOf = (openid: string) => stack.local.store.all('ledger').filter((e) => e.openid === openid);

/** Everything in the database, to show that a refused request wrote nothing. */
function snapshot(): string {
  const names = stack.local.store.collectionNames().sort();
  return JSON.stringify(names.map((c) => [c, stack.local.store.all(c)]));
}

describe('POST /http/chat/send', () => {
  it('streams start, the restored deltas and done; the deltas make the reply; no placeholder shows', async () => {
    await fund('streamer', 10_000_000);
    const text = '我叫王芳，电话13900001111，帮我写一句生日祝福';
    const requestId = uuid();
    const before = stack.llm.requests.length;
    const res = await streamChat(stack, { requestId, text }, { token: await tokenOf('streamer') });
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('text/event-stream; charset=utf-8');

    const names = res.events.map((e) => e.event);
    expect(names[0]).toBe('start');
    expect(names.at(-1)).toBe('done');
    expect(names.slice(1, -1).every((e) => e === 'delta')).toBe(true);
    expect(names.length).toBeGreaterThan(4);

    const start = res.events[0] as { data: { conversationId: string; messageId: string } };
    const done = res.events.at(-1) as { event: 'done'; data: { reply: string; sent: string; cost: number; balance: number } };
    expect(start.data.messageId).toBe(requestId);
    expect(apiContracts['chat.send'].output.safeParse(done.data).success).toBe(true);
    const deltas = res.events.flatMap((e) => (e.event === 'delta' ? [e.data.text] : []));
    expect(deltas.join('')).toBe(done.data.reply);
    expect(done.data.reply).toContain(text);
    for (const d of deltas) expect(d).not.toMatch(/[[［【]\s*[A-Za-z_]*\s*\d*\s*[\]］】]?$|PERSON|PHONE/);
    expect(done.data.sent).toBe('我叫[PERSON_1]，电话[PHONE_1]，帮我写一句生日祝福');

    // What left the country is anonymized; what was stored and charged is what the stream said.
    expect(stack.llm.requests.length - before).toBe(1);
    expect(stack.llm.requests.at(-1)!.body).not.toMatch(/王芳|13900001111|streamer/);
    expect(await ok(stack, 'api', 'streamer', 'chat.get', { messageId: requestId })).toMatchObject({
      status: 'done',
      reply: done.data.reply,
      cost: done.data.cost,
    });
    expect(await wallet('streamer')).toMatchObject({ balance: 10_000_000 - done.data.cost, held: 0 });
    expect(done.data.balance).toBe(10_000_000 - done.data.cost);

    // The same requestId again: start and the stored answer, no second model call, no second charge.
    const again = await streamChat(stack, { requestId, text }, { token: await tokenOf('streamer') });
    expect(again.events.map((e) => e.event)).toEqual(['start', 'done']);
    expect(again.events[1]).toMatchObject({ data: { reply: done.data.reply, cost: done.data.cost } });
    expect(stack.llm.requests.length - before).toBe(1);
    expect(await wallet('streamer')).toMatchObject({ balance: 10_000_000 - done.data.cost });
  });

  it('continues a conversation named in the body and keeps its placeholders', async () => {
    await fund('follower', 10_000_000);
    const token = await tokenOf('follower');
    const first = await streamChat(stack, { requestId: uuid(), text: '我叫赵磊' }, { token });
    const conversationId = (first.events[0] as { data: { conversationId: string } }).data.conversationId;
    const second = await streamChat(stack, { requestId: uuid(), text: '赵磊明天生日', conversationId }, { token });
    expect(second.events.at(-1)).toMatchObject({ event: 'done', data: { conversationId, sent: '[PERSON_1]明天生日' } });
  });

  it('ends in an error event carrying the envelope error (same code and message as chat.send) and charges nothing', async () => {
    await fund('broke', 0);
    const text = '你好';
    const res = await streamChat(stack, { requestId: uuid(), text }, { token: await tokenOf('broke') });
    expect(res.status).toBe(200);
    expect(res.events.map((e) => e.event)).toEqual(['error']);
    const envelope = await call<{ ok: false; error: unknown }>(stack, 'api', 'broke', 'chat.send', { requestId: uuid(), text });
    expect(res.events[0]!.data).toEqual(envelope.error);
    expect(res.events[0]).toMatchObject({ data: { code: 'INSUFFICIENT_BALANCE' } });
    expect(ledgerOf('broke').filter((e) => e.kind !== 'adjust')).toEqual([]);
  });

  it('answers 400 INVALID_INPUT for a body that is not a chat.send payload, and writes nothing', async () => {
    const token = await tokenOf('streamer');
    const before = snapshot();
    for (const body of [{ requestId: 'nope', text: 'x' }, { requestId: uuid(), text: '' }, { requestId: uuid() }])
      expect(await streamChat(stack, body, { token })).toMatchObject({
        status: 400,
        json: { ok: false, error: { code: 'INVALID_INPUT' } },
      });
    // A body that is not JSON never reaches the function: the framework answers it.
    expect(await streamChat(stack, 'not json', { token })).toMatchObject({ status: 400, json: { code: 'BAD_REQUEST' } });
    expect(snapshot()).toBe(before);
  });

  it('answers 401 for no token, an expired, a forged or another user’s token — and writes nothing', async () => {
    await fund('victim', 10_000_000);
    const secret = process.env.STREAM_TOKEN_SECRET!;
    const real = await tokenOf('mallory');
    const [v, , exp, mac] = real.split('.');
    const cases: Record<string, string | undefined> = {
      missing: undefined,
      expired: signStreamToken(secret, 'victim', new Date(Date.now() - 1000)),
      forged: signStreamToken('f'.repeat(64), 'victim', new Date(Date.now() + 3600_000)),
      // mallory's signature with victim's openid put in its place
      'another user': [v, Buffer.from('victim').toString('base64url'), exp, mac].join('.'),
    };
    const llmBefore = stack.llm.requests.length;
    const before = snapshot();
    for (const [name, token] of Object.entries(cases)) {
      // Headers and body fields that name a user are no identity at all.
      const res = await streamChat(
        stack,
        { requestId: uuid(), text: '把我的余额花光', openid: 'victim' },
        { token, headers: { 'x-wx-openid': 'victim', 'x-wx-source': 'wx_client' } },
      );
      expect([name, res.status]).toEqual([name, 401]);
      expect(res.json).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: '无法确认你的身份，请在微信小程序里重新打开' },
      });
    }
    expect(snapshot()).toBe(before);
    expect(stack.llm.requests.length).toBe(llmBefore);
    expect(await wallet('victim')).toMatchObject({ balance: 10_000_000, held: 0 });
  });

  it('acts for the token’s user only: an openid in a header or the body changes nothing', async () => {
    await fund('victim2', 10_000_000);
    await fund('mallory2', 0);
    const requestId = uuid();
    const res = await streamChat(
      stack,
      { requestId, text: '把余额花光', openid: 'victim2' },
      { token: await tokenOf('mallory2'), headers: { 'x-wx-openid': 'victim2' } },
    );
    // mallory2's own (empty) wallet is the one that was asked
    expect(res.events.map((e) => e.event)).toEqual(['error']);
    expect(res.events[0]).toMatchObject({ data: { code: 'INSUFFICIENT_BALANCE', details: { available: 0 } } });
    expect(stack.local.store.all('messages').filter((m) => m.openid === 'victim2')).toEqual([]);
    expect(await wallet('victim2')).toMatchObject({ balance: 10_000_000, held: 0 });
  });

  it('answers 404 for another path and 405 for another method', async () => {
    const token = await tokenOf('streamer');
    expect((await fetch(`${stack.base}/http/chat/other`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(
      404,
    );
    expect((await fetch(`${stack.base}/http/chat/send`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(405);
  });
});

describe('a lost connection', () => {
  it('does not stop the answer: it is finished, settled once and stored, and chat.get returns it', async () => {
    await fund('leaver', 10_000_000);
    stack.llm.chunkDelayMs = 25;
    const requestId = uuid();
    const before = stack.llm.requests.length;
    try {
      const res = await streamChat(
        stack,
        { requestId, text: '请介绍一下长城的历史' },
        { token: await tokenOf('leaver'), hangUpWhen: (e) => e.event === 'delta' },
      );
      expect(res.hungUp).toBe(true);
      expect(res.events.map((e) => e.event)).toEqual(['start', 'delta']);
      let message = await ok<{ status: string; reply: string; cost?: number }>(stack, 'api', 'leaver', 'chat.get', {
        messageId: requestId,
      });
      expect(message.status).not.toBe('done'); // still being written when the client left
      for (let i = 0; i < 200 && message.status !== 'done'; i++) {
        await new Promise((r) => setTimeout(r, 25));
        message = await ok(stack, 'api', 'leaver', 'chat.get', { messageId: requestId });
      }
      expect(message.status).toBe('done');
      expect(message.reply).toContain('请介绍一下长城的历史');
      expect(message.reply).toMatch(/请问还需要什么帮助？$/);
      expect(stack.llm.requests.length - before).toBe(1);
      const entries = ledgerOf('leaver').filter((e) => e.ref === requestId);
      // One entry per chat: its hold lives in the wallet document (wallet/reserve.ts).
      expect(entries.map((e) => e.kind).sort()).toEqual(['settle']);
      expect(await wallet('leaver')).toEqual({ balance: 10_000_000 - message.cost!, held: 0, available: 10_000_000 - message.cost! });
    } finally {
      stack.llm.chunkDelayMs = 0;
    }
  });
});

describe('latency', () => {
  it('from the fake model writing a piece of the answer to the client decoding it (printed, not asserted)', async () => {
    await fund('timer', 10_000_000);
    const sentAt: number[] = [];
    stack.llm.chunkDelayMs = 20; // pieces far enough apart that each is its own delta
    stack.llm.onChunkSent = () => sentAt.push(performance.now());
    try {
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) {
        sentAt.length = 0;
        const res = await streamChat(stack, { requestId: uuid(), text: '今天天气不错，适合做什么运动' }, { token: await tokenOf('timer') });
        const deltas = res.events.filter((e) => e.event === 'delta');
        expect(deltas).toHaveLength(sentAt.length);
        deltas.forEach((d, k) => samples.push(d.at - sentAt[k]!));
      }
      samples.sort((a, b) => a - b);
      const median = samples[Math.floor(samples.length / 2)]!;
      console.info(
        `chat stream token latency (model → client): median ${median.toFixed(2)} ms, max ${samples.at(-1)!.toFixed(2)} ms over ${samples.length} deltas`,
      );
    } finally {
      stack.llm.onChunkSent = undefined;
      stack.llm.chunkDelayMs = 0;
    }
  });
});
