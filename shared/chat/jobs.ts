import type { PlatformDeps } from '../platform/context';
import { fetchAll, getDoc } from '../platform/database';
import type { HoldOutcome } from '../wallet/sweeper';
import { settledChargeOf } from '../wallet/settle-reserved';
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
 * retry with the same requestId tries again. One whose settlement landed but whose answer write did
 * not (settle-reserved.ts) was charged: it is kept as stopped, with what was written of it and its charge.
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
  let kept = 0;
  for (const m of docs) {
    const holdId = (m.attempt ?? 1) > 1 ? `${m._id}.${m.attempt}` : m._id;
    const charged = await settledChargeOf(deps.db, m.openid, holdId);
    await deps.db
      .collection(MESSAGES)
      .where({ _id: m._id, status: _.in(['pending', 'streaming']) })
      .update({
        data:
          charged !== null
            ? { status: 'stopped', cost: charged, finishedAt: deps.clock.now() }
            : {
                status: 'failed',
                // A failed answer is not kept: what was streamed of it goes too.
                reply: _.remove(),
                error: { code: 'PROVIDER_UNAVAILABLE', message: '回答中断了，未扣费，请重试' },
                finishedAt: deps.clock.now(),
              },
      });
    if (charged !== null) kept += 1;
  }
  return `failed ${docs.length - kept} interrupted chats, kept ${kept} charged ones`;
}

/**
 * For the hold sweeper: the charge of the chat behind an expired hold whose answer was stored as
 * finished (done or stopped, with its cost) — a process that died inside the settlement's one round
 * (settle-reserved.ts) — or null. The hold id is the requestId, or `requestId.attempt` for a retry.
 */
export const chatHoldOutcome =
  (deps: PlatformDeps): HoldOutcome =>
  async ({ openid, holdId }) => {
    const [requestId = holdId, attempt = '1'] = holdId.split('.');
    const m = await getDoc<MessageDoc>(deps.db, MESSAGES, requestId);
    if (!m || m.openid !== openid || String(m.attempt ?? 1) !== attempt) return null;
    if ((m.status !== 'done' && m.status !== 'stopped') || typeof m.cost !== 'number') return null;
    return { actual: m.cost, ...(m.cacheHit ? { reason: 'cache_hit' } : {}) };
  };

export const chatCronJobs = [
  { name: 'fail-interrupted-chats', run: failInterruptedChats },
  { name: 'purge-raw-texts', run: purgeRawTexts },
];
