/**
 * A simple per-provider circuit breaker: after `threshold` consecutive failures the provider is
 * skipped for `cooldownMs`, then tried again (one success closes it). A provider that says how long
 * to stay away (Retry-After) is skipped that long at once, without waiting for the threshold — up to
 * `maxHoldMs`, so one odd header cannot take a provider out for an hour. Kept per function instance,
 * in memory — enough to stop hammering a provider that is down, which is all it is for.
 */
export class CircuitBreaker {
  private readonly state = new Map<string, { failures: number; openUntil: number }>();

  constructor(
    private readonly threshold = 3,
    private readonly cooldownMs = 30_000,
    private readonly maxHoldMs = 60_000,
  ) {}

  isOpen(id: string, now: number): boolean {
    const s = this.state.get(id);
    return !!s && now < s.openUntil;
  }

  success(id: string): void {
    this.state.delete(id);
  }

  failure(id: string, now: number, retryAfterMs?: number): void {
    const s = this.state.get(id) ?? { failures: 0, openUntil: 0 };
    s.failures += 1;
    // Never shortened: a cooldown already earned outlasts a shorter Retry-After, and the other way round.
    if (s.failures >= this.threshold) s.openUntil = Math.max(s.openUntil, now + this.cooldownMs);
    if (retryAfterMs !== undefined && retryAfterMs > 0) s.openUntil = Math.max(s.openUntil, now + Math.min(retryAfterMs, this.maxHoldMs));
    this.state.set(id, s);
  }
}
