import type { HttpStreamer, StreamRequest } from '../../platform/http-stream';
import { SseParser } from '../sse';
import { failureOfStatus, failureOfTransport } from './http-status';

/**
 * One streaming call, the same for every provider: feed the body to an SSE parser, keep the start of
 * the body for error messages, turn transport and HTTP failures into ProviderFailures. A failure raised
 * while parsing (inside the stream's data handler) is kept and thrown once the call is over.
 * `hasText` tells whether part of the answer arrived (then a failure is partial, never retried).
 */
export async function sseCall(
  stream: HttpStreamer,
  request: StreamRequest,
  onEvent: (data: string, event?: string) => void,
  hasText: () => boolean,
): Promise<void> {
  const parser = new SseParser(onEvent);
  let errorBody = '';
  let failure: unknown;
  let status: number;
  try {
    const res = await stream(request, (chunk) => {
      if (errorBody.length < 2000 && !hasText()) errorBody += chunk.toString('utf8');
      try {
        parser.push(chunk);
      } catch (error) {
        failure ??= error;
      }
    });
    status = res.status;
    parser.end();
  } catch (error) {
    if (failure) throw failure;
    throw failureOfTransport(error, hasText());
  }
  if (failure) throw failure;
  if (status < 200 || status >= 300) throw failureOfStatus(status, errorBody);
}
