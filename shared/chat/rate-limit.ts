import type { PlatformDeps } from '../platform/context';
import { inTransaction } from '../platform/database';
import { AppError } from '../platform/errors';
import { RATE_LIMITS } from './documents';

/**
 * A fixed one-minute window per user, counted in one document per window (`_id` = openid:minute)
 * inside a transaction, so concurrent requests cannot slip past the limit. The timer deletes old windows.
 */
export async function takeRateLimit(deps: PlatformDeps, openid: string): Promise<void> {
  const now = deps.clock.now();
  const minute = Math.floor(now.getTime() / 60_000);
  const id = `${openid}:${minute}`;
  const count = await inTransaction(deps.db, async (tx) => {
    const doc = await tx.get<{ count: number }>(RATE_LIMITS, id);
    const next = (doc?.count ?? 0) + 1;
    await tx.set(RATE_LIMITS, id, { openid, minute, count: next, expiresAt: new Date((minute + 2) * 60_000) });
    return next;
  });
  if (count > deps.config.rateLimitPerMinute) {
    throw new AppError('RATE_LIMITED', `发送太频繁了，请 ${60 - (Math.floor(now.getTime() / 1000) % 60)} 秒后再试`, {
      retryAfterSeconds: 60 - (Math.floor(now.getTime() / 1000) % 60),
    });
  }
}
