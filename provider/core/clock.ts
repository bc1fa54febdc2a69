/**
 * Time, injectable so that waits run in milliseconds under test.
 *
 * Production always starts on the system clock and never looks at the environment to replace
 * it. A test (or any embedding) replaces it from the outside with `useClock` on
 * `pulumi-dbssl/runtime`, typically from a `--require` preload given to the dynamic-provider
 * host (the project's tests do that with `tests/fixtures/clock-preload.ts`). Every part of the
 * provider reads the one clock through `processClock()`, so waits, deadlines and certificate
 * expiry checks share one time line.
 */

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

let current: Clock = systemClock;

/** The clock for this process: the system's unless `useClock` replaced it. */
export function processClock(): Clock {
  return current;
}

/** Replaces the process clock; returns the previous one (so an embedding can put it back). */
export function useClock(clock: Clock): Clock {
  if (typeof clock?.now !== "function" || typeof clock?.sleep !== "function") {
    throw new TypeError("useClock: expected an object with now() and sleep(ms)");
  }
  const previous = current;
  current = clock;
  return previous;
}
