import type { HttpStreamer, StreamRequest } from '../../platform/http-stream';
import { SseParser } from '../sse';
import { failureOfErrorEvent, failureOfStatus, failureOfTransport } from './http-status';
import { ProviderFailure } from '../types';

/** What a provider makes of a response: its stream's events, or one JSON document. */
export interface WireHandlers {
  onEvent(data: string, event?: string): void;
  /**
   * The provider ignored `stream: true` (a proxy, an endpoint without streaming) and answered with
   * one complete JSON document. It is the whole answer — already produced and billed upstream — so
   * it must be read as one, never taken for a dropped stream and paid again elsewhere.
   */
  onDocument(doc: object): void;
  /** Whether part of the answer arrived (then a failure is partial, never retried elsewhere). */
  hasText(): boolean;
}

/** The body is kept until the first event: for error messages, or as the whole JSON answer. */
const MAX_KEPT_BYTES = 4 * 1024 * 1024;

/**
 * One streaming call, the same for every provider: feed the body to an SSE parser, keep its start,
 * turn transport and HTTP failures into ProviderFailures. A failure raised while parsing (inside the
 * stream's data handler) is kept and thrown once the call is over.
 */
export async function sseCall(stream: HttpStreamer, request: StreamRequest, handlers: WireHandlers): Promise<void> {
  let sawEvent = false;
  const parser = new SseParser((data, event) => {
    sawEvent = true;
    handlers.onEvent(data, event);
  });
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let failure: unknown;
  let status: number;
  let headers: Record<string, string>;
  try {
    const res = await stream(request, (chunk) => {
      if (!sawEvent && keptBytes < MAX_KEPT_BYTES) {
        kept.push(chunk);
        keptBytes += chunk.length;
      }
      try {
        parser.push(chunk);
      } catch (error) {
        failure ??= error;
      }
    });
    status = res.status;
    headers = res.headers;
    parser.end();
  } catch (error) {
    if (failure) throw failure;
    throw failureOfTransport(error, handlers.hasText());
  }
  if (failure) throw failure;
  const body = Buffer.concat(kept).toString('utf8');
  if (status < 200 || status >= 300) throw failureOfStatus(status, body, headers);
  if (!sawEvent && (/json/i.test(headers['content-type'] ?? '') || body.trimStart().startsWith('{')))
    handlers.onDocument(documentOf(body, headers));
}

/** A whole JSON answer; one that carries an error (OpenRouter sends some with status 200) is a failure. */
function documentOf(body: string, headers: Record<string, string>): object {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    throw new ProviderFailure('malformed', 'the provider sent an unreadable JSON answer');
  }
  if (!doc || typeof doc !== 'object') throw new ProviderFailure('malformed', 'the provider sent an unreadable JSON answer');
  const error = (doc as { error?: { code?: unknown; message?: unknown } }).error;
  if (error) {
    if (typeof error.code === 'number' && error.code >= 400 && error.code < 600) throw failureOfStatus(error.code, body, headers);
    throw failureOfErrorEvent(JSON.stringify(error), typeof error.message === 'string' ? error.message : 'error document', false);
  }
  return doc;
}
