import { StreamFailure } from '../../platform/http-stream';
import { ProviderFailure, type FailureKind } from '../types';
import { isContentRefusal } from './refusals';
import { retryHintsOf } from './retry-hints';

/**
 * HTTP statuses and transport failures → the router's failure kinds, the same for every provider;
 * the response's Retry-After and x-should-retry travel with the failure to the router.
 */
export function failureOfStatus(status: number, body: string, headers: Record<string, string> = {}): ProviderFailure {
  let kind: FailureKind = 'rejected';
  if (status === 429) kind = 'rate_limited';
  else if (status >= 500 || status === 408) kind = 'server';
  else if (isContentRefusal(body)) kind = 'content_filtered';
  return new ProviderFailure(kind, `provider answered ${status}: ${body.slice(0, 200)}`, false, retryHintsOf(headers));
}

/**
 * An error sent inside a 200 stream (OpenAI-compatible `error` chunk, Anthropic `error` event): a
 * content refusal, a rate limit, or the provider failing. `detail` is the error object as JSON.
 */
export function failureOfErrorEvent(detail: string, message: string, partial: boolean): ProviderFailure {
  let kind: FailureKind = 'server';
  if (isContentRefusal(detail)) kind = 'content_filtered';
  else if (/rate[_ ]?limit|"code":429\b/i.test(detail)) kind = 'rate_limited';
  return new ProviderFailure(kind, message, partial);
}

export function failureOfTransport(error: unknown, partial: boolean): ProviderFailure {
  if (error instanceof ProviderFailure) return error;
  if (error instanceof StreamFailure) {
    const kind: FailureKind = error.kind === 'network' ? 'network' : error.kind === 'aborted' ? 'aborted' : 'timeout';
    return new ProviderFailure(kind, error.message, partial);
  }
  return new ProviderFailure('network', error instanceof Error ? error.message : String(error), partial);
}
