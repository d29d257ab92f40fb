import { performance } from 'node:perf_hooks';
import type { LocalStack } from '../../local/stack';
import { StreamDecoder, type StreamEvent } from '../../shared/contracts/chat-stream';

export interface Streamed {
  status: number;
  contentType: string | null;
  /** Each event with the moment it was decoded (performance.now()). */
  events: Array<StreamEvent & { at: number }>;
  /** The JSON body of an answer that did not stream (401, 400…). */
  json?: unknown;
  /** The client hung up (see `hangUpWhen`). */
  hungUp: boolean;
}

/**
 * `POST /http/chat/send` on the local cloud, read the way the app reads it: bytes as they arrive,
 * through the shared decoder. `hangUpWhen` aborts the request as soon as it returns true.
 */
export async function streamChat(
  stack: LocalStack,
  body: unknown,
  options: { token?: string; headers?: Record<string, string>; hangUpWhen?: (event: StreamEvent) => boolean } = {},
): Promise<Streamed> {
  const abort = new AbortController();
  const res = await fetch(`${stack.base}/http/chat/send`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.headers ?? {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: abort.signal,
  });
  const out: Streamed = { status: res.status, contentType: res.headers.get('content-type'), events: [], hungUp: false };
  if (!out.contentType?.startsWith('text/event-stream')) {
    out.json = await res.json();
    return out;
  }
  const decoder = new StreamDecoder((event) => {
    out.events.push({ ...event, at: performance.now() });
    if (!out.hungUp && options.hangUpWhen?.(event)) {
      out.hungUp = true;
      abort.abort();
    }
  });
  const reader = res.body!.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      decoder.push(value);
    }
    decoder.end();
  } catch (error) {
    if (!out.hungUp) throw error;
  }
  return out;
}
