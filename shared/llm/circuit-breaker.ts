/**
 * A simple per-provider circuit breaker: after `threshold` consecutive failures the provider is
 * skipped for `cooldownMs`, then tried again (one success closes it). Kept per function instance, in
 * memory — enough to stop hammering a provider that is down, which is all it is for.
 */
export class CircuitBreaker {
  private readonly state = new Map<string, { failures: number; openUntil: number }>();

  constructor(
    private readonly threshold = 3,
    private readonly cooldownMs = 30_000,
  ) {}

  isOpen(id: string, now: number): boolean {
    const s = this.state.get(id);
    return !!s && s.failures >= this.threshold && now < s.openUntil;
  }

  success(id: string): void {
    this.state.delete(id);
  }

  failure(id: string, now: number): void {
    const s = this.state.get(id) ?? { failures: 0, openUntil: 0 };
    s.failures += 1;
    if (s.failures >= this.threshold) s.openUntil = now + this.cooldownMs;
    this.state.set(id, s);
  }
}
