import {
  StreamDecoder,
  Utf8StreamDecoder,
  type ApiContracts,
  type ErrorCode,
  type InputOf,
  type OutputOf,
  type StreamEvent,
} from '../generated/shared';
import type { ApiFunctions, ApiResult } from './client';

type SendInput = InputOf<ApiContracts['chat.send']>;
type SendOutput = OutputOf<ApiContracts['chat.send']>;

/**
 * A chunked HTTP request to the HTTP function `chat`, as the platform offers it: body chunks as they
 * arrive, then the end (status and whatever `success` carried) or a failure.
 */
export type ChunkedRequest = (
  request: { path: string; header: Record<string, string>; data: unknown; timeoutMs: number },
  on: { chunk(bytes: Uint8Array): void; end(statusCode: number, data: unknown): void; fail(errMsg: string): void },
) => void;

/** Either the first way the platform delivers chunks, or the other — never both for one request. */
function chunkLatch(deliver: (bytes: Uint8Array) => void) {
  let via: string | undefined;
  return (source: string) => (res: { data: ArrayBuffer }) => {
    via ??= source;
    if (via === source) deliver(new Uint8Array(res.data));
  };
}

/** The call CloudBase documents for HTTP functions (base library ≥ 3.15.1); missing from the typings. */
type CallHttpFunction = (options: {
  name: string;
  path: string;
  method: string;
  header: Record<string, string>;
  data: unknown;
  timeout: number;
  enableChunked: boolean;
  onChunkedReceived?: (res: { data: ArrayBuffer }) => void;
  success?: (res: { statusCode: number; data: unknown }) => void;
  fail?: (err: { errMsg?: string }) => void;
}) => { onChunkReceived?: (listener: (res: { data: ArrayBuffer }) => void) => void; abort?: () => void } | undefined;

const callHttpFunction = () => (wx.cloud as unknown as { callHTTPFunction?: CallHttpFunction }).callHTTPFunction;

/**
 * In the cloud: `wx.cloud.callHTTPFunction({ name: 'chat', path, enableChunked: true })`. CloudBase's
 * documentation passes chunks to the `onChunkedReceived` option; a RequestTask-style
 * `task.onChunkReceived` is taken too, whichever delivers first.
 */
export function cloudChunkedRequest(): ChunkedRequest {
  return (request, on) => {
    const latch = chunkLatch(on.chunk);
    const task = callHttpFunction()!({
      name: 'chat',
      path: request.path,
      method: 'POST',
      header: { 'content-type': 'application/json', ...request.header },
      data: request.data,
      timeout: request.timeoutMs,
      enableChunked: true,
      onChunkedReceived: latch('option'),
      success: (res) => on.end(res.statusCode, res.data),
      fail: (err) => on.fail(err.errMsg ?? 'callHTTPFunction:fail'),
    });
    task?.onChunkReceived?.(latch('task'));
  };
}

/** Locally: `wx.request({ enableChunked: true })` to the local cloud's `/http/chat/<path>`. */
export function localChunkedRequest(baseUrl: string): ChunkedRequest {
  return (request, on) => {
    const task = wx.request({
      url: `${baseUrl}/http/chat${request.path}`,
      method: 'POST',
      header: { 'content-type': 'application/json', ...request.header },
      data: request.data as WechatMiniprogram.IAnyObject,
      timeout: request.timeoutMs,
      enableChunked: true,
      responseType: 'arraybuffer',
      success: (res) => on.end(res.statusCode, res.data),
      fail: (err) => on.fail(err.errMsg),
    });
    task.onChunkReceived(chunkLatch(on.chunk)('task'));
  };
}

/** Whether this base library can stream: callHTTPFunction (≥ 3.15.1) in the cloud, chunked wx.request locally. */
export function canStream(mode: 'local' | 'cloud'): boolean {
  if (mode === 'local') return !!wx.canIUse?.('request.object.enableChunked') && !!wx.canIUse?.('RequestTask.onChunkReceived');
  if (typeof callHttpFunction() !== 'function') return false;
  const info = (wx as unknown as { getAppBaseInfo?: () => { SDKVersion?: string } }).getAppBaseInfo?.() ?? wx.getSystemInfoSync();
  return versionAtLeast(info.SDKVersion ?? '0', '3.15.1');
}

export function versionAtLeast(version: string, min: string): boolean {
  const a = version.split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] || 0;
    const y = b[i] || 0;
    if (x !== y) return x > y;
  }
  return true;
}

/**
 * What a streamed send ends in: the `chat.send` result (done, or the error event), a network failure
 * or timeout (the answer goes on on the server: follow it with `chat.get`), or `unavailable` — no
 * token (streaming not configured) or refused — before anything was sent: use the polling path.
 */
