import { z } from 'zod';

/** One entry of the models table (config document `models`): what a user can pick and what it costs. */
export const ModelEntry = z.object({
  alias: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,40}$/),
  displayName: z.string().min(1).max(40),
  /** Ordered fallbacks: provider id (`default`, `anthropic`) and that provider's model name. */
  chain: z.array(z.object({ provider: z.string().min(1), model: z.string().min(1) })).min(1),
  inputPerMillion: z.number().int().min(0),
  cachedInputPerMillion: z.number().int().min(0).optional(),
  outputPerMillion: z.number().int().min(0),
  maxOutputTokens: z.number().int().min(16).max(32_000),
  /** How many tokens of history (plus the new turn) may be sent. */
  contextBudget: z.number().int().min(256).max(1_000_000),
  /** Served from outside mainland China: needs the user's cross-border consent. */
  crossBorder: z.boolean(),
});
export type ModelEntry = z.infer<typeof ModelEntry>;

export function defaultModels(env: Record<string, string | undefined>): ModelEntry[] {
  const model = env.LLM_MODEL?.trim() || 'gpt-4o-mini';
  const models: ModelEntry[] = [
    {
      alias: 'general',
      displayName: '通用模型',
      chain: [{ provider: 'default', model }],
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
      chain: [
        { provider: 'anthropic', model: env.ANTHROPIC_MODEL?.trim() || 'claude-sonnet-4-5' },
        { provider: 'default', model },
      ],
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
