/** The model layer's vocabulary. Nothing here knows about users: no openid, no IP, no phone ever goes in. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Token counts as billed, normalized across providers: `input` includes `cachedInput`. */
export interface Usage {
  input: number;
  cachedInput: number;
  output: number;
}

/**
 * How an OpenAI-compatible endpoint is told the output limit: `max_tokens` almost everywhere;
 * OpenAI's o-series and gpt-5 models refuse it and take `max_completion_tokens`.
 */
export type MaxTokensParam = 'max_tokens' | 'max_completion_tokens';

export interface CompletionRequest {
  /** The provider's own model name. */
  model: string;
  messages: ChatMessage[];
  maxOutputTokens: number;
  /** OpenAI-compatible providers only (Anthropic always takes `max_tokens`); `max_tokens` when absent. */
  maxTokensParam?: MaxTokensParam;
  /** Opaque per-user tag for abuse tracing (an HMAC, never the openid), or absent. */
  user?: string;
}

export interface CompletionResult {
  text: string;
  usage: Usage;
  /** The provider's own word for why the answer ended (`stop`, `length`, `end_turn`, `max_tokens`…). */
  finishReason: string;
  /** The answer stopped at the output-token limit: complete as far as it goes, shown as cut off. */
  truncated?: boolean;
}

/** Why a provider call failed, as the router sees it. */
export type FailureKind = 'timeout' | 'rate_limited' | 'server' | 'network' | 'rejected' | 'content_filtered' | 'malformed' | 'aborted';

/** What the provider's response said about asking it again (its headers). */
export interface RetryHints {
  /** Retry-After: how long this provider asks to be left alone. */
  retryAfterMs?: number;
  /** x-should-retry: the provider's own verdict on asking it again with the same request. */
  shouldRetry?: boolean;
}

export class ProviderFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    /** Some of the answer had already arrived: never retried elsewhere (it would be billed twice). */
    readonly partial = false,
    readonly hints: RetryHints = {},
  ) {
    super(message);
    this.name = 'ProviderFailure';
  }

  /**
   * Whether the call may be tried again (on another provider, or this one if it asks): never after
   * part of the answer, always when the provider says `x-should-retry: true`, otherwise by kind.
   * `x-should-retry: false` is about this provider only: the router does not ask it again, but
   * another provider may still answer what this one could not.
   */
  get retryable(): boolean {
    if (this.partial) return false;
    if (this.hints.shouldRetry === true) return true;
    return ['timeout', 'rate_limited', 'server', 'network', 'malformed'].includes(this.kind);
  }
}

export interface CallLimits {
  connectTimeoutMs: number;
  /** Until the response's headers. */
  firstByteTimeoutMs: number;
  /** The longest silence once the headers are in (first body byte, between chunks); defaults to firstByteTimeoutMs. */
  idleTimeoutMs?: number;
  /** Absolute deadline (ms since epoch). */
  deadline: number;
  /** The caller ended the call (stop, or its own time limit): never retried anywhere. */
  signal?: AbortSignal;
}

/** A model provider: streams the answer's text through `onText`, resolves with the usage. */
export interface Provider {
  readonly id: string;
  complete(req: CompletionRequest, limits: CallLimits, onText: (delta: string) => void): Promise<CompletionResult>;
}
