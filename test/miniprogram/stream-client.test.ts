/** The app's streaming chat.send against a fake `wx`: chunked wx.request locally, callHTTPFunction in the cloud. */
import { createApi } from '../../miniprogram/api/client';
import { canStream, cloudChunkedRequest, createChatStream, localChunkedRequest, versionAtLeast } from '../../miniprogram/api/stream';
import { streamAndFollow } from '../../miniprogram/pages/conversation/model';
import { encodeStreamEvent, type StreamEvent } from '../../shared/contracts/chat-stream';
import type { TransportOutcome } from '../../miniprogram/api/transport';
import { wxm } from './support/wx';

const requestId = '00000000-0000-4000-8000-000000000001';
const done = {
  conversationId: 'conv-0001',
  messageId: requestId,
  status: 'done' as const,
  reply: '你好，张伟 😀',
  sent: '你好，[PERSON_1]',
  usage: { input: 1, cachedInput: 0, output: 2 },
  cost: 10,
  balance: 990,
};
const events: StreamEvent[] = [
  { event: 'start', data: { conversationId: 'conv-0001', messageId: requestId } },
  { event: 'delta', data: { text: '你好，' } },
  { event: 'delta', data: { text: '张伟 😀' } },
  { event: 'done', data: done },
];
const wire = Buffer.from(': heartbeat\n\n' + events.map(encodeStreamEvent).join(''), 'utf8');
/** The wire cut into 7-byte pieces: characters, lines and events all split. */
const pieces = (bytes: Buffer = wire) => Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7));
const ab = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

let tokens = 0;
function apiWith(
  session: () => TransportOutcome = () => ({
    kind: 'reply',
    body: {
      ok: true,
      data: {
        openid: 'o',
        isAdmin: false,
        streamToken: `tok-${++tokens}`,
        streamTokenExpiresAt: new Date(Date.now() + 3600_000).toISOString(),
      },
    },
  }),
) {
  const calls: string[] = [];
  const api = createApi(async (_fn, data) => {
    calls.push(data.action);
    if (data.action === 'session.get') return session();
    if (data.action === 'chat.send') return { kind: 'reply', body: { ok: true, data: done } };
    if (data.action === 'chat.get')
      return { kind: 'reply', body: { ok: true, data: { ...done, text: 't', model: 'general', createdAt: '2026-11-22T12:00:00.000Z' } } };
    return { kind: 'reply', body: { ok: false, error: { code: 'UNKNOWN_ACTION', message: 'x' } } };
  });
  return { api, calls };
}

/** wx.request answering with chunks through RequestTask.onChunkReceived, then success. */
function serveChunks(replies: Array<{ status: number; chunks: Buffer[]; fail?: string }>) {
  wxm.request.mockImplementation((o: any) => {
    const reply = replies.shift()!;
    let listener: ((r: { data: ArrayBuffer }) => void) | undefined;
    setTimeout(async () => {
      for (const c of reply.chunks) {
        listener?.({ data: ab(c) });
        await new Promise((r) => setTimeout(r, 0));
      }
      if (reply.fail) o.fail({ errMsg: reply.fail });
      else o.success({ statusCode: reply.status, data: new ArrayBuffer(0), header: {} });
    }, 0);
    return { onChunkReceived: (l: typeof listener) => (listener = l), abort: jest.fn() };
  });
}

beforeEach(() => {
  tokens = 0;
  wxm.request.mockReset();
  wxm.cloud.callHTTPFunction.mockReset();
});

