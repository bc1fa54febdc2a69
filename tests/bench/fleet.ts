/**
 * `fleet`: one `up` of the fleet example (examples/fleet, `fleet:instances`) over N instances
 * spread across the families, through the engine harness with the engine's default parallelism
 * (unbounded: `pulumi up --parallel` defaults to 2147483647), while the emulator enforces each
 * cloud's rate limit. Time runs `factor` times faster than real time (warp-clock.ts).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type Emulator, type LogEntry } from "../emulator";
import { driverFor } from "../../provider/families";
import { FLEET_PROGRAM } from "../engine/demo-fleet";
import { Stack } from "../engine/stack";
import {
  BENCH_FAMILIES,
  benchConfig,
  instanceCalls,
  type BenchFamily,
  type EmulatedRateLimit,
  type TaskTiming,
} from "./families";
import { LAG_MS } from "./convergence";
import { round } from "./stats";
import { warpEmulatorClock, warpHostEnv } from "./warp-clock";

export interface FleetFigures {
  resources: number;
  failed: number;
  throttledRetried: number;
  throttledSurfaced: number;
  wallSeconds: number;
  lowerBoundSeconds: number;
  wallOverBound: number;
  realSeconds: number;
  apiCalls: number;
  timeFactor: number;
  byFamily: Record<string, { apiCalls: number; throttled: number; doneSeconds: number }>;
}

/**
 * Each resource's change takes between 2/3 and 4/3 of its family's prior (the expected duration,
 * `SslDriver.expectedDurationMs.open`), with the emulator's 12 s lag included: a fleet of changes
 * that take as long as each family expects (RDS: 2 to 4 minutes around its 3).
 */
function fleetTiming(fam: BenchFamily, i: number): TaskTiming {
  const expected = driverFor(fam.family).expectedDurationMs?.open ?? 180_000;
  const total = Math.round(expected * (2 / 3 + ((i % 13) / 12) * (2 / 3)));
  return { lagMs: LAG_MS, durationMs: total - LAG_MS };
}

interface Seeded {
  fam: BenchFamily;
  id: string;
  timing: TaskTiming;
}

function seedFleet(emu: Emulator, count: number): Seeded[] {
  return Array.from({ length: count }, (_, i) => {
    const fam = BENCH_FAMILIES[i % BENCH_FAMILIES.length];
    const seeded = { fam, id: fam.instanceId(i), timing: fleetTiming(fam, i) };
    fam.seed(emu, seeded.id, seeded.timing);
    return seeded;
  });
}

/**
 * The limits the emulator enforces for these families: one per service, except that families
 * sharing an emulator service (both RDS v3 clouds are `rdsv3` there) get the sum of their
 * limits, standing for one limit per cloud that the emulator cannot tell apart.
 */
export function emulatedLimits(families: Iterable<BenchFamily>): EmulatedRateLimit[] {
  const byService = new Map<string, EmulatedRateLimit>();
  for (const fam of new Set(families)) {
    const known = byService.get(fam.rateLimit.service);
    const ratePerSecond = (known?.ratePerSecond ?? 0) + fam.rateLimit.ratePerSecond;
    byService.set(fam.rateLimit.service, { ...fam.rateLimit, ratePerSecond });
  }
  return [...byService.values()];
}

/**
 * What the rate limits and change durations allow at best: every (service, action) limit must
 * pass each resource's minimum calls, and the last change can start only after the reads before
 * it have passed the limit, then takes its duration.
 */
