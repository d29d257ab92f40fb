import { z } from 'zod';
import type { MaxTokensParam } from './types';

const MAX_TOKENS_PARAMS = ['max_tokens', 'max_completion_tokens'] as const satisfies readonly MaxTokensParam[];

/** One step of a model's chain: which provider, its name for the model, and how the model wants to be called. */
const ChainStep = z.object({
  /** Provider id: `default` (OpenAI-compatible) or `anthropic`. */
  provider: z.string().min(1),
  /** That provider's model name. */
  model: z.string().min(1),
  /**
   * The request field for the output limit at an OpenAI-compatible provider: `max_tokens` when absent;
   * `max_completion_tokens` for OpenAI's o-series and gpt-5 models, which refuse `max_tokens` with a 400.
   * Ignored by Anthropic.
   */
  maxTokensParam: z.enum(MAX_TOKENS_PARAMS).optional(),
});

/** One entry of the models table (config document `models`): what a user can pick and what it costs. */
export const ModelEntry = z.object({
  alias: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,40}$/),
  displayName: z.string().min(1).max(40),
  /** Ordered fallbacks, tried in turn. */
  chain: z.array(ChainStep).min(1),
  inputPerMillion: z.number().int().min(0),
  cachedInputPerMillion: z.number().int().min(0).optional(),
  outputPerMillion: z.number().int().min(0),
  maxOutputTokens: z.number().int().min(16).max(32_000),
  /** How many tokens of history (plus the new turn) may be sent. */
  contextBudget: z.number().int().min(256).max(1_000_000),
  /** Served from outside mainland China: needs the user's cross-border consent. */
  crossBorder: z.boolean(),
  /**
   * The response cache (off when absent): an exact repeat of a turn by the same user — same model,
   * parameters and anonymized messages — is answered from the cache without calling the model, and
   * charged `share` (0..1, default 1) of the original answer's cost: a cached answer is still a paid one.
   */
  cache: z.object({ enabled: z.boolean(), share: z.number().min(0).max(1).optional() }).optional(),
});
export type ModelEntry = z.infer<typeof ModelEntry>;

/** The seeded step for LLM_MODEL: OpenAI's reasoning models (o1, o3, o4-mini…) and gpt-5 take max_completion_tokens. */
function defaultStep(model: string): ModelEntry['chain'][number] {
  return /^(?:o\d|gpt-5)/i.test(model)
    ? { provider: 'default', model, maxTokensParam: 'max_completion_tokens' }
    : { provider: 'default', model };
}

export function defaultModels(env: Record<string, string | undefined>): ModelEntry[] {
  const model = env.LLM_MODEL?.trim() || 'gpt-4o-mini';
  const models: ModelEntry[] = [
    {
      alias: 'general',
      displayName: '通用模型',
      chain: [defaultStep(model)],
      inputPerMillion: 2_000_000,
      cachedInputPerMillion: 1_000_000,
      outputPerMillion: 8_000_000,
      maxOutputTokens: 1024,
      contextBudget: 8000,
      crossBorder: true,
    },
  ];
  if (env.ANTHROPIC_API_KEY?.trim()) {
    models.push({
      alias: 'claude',
      displayName: 'Claude（海外）',
      chain: [{ provider: 'anthropic', model: env.ANTHROPIC_MODEL?.trim() || 'claude-sonnet-4-5' }, defaultStep(model)],
      inputPerMillion: 30_000_000,
      cachedInputPerMillion: 3_000_000,
      outputPerMillion: 150_000_000,
      maxOutputTokens: 2048,
      contextBudget: 16000,
      crossBorder: true,
    });
  }
  return models;
}
