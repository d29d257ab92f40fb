import type { PlatformDeps } from './context';

/**
 * A short-lived per-instance cache for configuration documents (models, privacy rules) that every
 * chat reads: a CloudBase instance serves many calls, and a merchant's edit shows up within `ttlMs`.
 */
const caches = new WeakMap<PlatformDeps, Map<string, { at: number; value: Promise<unknown> }>>();

export function cached<T>(deps: PlatformDeps, key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  let cache = caches.get(deps);
  if (!cache) caches.set(deps, (cache = new Map()));
  const now = deps.clock.now().getTime();
  const hit = cache.get(key);
  if (hit && now - hit.at < ttlMs) return hit.value as Promise<T>;
  const value = load();
  cache.set(key, { at: now, value });
  value.catch(() => cache!.delete(key));
  return value;
}
