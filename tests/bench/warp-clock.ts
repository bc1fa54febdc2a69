/**
 * A clock shared by the emulator and the dynamic-provider host that runs `factor` times faster
 * than real time, for stacks with many resources at once. The tests' clock (DBSSL_TEST_CLOCK_URL)
 * jumps forward whenever any resource sleeps, which is right for one change at a time but, with
 * hundreds of resources waiting at once, makes every resource's poll late by whatever another
 * resource slept: the fleet's wall time would measure that, not the provider. Here time flows
 * evenly: the emulator's clock is linear in real time, and the host reads the same line.
 */
import type { Emulator } from "../emulator";

/** Makes the emulator's clock run `factor` times faster from now on (advanceBy still works). */
export function warpEmulatorClock(emu: Emulator, factor: number): void {
  const clock = emu.clock as { now(): number };
  const realNow = clock.now.bind(clock);
  const startedAt = Date.now();
  clock.now = () => realNow() + (Date.now() - startedAt) * (factor - 1);
}

/** The host's environment: preload the warp clock, pointed at the emulator. */
export function warpHostEnv(emu: Emulator, factor: number): Record<string, string> {
  return {
    NODE_OPTIONS: `--require ${JSON.stringify(require.resolve("./warp-preload"))}`,
    DBSSL_BENCH_CLOCK_URL: emu.url,
    DBSSL_BENCH_CLOCK_FACTOR: String(factor),
  };
}
