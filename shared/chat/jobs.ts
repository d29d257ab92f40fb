import type { PlatformDeps } from '../platform/context';
import { fetchAll } from '../platform/database';
import { CONVERSATIONS, MESSAGES, RATE_LIMITS, type MessageDoc } from './documents';
import { CHAT_CACHE } from './response-cache';

const BATCH = 200;

/**
 * Raw prompts, restored answers and idle placeholder maps older than RETENTION_DAYS are erased; what was
 * sent (anonymized) stays. Cached answers go once expired, or once older than the retention period.
 */
export async function purgeRawTexts(deps: PlatformDeps): Promise<string> {
  const _ = deps.db.command;
  const cutoff = new Date(deps.clock.now().getTime() - deps.config.retentionDays * 86_400_000);
  const res = (await deps.db
    .collection(MESSAGES)
    .where({ createdAt: _.lt(cutoff), purgedAt: _.exists(false) })
    .update({ data: { text: _.remove(), reply: _.remove(), purgedAt: deps.clock.now() } })) as { stats?: { updated?: number } };
  // A placeholder map holds the originals too: conversations idle past the retention period lose it
  // (a later turn simply numbers its placeholders afresh).
  const idle = (await deps.db
    .collection(CONVERSATIONS)
    .where({ updatedAt: _.lt(cutoff), 'placeholders.entries.0': _.exists(true) })
    .update({ data: { placeholders: { entries: [], counters: {} } } })) as { stats?: { updated?: number } };
  const [expired, old] = (await Promise.all([
    deps.db
      .collection(CHAT_CACHE)
      .where({ expiresAt: _.lt(deps.clock.now()) })
      .remove(),
    deps.db
      .collection(CHAT_CACHE)
      .where({ createdAt: _.lt(cutoff) })
      .remove(),
  ])) as Array<{ stats?: { removed?: number } }>;
  const cachedGone = (expired?.stats?.removed ?? 0) + (old?.stats?.removed ?? 0);
  // Rate-limit windows once had documents of their own; any left from then go.
  await deps.db
    .collection(RATE_LIMITS)
    .where({ expiresAt: _.lt(deps.clock.now()) })
    .remove();
  return `purged ${res.stats?.updated ?? 0} messages, ${idle.stats?.updated ?? 0} placeholder maps, ${cachedGone} cached answers`;
}

/**
 * A chat whose function was cut off leaves its message pending or streaming; once its hold can have
 * expired, the message is marked failed (nothing was charged: the hold sweeper released it), so a
 * retry with the same requestId tries again.
 */
export async function failInterruptedChats(deps: PlatformDeps): Promise<string> {
  const _ = deps.db.command;
  const stale = new Date(deps.clock.now().getTime() - deps.config.holdTtlSeconds * 1000);
  const docs = await fetchAll<MessageDoc>(
    deps.db
      .collection(MESSAGES)
      .where({ status: _.in(['pending', 'streaming']), updatedAt: _.lt(stale) })
      .limit(BATCH),
  );
  for (const m of docs) {
    await deps.db
      .collection(MESSAGES)
      .where({ _id: m._id, status: _.in(['pending', 'streaming']) })
      .update({
        data: {
          status: 'failed',
          // A failed answer is not kept: what was streamed of it goes too.
          reply: _.remove(),
          error: { code: 'PROVIDER_UNAVAILABLE', message: '回答中断了，未扣费，请重试' },
          finishedAt: deps.clock.now(),
        },
      });
  }
  return `failed ${docs.length} interrupted chats`;
}

export const chatCronJobs = [
  { name: 'fail-interrupted-chats', run: failInterruptedChats },
  { name: 'purge-raw-texts', run: purgeRawTexts },
];
