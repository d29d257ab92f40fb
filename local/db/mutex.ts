/**
 * A FIFO lock. The local database serializes transactions and writes with it: CloudBase gives
 * transactions snapshot isolation and aborts conflicting writers; running them one at a time is a
 * stricter isolation level, which is allowed locally (DESIGN §4) and makes conflicts impossible.
 */
export class Mutex {
  private locked = false;
  private readonly waiters: Array<() => void> = [];

  async acquire(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.locked = false;
  }
}
