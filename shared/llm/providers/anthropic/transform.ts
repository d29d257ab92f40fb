import type { CompletionRequest, Usage } from '../../types';

/** Anthropic Messages API: the system prompt is a field, not a message. Plain HTTP, as for OpenAI. */
export function requestBody(req: CompletionRequest): Record<string, unknown> {
  const system = req.messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  return {
    model: req.model,
    max_tokens: req.maxOutputTokens,
    stream: true,
    ...(system ? { system } : {}),
    messages: req.messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role, content: m.content })),
  };
}

export interface StartUsage {
  input_tokens?: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
}

/**
 * Anthropic's `input_tokens` excludes cache reads and writes; billing counts all three. Normalized so
 * that `input` is every input token and `cachedInput` the part read from cache.
 */
export function normalizeUsage(start: StartUsage, outputTokens: number): Usage {
  const cached = start.cache_read_input_tokens ?? 0;
  return {
    input: (start.input_tokens ?? 0) + cached + (start.cache_creation_input_tokens ?? 0),
    cachedInput: cached,
    output: outputTokens,
  };
}
