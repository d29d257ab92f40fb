import { ModelEntry, defaultModels } from '../llm/model-entry';
import type { LlmDeps } from '../llm/deps';
import { getDoc } from '../platform/database';
import { AppError, invalidConfigDocument } from '../platform/errors';
import { cached } from '../platform/cache';
import { MODELS_DOC } from './documents';

/** The models table (config document `models`), seeded from the environment on first use. */
export async function loadModels(deps: LlmDeps): Promise<ModelEntry[]> {
  const doc = await getDoc<{ models: unknown }>(deps.db, 'config', MODELS_DOC);
  if (!doc) {
    const seeded = defaultModels(process.env);
    await deps.db
      .collection('config')
      .doc(MODELS_DOC)
      .set({ data: { models: seeded, updatedAt: deps.clock.now() } });
    return seeded;
  }
  const parsed = ModelEntry.array().min(1).safeParse(doc.models);
  if (!parsed.success) {
    deps.log.error('config_document_invalid', { document: MODELS_DOC, issues: parsed.error.issues.length });
    throw invalidConfigDocument(MODELS_DOC, parsed.error.issues.length);
  }
  return parsed.data;
}

export async function findModel(deps: LlmDeps, alias: string | undefined): Promise<ModelEntry> {
  // Read on every chat: cached for a few seconds per instance.
  const models = await cached(deps, 'models', 10_000, () => loadModels(deps));
  const model = alias ? models.find((m) => m.alias === alias) : models[0];
  if (!model) throw new AppError('NOT_FOUND', `没有这个模型：${alias}`);
  return model;
}

/** A model can answer when at least one provider of its chain is configured. */
export function isAvailable(deps: LlmDeps, model: ModelEntry): boolean {
  return model.chain.some((s) => deps.llm.providers.has(s.provider));
}
