import { StreamFailure } from '../../platform/http-stream';
import { ProviderFailure, type FailureKind } from '../types';

/** HTTP statuses and transport failures → the router's failure kinds, the same for every provider. */
export function failureOfStatus(status: number, body: string): ProviderFailure {
  let kind: FailureKind = 'rejected';
  if (status === 429) kind = 'rate_limited';
  else if (status >= 500 || status === 408) kind = 'server';
  else if (/content[_ ]?(?:filter|policy|management)|data_inspection|sensitive/i.test(body)) kind = 'content_filtered';
  return new ProviderFailure(kind, `provider answered ${status}: ${body.slice(0, 200)}`);
}

export function failureOfTransport(error: unknown, partial: boolean): ProviderFailure {
  if (error instanceof ProviderFailure) return error;
  if (error instanceof StreamFailure) {
    const kind: FailureKind = error.kind === 'network' ? 'network' : 'timeout';
    return new ProviderFailure(kind, error.message, partial);
  }
  return new ProviderFailure('network', error instanceof Error ? error.message : String(error), partial);
}
