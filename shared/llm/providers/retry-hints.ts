import type { RetryHints } from '../types';

/**
 * What a response says about asking again, in the headers the official openai and anthropic SDKs
 * obey: `x-should-retry: true|false` (the provider's own verdict, above any status rule),
 * `retry-after-ms`, and `Retry-After` in seconds or as an HTTP date. A date is read against the
 * response's own `Date` header when there is one, so a skewed clock here neither stretches nor
 * cancels the wait.
 */
export function retryHintsOf(headers: Record<string, string>, now = Date.now()): RetryHints {
  const hints: RetryHints = {};
  const verdict = headers['x-should-retry']?.trim().toLowerCase();
  if (verdict === 'true') hints.shouldRetry = true;
  else if (verdict === 'false') hints.shouldRetry = false;
  const wait = waitOf(headers, now);
  if (wait !== undefined) hints.retryAfterMs = wait;
  return hints;
}

function waitOf(headers: Record<string, string>, now: number): number | undefined {
  const ms = headers['retry-after-ms']?.trim();
  if (ms && /^\d+(?:\.\d+)?$/.test(ms)) return Math.ceil(Number(ms));
  const value = headers['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+(?:\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  const sent = headers.date ? Date.parse(headers.date) : Number.NaN;
  return Math.max(0, at - (Number.isNaN(sent) ? now : sent));
}
