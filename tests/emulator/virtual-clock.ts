/**
 * The emulator's notion of "now": real time plus an offset that only grows.
 *
 * Tests and the provider (through `DBSSL_TEST_CLOCK_URL`) move it forward instead of sleeping, and the
 * instance state machines read it lazily, so advancing the clock is all it takes to move them along.
 */
export class VirtualClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves virtual time forward by `ms` (negative values are ignored: time never goes back). */
  advanceBy(ms: number): number {
    if (Number.isFinite(ms) && ms > 0) this.offsetMs += ms;
    return this.now();
  }

  /** Makes virtual now = max(now, epochMs). */
  advanceTo(epochMs: number): number {
    const current = this.now();
    if (Number.isFinite(epochMs) && epochMs > current) this.offsetMs += epochMs - current;
    return this.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
