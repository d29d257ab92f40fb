import { ERROR_MESSAGES, type ErrorCode } from '../contracts/errors';
import { encodeStreamEvent, StreamDone, StreamSendInput, type StreamEvent } from '../contracts/chat-stream';
import type { Envelope } from '../contracts/envelope';
import { sendChat } from '../chat/send';
import { ConfigError } from '../platform/config';
import { errorBodyOf, isAppError } from '../platform/errors';
import type { FrameworkContext, IntegrationResponse } from '../platform/http';
import { bearerToken, verifyStreamToken } from '../platform/stream-token';
import type { Deps } from './deps';
import { firstIssueMessage, issuesOf } from './router';

/** One request to the HTTP function `chat`, whatever runtime delivered it. */
export interface StreamRequest {
  method: string;
  /** The path inside the function: `/send`. */
  path: string;
  /** Lower-case names, as Node and the framework give them. */
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body (the framework's `event`), or its text. */
  body: unknown;
}

/** Where the events go once the answer is a stream. `write` is false once the client has gone; the answer goes on. */
export interface StreamSink {
  write(text: string): boolean;
  end(): void;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function reply(statusCode: number, code: ErrorCode, details?: unknown, message: string = ERROR_MESSAGES[code]): IntegrationResponse {
  const body: Envelope<never> =
    details === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, details } };
  return { statusCode, headers: JSON_HEADERS, body };
}

function parseBody(body: unknown): unknown {
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
    try {
      return text.trim() ? JSON.parse(text) : {};
    } catch {
      return undefined;
    }
  }
  return body ?? {};
}

/**
 * `POST /send` of the HTTP function `chat`: the same turn as `chat.send`, answered as server-sent
 * events (`start`, `delta`…, then `done` or `error`; see contracts/chat-stream). Who is asking comes
 * only from the stream token; a request without a valid one is 401 before anything is read or
 * written. Once the stream is open, every failure is an `error` event with the envelope's error. A
 * client that goes away does not stop the answer: it is settled and stored, and `chat.get` shows it.
 * Answers with the response to send when it did not stream.
 */
export async function handleChatStream(deps: Deps, req: StreamRequest, open: () => StreamSink): Promise<IntegrationResponse | undefined> {
  const path = req.path.replace(/\/+$/, '');
  if (!path.endsWith('/send')) return reply(404, 'UNKNOWN_ACTION', { path: path.slice(0, 64) });
  if (req.method.toUpperCase() !== 'POST') return reply(405, 'INVALID_INPUT', undefined, '请使用 POST 请求');

  const secret = deps.config.streamTokenSecret;
  if (!secret) return reply(503, 'CONFIG_INVALID', { missing: 'STREAM_TOKEN_SECRET' });
  const token = verifyStreamToken(secret, bearerToken(req.headers), deps.clock.now());
  if (!token.ok) return reply(401, 'UNAUTHENTICATED', { reason: token.reason });

  const body = parseBody(req.body);
  const input = StreamSendInput.safeParse(body);
  if (!input.success) return reply(400, 'INVALID_INPUT', issuesOf(input.error), firstIssueMessage(input.error));

  const sink = open();
  const emit = (event: StreamEvent) => sink.write(encodeStreamEvent(event));
  let started = false;
  try {
    const answer = await sendChat(deps, token.openid, input.data, {
      onStart: (ids) => {
        started = true;
        emit({ event: 'start', data: ids });
      },
      onDelta: (text) => emit({ event: 'delta', data: { text } }),
    });
    // A retried requestId answers from storage without a model call: it still starts with `start`.
    if (!started) emit({ event: 'start', data: { conversationId: answer.conversationId, messageId: answer.messageId } });
    const done = StreamDone.safeParse(answer);
    if (!done.success) {
      deps.log.error('output_contract_violation', { fn: 'chat', action: 'send', issues: done.error.issues.length });
      emit({ event: 'error', data: errorBodyOf(new Error('output contract')) });
    } else emit({ event: 'done', data: done.data });
  } catch (error) {
    if (!isAppError(error))
      deps.log.error('unhandled_error', {
        fn: 'chat',
        action: 'send',
        error: error instanceof Error ? error.name : typeof error,
        message: error instanceof Error ? error.message.slice(0, 200) : undefined,
      });
    emit({ event: 'error', data: errorBodyOf(error) });
  } finally {
    sink.end();
  }
  return undefined;
}

/**
 * The entry of the HTTP function `chat` on @cloudbase/functions-framework: the framework's context
 * becomes a StreamRequest, and `context.sse()` the sink (written as pre-encoded text, so the bytes are
 * the same on every runtime).
 */
export function chatStreamMain(
  deps: Deps | ConfigError,
): (event: unknown, context: FrameworkContext) => Promise<IntegrationResponse | undefined> {
  return async (event, context) => {
    if (deps instanceof ConfigError) return { statusCode: 500, headers: JSON_HEADERS, body: { ok: false, error: errorBodyOf(deps) } };
    const { url, httpMethod, headers } = context.httpContext;
    const request: StreamRequest = { method: httpMethod, path: new URL(url, 'http://function').pathname, headers, body: event };
    return handleChatStream(deps, request, () => {
      const sse = context.sse();
      if (!sse) throw new Error('the response was already sent');
      let ended = false;
      return {
        write: (text) => !ended && !sse.closed && sse.send(text),
        end: () => {
          if (ended) return;
          ended = true;
          // end() after the client left is harmless: the framework only closes its side.
          sse.end('');
        },
      };
    });
  };
}
