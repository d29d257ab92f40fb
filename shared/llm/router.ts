import { AppError } from '../platform/errors';
import type { CircuitBreaker } from './circuit-breaker';
import { ProviderFailure, type CallLimits, type ChatMessage, type CompletionResult, type MaxTokensParam, type Provider } from './types';

export interface RouteStep {
  provider: Provider;
  /** The provider's own model name. */
  model: string;
  /** The chain step's setting for this model (see ModelEntry). */
  maxTokensParam?: MaxTokensParam;
}

export interface RouteResult extends CompletionResult {
  providerId: string;
  model: string;
  attempts: number;
  /** Always said, so the chat can mark an answer cut off at the token limit (it is kept and charged). */
  truncated: boolean;
}

/** The wait before asking the last provider again when it gave no Retry-After (the SDKs' first backoff). */
const RETRY_BACKOFF_MS = 500;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Keyed by provider and model: one model failing at a provider does not take its other models down. */
const circuitOf = (step: RouteStep) => `${step.provider.id}/${step.model}`;

/**
 * Tries the model's providers in order. A failure moves on to the next provider only when it is
 * retryable (timeout, 429, 5xx, network, unreadable, or the provider said `x-should-retry: true`)
 * AND nothing of the answer has arrived — a partial answer is never retried elsewhere, because it
 * would then be paid twice. Providers whose circuit is open are skipped; a Retry-After opens it.
 * When no later provider can take the call, the last one is asked once more (see `retryWait`).
 * Errors come out classified for the user.
 */
export async function routeCompletion(
  steps: RouteStep[],
  req: { messages: ChatMessage[]; maxOutputTokens: number; user?: string },
  limits: CallLimits,
  onText: (delta: string) => void,
  breaker: CircuitBreaker,
  now: () => number = Date.now,
  sleep: (ms: number) => Promise<void> = pause,
): Promise<RouteResult> {
  let last: ProviderFailure | undefined;
  let attempts = 0;
  let retried = false;
  let again = false;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const circuit = circuitOf(step);
    // The asked-for retry goes ahead although the failure just opened the circuit: its wait is over.
    const retrying = again;
    again = false;
    if (!retrying && breaker.isOpen(circuit, now())) continue;
    if (now() >= limits.deadline || limits.signal?.aborted) break;
    attempts += 1;
    try {
      const request = { ...req, model: step.model, ...(step.maxTokensParam ? { maxTokensParam: step.maxTokensParam } : {}) };
      const result = await untilEnded(step.provider.complete(request, limits, onText), limits.signal);
      breaker.success(circuit);
      return { ...result, truncated: result.truncated === true, providerId: step.provider.id, model: step.model, attempts };
    } catch (error) {
      const failure =
        error instanceof ProviderFailure ? error : new ProviderFailure('network', error instanceof Error ? error.message : String(error));
      last = failure;
      // Ended by the caller: not the provider's fault, and not to be tried anywhere else.
      if (failure.kind === 'aborted' || limits.signal?.aborted) break;
      if (failure.kind !== 'rejected' && failure.kind !== 'content_filtered') breaker.failure(circuit, now(), failure.hints.retryAfterMs);
      if (!failure.retryable) break;
      // The same provider is asked again only when no later one can take the call (another provider
      // answers sooner than any wait), and once per call.
      if (retried || steps.slice(i + 1).some((s) => !breaker.isOpen(circuitOf(s), now()))) continue;
      const wait = retryWait(failure, limits, now());
      if (wait === undefined) continue;
      retried = true;
      again = true;
      await sleep(wait);
      i -= 1;
    }
  }
  if (last?.kind === 'content_filtered')
    throw new AppError('CONTENT_FILTERED', '模型拒绝回答这个问题，请换个问法', { partial: last.partial });
  if (last?.kind === 'rejected') throw new AppError('PROVIDER_REJECTED', '模型服务拒绝了这次请求', { partial: last.partial });
  const retryAfterMs = last?.hints.retryAfterMs;
  throw new AppError('PROVIDER_UNAVAILABLE', '模型服务暂时不可用，请稍后重试（未扣费）', {
    kind: last?.kind ?? 'circuit_open',
    partial: last?.partial ?? false,
    attempts,
    ...(retryAfterMs !== undefined ? { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) } : {}),
  });
}

/** A provider that does not listen to the signal is not waited for once the caller ended the call. */
function untilEnded<T>(call: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return call;
  return new Promise<T>((resolve, reject) => {
    const ended = () => reject(new ProviderFailure('aborted', 'the call was ended by the caller', true));
    if (signal.aborted) return ended();
    signal.addEventListener('abort', ended, { once: true });
    call.then(resolve, reject).finally(() => signal.removeEventListener('abort', ended));
  });
}

/**
 * Whether the last provider is asked once more, and after how long. Never when it said
 * `x-should-retry: false`. A Retry-After is waited out in full or not at all, and only when the wait
 * plus a first byte still fit before the deadline — the router never sleeps past it. Without
 * Retry-After, a short backoff after a fast failure (5xx, 429, a dropped connection); a timeout has
 * already spent its share of the deadline, so it is not waited on unless the provider asked.
 */
function retryWait(failure: ProviderFailure, limits: CallLimits, now: number): number | undefined {
  const { retryAfterMs, shouldRetry } = failure.hints;
  if (shouldRetry === false) return undefined;
  const asked = retryAfterMs !== undefined || shouldRetry === true;
  if (!asked && failure.kind !== 'server' && failure.kind !== 'rate_limited' && failure.kind !== 'network') return undefined;
  const wait = retryAfterMs ?? RETRY_BACKOFF_MS;
  return now + wait + limits.firstByteTimeoutMs <= limits.deadline ? wait : undefined;
}
