import type { CompletionRequest, Usage } from '../../types';

/**
 * OpenAI-compatible chat completions (OpenAI, DeepSeek, Qwen compatible mode, Moonshot, OpenRouter,
 * Gemini's OpenAI endpoint). Plain HTTP instead of the official SDK: it must run on CloudBase's
 * Node 16 and the same request shape serves every vendor.
 */
export function requestBody(req: CompletionRequest): Record<string, unknown> {
  return {
    model: req.model,
    messages: req.messages,
    [req.maxTokensParam ?? 'max_tokens']: req.maxOutputTokens,
    stream: true,
    stream_options: { include_usage: true },
    ...(req.user ? { user: req.user } : {}),
  };
}

export interface ChunkUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number };
  /** DeepSeek reports its context cache this way. */
  prompt_cache_hit_tokens?: number;
  /** And Moonshot/Kimi this way. */
  cached_tokens?: number;
}

/** `prompt_tokens` already includes cached tokens for OpenAI, DeepSeek and Moonshot: cached is a part, not an addition. */
export function normalizeUsage(u: ChunkUsage): Usage {
  const input = u.prompt_tokens ?? 0;
  const cached = u.prompt_tokens_details?.cached_tokens ?? u.prompt_cache_hit_tokens ?? u.cached_tokens ?? 0;
  return { input, cachedInput: Math.min(cached, input), output: u.completion_tokens ?? 0 };
}

export interface StreamChunk {
  choices?: Array<{ delta?: { content?: string | null }; finish_reason?: string | null; usage?: ChunkUsage | null }>;
  usage?: ChunkUsage | null;
  /** OpenAI's codes are strings; OpenRouter's are HTTP statuses. */
  error?: { message?: string; code?: string | number };
}

/** A whole chat.completion, when a provider ignores `stream: true`. */
export interface ChatCompletion {
  choices?: Array<{ message?: { content?: string | null }; finish_reason?: string | null; usage?: ChunkUsage | null }>;
  usage?: ChunkUsage | null;
}