describe('local stream (wx.request, enableChunked)', () => {
  it('posts to /http/chat/send with the stream token and turns split chunks into start, deltas and the answer', async () => {
    const { api } = apiWith();
    serveChunks([{ status: 200, chunks: pieces() }]);
    const seen: string[] = [];
    const stream = createChatStream(api, localChunkedRequest('http://127.0.0.1:8787'), { timeoutMs: 1000 });
    const res = await stream(
      { requestId, text: '你好' },
      { onStart: (ids) => seen.push(`start ${ids.messageId}`), onDelta: (t) => seen.push(t) },
    );
    expect(res).toEqual({ ok: true, data: done });
    expect(seen).toEqual([`start ${requestId}`, '你好，', '张伟 😀']);
    expect(wxm.request.mock.calls[0]![0]).toMatchObject({
      url: 'http://127.0.0.1:8787/http/chat/send',
      method: 'POST',
      enableChunked: true,
      header: { Authorization: 'Bearer tok-1' },
      data: { requestId, text: '你好' },
    });
  });

  it('keeps the token for the next message, and renews it once on 401', async () => {
    const { api, calls } = apiWith();
    const stream = createChatStream(api, localChunkedRequest('http://x'), { timeoutMs: 1000 });
    serveChunks([{ status: 200, chunks: pieces() }]);
    await stream({ requestId, text: 'a' }, {});
    const unauthorized = Buffer.from(JSON.stringify({ ok: false, error: { code: 'UNAUTHENTICATED', message: '无法确认你的身份' } }));
    serveChunks([
      { status: 401, chunks: [unauthorized] },
      { status: 200, chunks: pieces() },
    ]);
    expect(await stream({ requestId, text: 'b' }, {})).toEqual({ ok: true, data: done });
    expect(calls.filter((c) => c === 'session.get')).toHaveLength(2);
    expect(wxm.request.mock.calls.map((c) => c[0].header.Authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
  });

  it('reports an error event as the error, a 400 body as its envelope, and a cut connection as a network failure', async () => {
    const { api } = apiWith();
    const stream = createChatStream(api, localChunkedRequest('http://x'), { timeoutMs: 1000 });
    const error = encodeStreamEvent({ event: 'error', data: { code: 'INSUFFICIENT_BALANCE', message: '余额不足，请先充值' } });
    serveChunks([{ status: 200, chunks: pieces(Buffer.from(error)) }]);
    expect(await stream({ requestId, text: 'a' }, {})).toMatchObject({
      ok: false,
      kind: 'error',
      code: 'INSUFFICIENT_BALANCE',
      message: '余额不足，请先充值',
    });
    serveChunks([
      { status: 400, chunks: [Buffer.from(JSON.stringify({ ok: false, error: { code: 'INVALID_INPUT', message: '请输入内容' } }))] },
    ]);
    expect(await stream({ requestId, text: 'a' }, {})).toMatchObject({
      ok: false,
      kind: 'error',
      code: 'INVALID_INPUT',
      message: '请输入内容',
    });
    serveChunks([{ status: 200, chunks: pieces().slice(0, 12), fail: 'request:fail interrupted' }]);
    expect(await stream({ requestId, text: 'a' }, {})).toMatchObject({ ok: false, kind: 'network' });
    serveChunks([{ status: 200, chunks: pieces().slice(0, 12) }]);
    expect(await stream({ requestId, text: 'a' }, {})).toMatchObject({ ok: false, kind: 'network' });
  });

  it('is unavailable without a stream token (streaming not configured), before any request', async () => {
    const { api } = apiWith(() => ({ kind: 'reply', body: { ok: true, data: { openid: 'o', isAdmin: false } } }));
    const stream = createChatStream(api, localChunkedRequest('http://x'), { timeoutMs: 1000 });
    expect(await stream({ requestId, text: 'a' }, {})).toMatchObject({ ok: false, kind: 'unavailable' });
    expect(wxm.request).not.toHaveBeenCalled();
  });
});

describe('cloud stream (wx.cloud.callHTTPFunction)', () => {
  it('calls the HTTP function chat at /send and reads chunks from onChunkedReceived or the task, never both', async () => {
    for (const deliver of ['option', 'task', 'both'] as const) {
      wxm.cloud.callHTTPFunction.mockReset();
      wxm.cloud.callHTTPFunction.mockImplementation((o: any) => {
        let taskListener: ((r: { data: ArrayBuffer }) => void) | undefined;
        setTimeout(() => {
          for (const c of pieces()) {
            if (deliver !== 'task') o.onChunkedReceived({ data: ab(c) });
            if (deliver !== 'option') taskListener?.({ data: ab(c) });
          }
          o.success({ statusCode: 200, data: '' });
        }, 0);
        return { onChunkReceived: (l: typeof taskListener) => (taskListener = l) };
      });
      const deltas: string[] = [];
      const res = await createChatStream(apiWith().api, cloudChunkedRequest(), { timeoutMs: 1000 })(
        { requestId, text: '你好' },
        { onDelta: (t) => deltas.push(t) },
      );
      expect([deliver, res]).toEqual([deliver, { ok: true, data: done }]);
      expect(deltas).toEqual(['你好，', '张伟 😀']);
      expect(wxm.cloud.callHTTPFunction.mock.calls[0]![0]).toMatchObject({
        name: 'chat',
        path: '/send',
        method: 'POST',
        enableChunked: true,
        header: { Authorization: expect.stringMatching(/^Bearer tok-/) },
        data: { requestId, text: '你好' },
      });
    }
  });
});

describe('which base libraries stream', () => {
  it('needs chunked wx.request locally, and callHTTPFunction on base library 3.15.1 or later in the cloud', () => {
    wxm.canIUse.mockImplementation(() => true);
    expect(canStream('local')).toBe(true);
    wxm.canIUse.mockImplementation((s: string) => s !== 'RequestTask.onChunkReceived');
    expect(canStream('local')).toBe(false);
    wxm.canIUse.mockImplementation(() => false);
    wxm.getAppBaseInfo.mockReturnValue({ SDKVersion: '3.15.1' });
    expect(canStream('cloud')).toBe(true);
    wxm.getAppBaseInfo.mockReturnValue({ SDKVersion: '3.9.12' });
    expect(canStream('cloud')).toBe(false);
    expect(versionAtLeast('3.15.10', '3.15.1')).toBe(true);
    expect(versionAtLeast('2.33.0', '3.15.1')).toBe(false);
  });
});

describe('streamAndFollow', () => {
  const timers = { sleep: async () => undefined };
  it('hands a cut stream over to chat.send + chat.get with the same requestId', async () => {
    const { api, calls } = apiWith();
    serveChunks([{ status: 200, chunks: pieces().slice(0, 10), fail: 'request:fail interrupted' }]);
    const shown: string[] = [];
    const stream = createChatStream(api, localChunkedRequest('http://x'), { timeoutMs: 1000 });
    const res = await streamAndFollow(api, stream, { requestId, text: '你好' }, (r) => shown.push(r), timers);
    expect(res).toEqual({ ok: true, data: done });
    expect(calls).toContain('chat.send');
  });
  it('answers from the stream alone when it completes, and falls back to polling without a stream', async () => {
    const { api, calls } = apiWith();
    serveChunks([{ status: 200, chunks: pieces() }]);
    const shown: string[] = [];
    const stream = createChatStream(api, localChunkedRequest('http://x'), { timeoutMs: 1000 });
    expect(await streamAndFollow(api, stream, { requestId, text: '你好' }, (r) => shown.push(r), timers)).toEqual({ ok: true, data: done });
    expect(shown).toEqual(['你好，', '你好，张伟 😀']);
    expect(calls).not.toContain('chat.send');
    expect(await streamAndFollow(api, null, { requestId, text: '你好' }, () => undefined, timers)).toMatchObject({ ok: true });
    expect(calls).toContain('chat.send');
  });
});
