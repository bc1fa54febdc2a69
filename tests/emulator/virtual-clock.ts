/**
 * The emulator's notion of "now": real time plus an offset that only grows.
 *
 * Tests and the provider (through `DBSSL_TEST_CLOCK_URL`) move it forward instead of sleeping, and the
 * instance state machines read it lazily, so advancing the clock is all it takes to move them along.
 *
 * `until` lets a call wait for a point in VIRTUAL time (the `slow` fault holds a call this way): it
 * resolves when real time gets there or as soon as an advance passes it, before the emulator
 * answers anything else, so a provider whose waits advance the clock sees the held call as run.
 */
interface Waiter {
  check(): void;
}

export class VirtualClock {
  private offsetMs = 0;
  private readonly waiters = new Set<Waiter>();

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves virtual time forward by `ms` (negative values are ignored: time never goes back). */
  advanceBy(ms: number): number {
    if (Number.isFinite(ms) && ms > 0) this.offsetMs += ms;
    this.wake();
    return this.now();
  }

  /** Makes virtual now = max(now, epochMs). */
  advanceTo(epochMs: number): number {
    const current = this.now();
    if (Number.isFinite(epochMs) && epochMs > current) this.offsetMs += epochMs - current;
    this.wake();
    return this.now();
  }

  /** Resolves once virtual now >= `epochMs` (real time or an advance gets there first). */
  until(epochMs: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        check: () => {
          clearTimeout(timer);
          if (this.now() >= epochMs) {
            this.waiters.delete(waiter);
            resolve();
          } else {
            timer = setTimeout(waiter.check, epochMs - this.now());
          }
        },
      };
      this.waiters.add(waiter);
      waiter.check();
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