export type StreamResult = ApiResult<SendOutput> | { ok: false; kind: 'unavailable'; message: string };

export type ChatStream = (
  input: SendInput,
  handlers: { onStart?(ids: { conversationId: string; messageId: string }): void; onDelta?(text: string): void },
) => Promise<StreamResult>;

const NETWORK_MESSAGE = '网络不太好，请检查网络后重试';

/** A body that did not stream (401, 400…): the envelope as JSON, from the chunks or from `success`. */
function jsonOf(chunks: Uint8Array[], data: unknown): unknown {
  if (data && typeof data === 'object' && !(data instanceof ArrayBuffer)) return data;
  const parts = chunks.length ? chunks : data instanceof ArrayBuffer ? [new Uint8Array(data)] : [];
  let text = typeof data === 'string' && !chunks.length ? data : '';
  const utf8 = new Utf8StreamDecoder();
  for (const p of parts) text += utf8.write(p);
  text += utf8.end();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * The app's streaming `chat.send`: takes a stream token from `session.get` (kept until shortly before
 * it expires; renewed once on 401), posts the payload to the HTTP function `chat` and turns the
 * chunks into `start` / `delta` callbacks and one result. `now` is injected for tests.
 */
export function createChatStream(
  api: ApiFunctions,
  request: ChunkedRequest,
  options: { timeoutMs: number; now?: () => number },
): ChatStream {
  const now = options.now ?? (() => Date.now());
  let token: { value: string; expiresAt: number } | undefined;

  async function currentToken(renew: boolean): Promise<string | undefined> {
    if (!renew && token && token.expiresAt - now() > 120_000) return token.value;
    const session = await api['session.get']({});
    if (!session.ok || !session.data.streamToken || !session.data.streamTokenExpiresAt) return undefined;
    token = { value: session.data.streamToken, expiresAt: Date.parse(session.data.streamTokenExpiresAt) };
    return token.value;
  }

  function attempt(bearer: string, input: SendInput, handlers: Parameters<ChatStream>[1]): Promise<StreamResult | 'unauthorized'> {
    return new Promise((resolve) => {
      let result: StreamResult | undefined;
      // Everything is kept too: a body that is not a stream (401, 400) is one JSON envelope.
      const raw: Uint8Array[] = [];
      const decoder = new StreamDecoder((event: StreamEvent) => {
        if (result) return;
        if (event.event === 'start') handlers.onStart?.(event.data);
        else if (event.event === 'delta') handlers.onDelta?.(event.data.text);
        else if (event.event === 'done') result = { ok: true, data: event.data };
        else
          result = {
            ok: false,
            kind: 'error',
            code: event.data.code as ErrorCode,
            message: event.data.message,
            details: event.data.details,
          };
      });
      request(
        { path: '/send', header: { Authorization: `Bearer ${bearer}` }, data: input, timeoutMs: options.timeoutMs },
        {
          chunk: (bytes) => {
            raw.push(bytes);
            decoder.push(bytes);
          },
          end: (statusCode, data) => {
            decoder.end();
            if (result) return resolve(result);
            if (statusCode === 401) return resolve('unauthorized');
            const body = jsonOf(raw, data) as { ok?: boolean; error?: { code: ErrorCode; message: string; details?: unknown } } | null;
            if (body && body.ok === false && body.error)
              return resolve({ ok: false, kind: 'error', code: body.error.code, message: body.error.message, details: body.error.details });
            if (statusCode === 504) return resolve({ ok: false, kind: 'timeout', message: '请求超时了，请稍后重试' });
            // The connection ended before the last event: the server finishes the answer anyway.
            resolve({ ok: false, kind: 'network', message: NETWORK_MESSAGE });
          },
          fail: (errMsg) => {
            decoder.end();
            if (result) return resolve(result);
            resolve(
              /time ?out|超时/i.test(errMsg)
                ? { ok: false, kind: 'timeout', message: '请求超时了，请稍后重试' }
                : { ok: false, kind: 'network', message: NETWORK_MESSAGE },
            );
          },
        },
      );
    });
  }

  return async (input, handlers) => {
    for (const renew of [false, true]) {
      const bearer = await currentToken(renew);
      if (!bearer) return { ok: false, kind: 'unavailable', message: '暂不支持流式回答' };
      const outcome = await attempt(bearer, input, handlers);
      if (outcome !== 'unauthorized') return outcome;
      token = undefined;
    }
    return { ok: false, kind: 'unavailable', message: '暂不支持流式回答' };
  };
}
