import type { HttpStreamer } from '../platform/http-stream';
import { anthropicProvider } from './providers/anthropic';
import { openAiProvider } from './providers/openai';
import type { Provider } from './types';

/**
 * Model providers from the function's environment: `LLM_BASE_URL` + `LLM_API_KEY` (+ `LLM_MODEL`) for
 * the default OpenAI-compatible provider, `ANTHROPIC_API_KEY` (+ `ANTHROPIC_BASE_URL`) for Anthropic.
 */
export function providersFromEnv(env: Record<string, string | undefined>, stream: HttpStreamer): Map<string, Provider> {
  const providers = new Map<string, Provider>();
  const base = env.LLM_BASE_URL?.trim();
  const key = env.LLM_API_KEY?.trim();
  if (base && key) providers.set('default', openAiProvider({ id: 'default', baseUrl: base, apiKey: key }, stream));
  else if (key) providers.set('default', openAiProvider({ id: 'default', baseUrl: 'https://api.openai.com/v1', apiKey: key }, stream));
  const anthropicKey = env.ANTHROPIC_API_KEY?.trim();
  if (anthropicKey) {
    providers.set(
      'anthropic',
      anthropicProvider(
        { id: 'anthropic', baseUrl: env.ANTHROPIC_BASE_URL?.trim() || 'https://api.anthropic.com', apiKey: anthropicKey },
        stream,
      ),
    );
  }
  return providers;
}
