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

/**
 * Tries the model's providers in order. A failure moves on to the next provider only when it is
 * retryable (timeout, 429, 5xx, network, unreadable) AND nothing of the answer has arrived — a
 * partial answer is never retried elsewhere, because it would then be paid twice. Providers whose
 * circuit is open are skipped. Errors come out classified for the user.
 */
export async function routeCompletion(
  steps: RouteStep[],
  req: { messages: ChatMessage[]; maxOutputTokens: number; user?: string },
  limits: CallLimits,
  onText: (delta: string) => void,
  breaker: CircuitBreaker,
  now: () => number = Date.now,
): Promise<RouteResult> {
  let last: ProviderFailure | undefined;
  let attempts = 0;
  for (const step of steps) {
    // Keyed by provider and model: one model failing at a provider does not take its other models down.
    const circuit = `${step.provider.id}/${step.model}`;
    if (breaker.isOpen(circuit, now())) continue;
    if (now() >= limits.deadline) break;
    attempts += 1;
    try {
      const request = { ...req, model: step.model, ...(step.maxTokensParam ? { maxTokensParam: step.maxTokensParam } : {}) };
      const result = await step.provider.complete(request, limits, onText);
      breaker.success(circuit);
      return { ...result, truncated: result.truncated === true, providerId: step.provider.id, model: step.model, attempts };
    } catch (error) {
      const failure =
        error instanceof ProviderFailure ? error : new ProviderFailure('network', error instanceof Error ? error.message : String(error));
      last = failure;
      if (failure.kind !== 'rejected' && failure.kind !== 'content_filtered') breaker.failure(circuit, now());
      if (!failure.retryable) break;
    }
  }
  if (last?.kind === 'content_filtered')
    throw new AppError('CONTENT_FILTERED', '模型拒绝回答这个问题，请换个问法', { partial: last.partial });
  if (last?.kind === 'rejected') throw new AppError('PROVIDER_REJECTED', '模型服务拒绝了这次请求', { partial: last.partial });
  throw new AppError('PROVIDER_UNAVAILABLE', '模型服务暂时不可用，请稍后重试（未扣费）', {
    kind: last?.kind ?? 'circuit_open',
    partial: last?.partial ?? false,
    attempts,
  });
}
