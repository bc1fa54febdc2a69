/**
 * Preload for the dynamic-provider host in the fleet bench (warp-clock.ts): the provider's clock
 * reads the emulator's time once, then follows it locally (both run `factor` times faster than
 * real time), and a sleep of `ms` waits `ms / factor` real milliseconds. Resolved from the host's
 * working directory like the shim (see tests/fixtures/clock-preload.ts). Bench-side only.
 */
import { createRequire } from "module";
import * as path from "path";
import { isMainThread } from "worker_threads";
import { syncClockReader } from "../fixtures/emulator-clock";

const url = process.env.DBSSL_BENCH_CLOCK_URL;
const factor = Number(process.env.DBSSL_BENCH_CLOCK_FACTOR ?? "1");
if (url && isMainThread) {
  const fromCwd = createRequire(path.join(process.cwd(), "noop.js"));
  const runtime = fromCwd("pulumi-dbssl/runtime") as typeof import("../../provider/runtime");
  const virtualStart = syncClockReader(url.replace(/\/$/, ""))();
  const realStart = Date.now();
  runtime.useClock({
    now: () => virtualStart + (Date.now() - realStart) * factor,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / factor)),
  });
}
