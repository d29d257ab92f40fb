/**
 * The app's own code (API client, top-up flow, chat follow-up, the generated shared bundle) against the
 * real local cloud, with `wx.request` done over HTTP — what the DevTools simulator does in local mode.
 */
import * as path from 'node:path';
import type { LocalStack } from '../../local/stack';
import { startStack } from '../support/stack';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startStack({ env: { ADMIN_OPENIDS: 'boss' } });
  // wx.request, as the simulator performs it: with enableChunked, the body is handed over as it arrives.
  (globalThis as unknown as { wx: unknown }).wx = {
    request: (o: {
      url: string;
      method: string;
      data: unknown;
      header: Record<string, string>;
      enableChunked?: boolean;
      success: (r: { statusCode: number; data: unknown }) => void;
      fail: (e: { errMsg: string }) => void;
    }) => {
      let onChunk: (r: { data: ArrayBuffer }) => void = () => undefined;
      fetch(o.url, { method: o.method, headers: o.header, body: JSON.stringify(o.data) })
        .then(async (res) => {
          if (!o.enableChunked) return o.success({ statusCode: res.status, data: await res.json() });
          const reader = res.body!.getReader();
          for (let r = await reader.read(); !r.done; r = await reader.read()) onChunk({ data: r.value.slice().buffer });
          o.success({ statusCode: res.status, data: new ArrayBuffer(0) });
        })
        .catch((e: Error) => o.fail({ errMsg: `request:fail ${e.message}` }));
      return { onChunkReceived: (l: typeof onChunk) => (onChunk = l) };
    },
  };
});
afterAll(() => stack.close());

it('consents, tops up through the sandbox, chats, and sees the statement — all through the app client', async () => {
  // Loaded untyped: the app's types need the Mini Program typings, which the Node parts do not use
  // (test/miniprogram type-checks these modules).
  const load = (p: string) => require(path.join(__dirname, '../../miniprogram', p)) as Record<string, any>;
  const { createApi } = load('api/client');
  const { localTransport } = load('api/transport');
  const { runTopup } = load('utils/topup');
  const { sendAndFollow, streamAndFollow, previewSegments } = load('pages/conversation/model');
  const { createChatStream, localChunkedRequest } = load('api/stream');
  const { newRequestId } = load('utils/format');
  const api = createApi(localTransport(stack.base, 'app-user', 30_000));

  expect(await api['consent.accept']({ version: '2026-11', crossBorder: true })).toMatchObject({ ok: true, data: { crossBorder: true } });

  const payer = {
    pay: async (order: { outTradeNo: string }) => {
      await fetch(`${stack.base}/sandbox/wechatpay/confirm`, {
        method: 'POST',
        body: JSON.stringify({ outTradeNo: order.outTradeNo, outcome: 'SUCCESS' }),
      });
      return 'ok' as const;
    },
    sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 50))),
    now: () => Date.now(),
  };
  expect(await runTopup(api, payer, 'p6')).toMatchObject({ kind: 'paid' });
  expect(await api['wallet.get']({})).toMatchObject({ ok: true, data: { balance: 6_000_000 } });

  const text = '我叫张伟，手机13812345678';
  expect(
    previewSegments(text)
      .filter((s: { hidden: boolean }) => s.hidden)
      .map((s: { label: string }) => s.label),
  ).toEqual(['[PERSON_1]', '[PHONE_1]']);
  const res = await sendAndFollow(api, { requestId: newRequestId(), text }, () => undefined, {
    sleep: (ms: number) => new Promise((r) => setTimeout(r, ms)),
  });
  expect(res).toMatchObject({ ok: true, data: { status: 'done', sent: '我叫[PERSON_1]，手机[PHONE_1]' } });
  if (res.ok) expect(res.data.reply).toContain(text);

  // The same, streamed through the HTTP function chat: the answer grows delta by delta.
  const stream = createChatStream(api, localChunkedRequest(stack.base), { timeoutMs: 30_000 });
  const shown: string[] = [];
  const streamed = await streamAndFollow(api, stream, { requestId: newRequestId(), text }, (r: string) => shown.push(r), {
    sleep: (ms: number) => new Promise((r) => setTimeout(r, ms)),
  });
  expect(streamed).toMatchObject({ ok: true, data: { status: 'done', sent: '我叫[PERSON_1]，手机[PHONE_1]' } });
  expect(shown.length).toBeGreaterThan(2);
  expect(shown.at(-1)).toBe(streamed.data.reply);

  const statement = await api['wallet.statement']({});
  // A chat is one row: its hold lives in the wallet document and writes no entry of its own.
  expect(statement.ok && statement.data.entries.map((e: { kind: string }) => e.kind)).toEqual(['settle', 'settle', 'topup']);
}, 30_000);