export function lowerBoundSeconds(fleet: Seeded[]): number {
  const needed = new Map<string, { calls: number; before: number; rate: number }>();
  const limits = new Map(emulatedLimits(fleet.map((s) => s.fam)).map((l) => [l.service, l]));
  for (const { fam } of fleet) {
    const limit = limits.get(fam.rateLimit.service)!;
    const { before, write, after } = fam.minimumCalls;
    for (const [action, isBefore] of [
      ...before.map((a) => [a, true] as const),
      [write, false] as const,
      ...after.map((a) => [a, false] as const),
    ]) {
      const key = limit.perAction ? `${limit.service}/${action}` : limit.service;
      const entry = needed.get(key) ?? { calls: 0, before: 0, rate: limit.ratePerSecond };
      entry.calls += 1;
      if (isBefore) entry.before += 1;
      needed.set(key, entry);
    }
  }
  const totals = [...needed.values()];
  const byRate = Math.max(...totals.map((l) => l.calls / l.rate));
  const longest = Math.max(...fleet.map((s) => s.timing.lagMs + s.timing.durationMs)) / 1000;
  const beforeWrites = Math.max(...totals.map((l) => l.before / l.rate));
  return Math.max(byRate, beforeWrites + longest);
}

/** Per family: calls, throttled calls, and when its last call came (s after the first call). */
function byFamily(emu: Emulator, fleet: Seeded[], log: LogEntry[]) {
  const start = Math.min(...log.map((e) => Date.parse(e.virtualTime)));
  const figures: Record<string, { apiCalls: number; throttled: number; doneSeconds: number }> = {};
  for (const { fam, id } of fleet) {
    const calls = instanceCalls(fam, emu, log, id);
    const entry = (figures[fam.family] ??= { apiCalls: 0, throttled: 0, doneSeconds: 0 });
    entry.apiCalls += calls.length;
    entry.throttled += calls.filter((e) => e.fault === "throttle").length;
    const last = Math.max(...calls.map((e) => Date.parse(e.virtualTime)));
    entry.doneSeconds = Math.max(entry.doneSeconds, round((last - start) / 1000, 1));
  }
  return figures;
}

function cloudSpanSeconds(log: LogEntry[]): number {
  const times = log.map((e) => Date.parse(e.virtualTime));
  return (Math.max(...times) - Math.min(...times)) / 1000;
}

function fleetConfig(emu: Emulator, fleet: Seeded[]) {
  const families = [...new Set(fleet.map((s) => s.fam))];
  const config = Object.assign({}, ...families.map((f) => benchConfig(f, emu)));
  return { ...config, "fleet:instances": JSON.stringify(fleet.map((s) => s.fam.stackEntry(s.id))) };
}

export async function measureFleet(count: number, factor: number): Promise<FleetFigures> {
  const emu = await startEmulator();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-bench-fleet-"));
  try {
    const fleet = seedFleet(emu, count);
    for (const { service, perAction, ratePerSecond } of emulatedLimits(fleet.map((s) => s.fam)))
      emu.admin.injectFault({ kind: "throttle", service, perAction, ratePerSecond });
    const stack = new Stack({
      program: FLEET_PROGRAM,
      stateFile: path.join(dir, "state.json"),
      passphrase: "bench",
      config: fleetConfig(emu, fleet),
      hostEnv: warpHostEnv(emu, factor),
      parallelism: 2_147_483_647,
    });
    warpEmulatorClock(emu, factor);
    const result = await stack.up();
    const log = emu.admin.log();
    const wallSeconds = round(cloudSpanSeconds(log), 1);
    const bound = round(lowerBoundSeconds(fleet), 1);
    const failedSteps = result.steps.filter((s) => s.status === "failed");
    return {
      resources: result.steps.filter((s) => s.op === "create" && s.status === "done").length,
      failed: failedSteps.length + (result.ok ? 0 : Math.max(0, count - result.steps.length)),
      throttledRetried: log.filter((e) => e.fault === "throttle").length,
      throttledSurfaced: failedSteps.filter((s) => /Throttling/.test(s.error ?? "")).length,
      wallSeconds,
      lowerBoundSeconds: bound,
      wallOverBound: round(wallSeconds / bound, 2),
      realSeconds: round(result.elapsedMs / 1000, 1),
      apiCalls: log.length,
      timeFactor: factor,
      byFamily: byFamily(emu, fleet, log),
    };
  } finally {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
