import { createHash } from 'node:crypto';
import type { Config } from '../platform/config';
import { getDoc, type Database } from '../platform/database';
import type { ChatMessage, Usage } from '../llm/types';
import type { ModelEntry } from '../llm/model-entry';

/** The response cache (issue 12 §5): one user's exact repeats of a turn, answered without the model. */
export const CHAT_CACHE = 'chatcache';

const MAX_TTL_DAYS = 30;

/** `_id` = the key (cacheKeyOf). Holds only what was sent abroad: the anonymized answer, never a restored one. */
export interface ChatCacheDoc {
  _id: string;
  openid: string;
  model: string;
  /** The model's text with placeholders, restored with the asking conversation's session. */
  replySent: string;
  usage: Usage;
  /** What the original answer cost (a hit is charged `share` of it). */
  cost: number;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * SHA-256 of everything that makes an answer: the user (entries are never shared between users), the
 * model alias and its parameters (output limit, the provider chain), and the anonymized messages sent
 * (system prompt, history and turn).
 */
export function cacheKeyOf(openid: string, model: ModelEntry, messages: ChatMessage[]): string {
  const params = [model.maxOutputTokens, model.chain.map((s) => [s.provider, s.model, s.maxTokensParam ?? null])];
  const input = createHash('sha256')
    .update(JSON.stringify(messages.map((m) => [m.role, m.content])))
    .digest('hex');
  return createHash('sha256')
    .update(JSON.stringify([openid, model.alias, params, input]))
    .digest('hex');
}

/** An entry lives min(30 days, the retention period): it holds a conversation's text like a message does. */
export function cacheTtlMs(config: Pick<Config, 'retentionDays'>): number {
  return Math.min(MAX_TTL_DAYS, config.retentionDays) * 86_400_000;
}

/** The entry for this key, or null (absent, another user's, or expired: an expired entry is a miss). */
export async function readCached(db: Database, key: string, openid: string, now: Date): Promise<ChatCacheDoc | null> {
  const entry = await getDoc<ChatCacheDoc>(db, CHAT_CACHE, key);
  if (!entry || entry.openid !== openid) return null;
  return new Date(entry.expiresAt).getTime() > now.getTime() ? entry : null;
}

export async function writeCached(db: Database, entry: ChatCacheDoc): Promise<void> {
  const { _id, ...data } = entry;
  await db.collection(CHAT_CACHE).doc(_id).set({ data });
}

/** What a hit is charged: the model's share of the original cost, never more than the hold. */
export function hitCharge(model: ModelEntry, entry: Pick<ChatCacheDoc, 'cost'>, held: number): number {
  return Math.min(held, Math.round(entry.cost * (model.cache?.share ?? 1)));
}
