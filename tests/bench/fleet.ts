/**
 * `fleet`: one `up` of the fleet example (examples/fleet, `fleet:instances`) over N instances
 * spread across the families, through the engine harness with the engine's default parallelism
 * (unbounded: `pulumi up --parallel` defaults to 2147483647), while the emulator enforces each
 * cloud's rate limit. Time runs `factor` times faster than real time (warp-clock.ts).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Emulator, LogEntry } from "../emulator";
import { startBenchEmulator } from "./bench-emulator";
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
import { median, round } from "./stats";
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
  byFamily: Record<string, FamilyFleetFigures>;
}

/**
 * Each resource's change takes 2 to 4 minutes, the emulator's 12 s lag included, whatever its
 * family's prior (issue 18: "durations 2-4 minutes"): 13 durations evenly spread, by index.
 */
export function fleetTiming(i: number): TaskTiming {
  const total = Math.round(FLEET_SHORTEST_MS + ((i % 13) / 12) * FLEET_SHORTEST_MS);
  return { lagMs: LAG_MS, durationMs: total - LAG_MS };
}

const FLEET_SHORTEST_MS = 120_000;

export interface Seeded {
  fam: BenchFamily;
  id: string;
  timing: TaskTiming;
}

function seedFleet(emu: Emulator, count: number): Seeded[] {
  return Array.from({ length: count }, (_, i) => {
    const fam = BENCH_FAMILIES[i % BENCH_FAMILIES.length];
    const seeded = { fam, id: fam.instanceId(i), timing: fleetTiming(i) };
    fam.seed(emu, seeded.id, seeded.timing);
    return seeded;
  });
}

/** What one enforced limit counts: its service and user, and the action when it is per API. */
function limitKey(limit: EmulatedRateLimit, action: string): string {
  const base = `${limit.service}/${limit.user ?? "*"}`;
  return limit.perAction ? `${base}/${action}` : base;
}

/**
 * The limits the emulator enforces for these families: one per service and user (each RDS v3
 * cloud signs as its own user, so the two clouds the emulator serves as one keep their own).
 */
export function emulatedLimits(families: Iterable<BenchFamily>): EmulatedRateLimit[] {
  const byKey = new Map<string, EmulatedRateLimit>();
  for (const fam of families) byKey.set(limitKey(fam.rateLimit, ""), fam.rateLimit);
  return [...byKey.values()];
}

/**
 * The earliest second the `n`-th call (1-based) through a limit can come, in any order: a bucket
 * lets one second's worth through at once, then `ratePerSecond`; a window lets its whole count
 * through at once, then no more until the first of them is a window old.
 */
export function earliestCallSeconds(n: number, limit: EmulatedRateLimit): number {
  const rate = limit.ratePerSecond;
  if (limit.windowMs === undefined) return Math.max(0, n - rate) / rate;
  const perWindow = Math.max(1, Math.floor((rate * limit.windowMs) / 1000));
  return (Math.ceil(n / perWindow) - 1) * (limit.windowMs / 1000);
}

/**
 * A lower bound on the fleet's wall time (first call to last) that holds in any order the calls
 * could be sent in (issue 18), in seconds: the largest of
 * - `byRate`: per enforced limit, the calls each resource cannot do without (its family's API
 *   minimum, `minimumCalls`), the last of which comes no sooner than `earliestCallSeconds`; a
 *   call a listing page can answer for many instances (`listed`: RDS v3's `ListInstances`, 100 a
 *   page) counts 1/100, since one page holds at most 100 instances;
 * - `writesFirst`: per limit, the writes through it, the longest change first. Sending the
 *   longest changes first minimises the last finish (Jackson's rule for unit jobs with tails),
 *   so no order does better: max over k of earliestCallSeconds(k + 1) + d_k, d sorted longest
 *   first. With k = 0 this is the longest change (lag included) plus no detection delay: the
 *   poll that sees it done can come the moment it ends, and the emulator answers in no time.
 */
export function lowerBoundSeconds(fleet: Seeded[]): number {
  const calls = new Map<string, { calls: number; limit: EmulatedRateLimit }>();
  const writes = new Map<string, { durations: number[]; limit: EmulatedRateLimit }>();
  for (const { fam, timing } of fleet) {
    const limit = fam.rateLimit;
    const { before, write, after } = fam.minimumCalls;
    for (const action of [...before, write, ...after]) {
      const entry = calls.get(limitKey(limit, action)) ?? { calls: 0, limit };
      entry.calls += fam.listed?.actions.includes(action) ? 1 / fam.listed.pageSize : 1;
      calls.set(limitKey(limit, action), entry);
    }
    const entry = writes.get(limitKey(limit, write)) ?? { durations: [], limit };
    entry.durations.push((timing.lagMs + timing.durationMs) / 1000);
    writes.set(limitKey(limit, write), entry);
  }
  const byRate = Math.max(
    ...[...calls.values()].map((l) => earliestCallSeconds(Math.ceil(l.calls - 1e-6), l.limit)),
  );
  const writesFirst = Math.max(...[...writes.values()].map(longestFirst));
  return Math.max(byRate, writesFirst);
}

/** The last finish when writes pass a limit longest change first (see lowerBoundSeconds). */
export function longestFirst(writes: { durations: number[]; limit: EmulatedRateLimit }): number {
  const sorted = [...writes.durations].sort((a, b) => b - a);
  return Math.max(...sorted.map((d, k) => earliestCallSeconds(k + 1, writes.limit) + d));
}

interface FamilyFleetFigures {
  apiCalls: number;
  /** The calls by action (listing pages included): where a family's calls go. */
  byAction: Record<string, number>;
  throttled: number;
  /** When its last call came (s after the fleet's first call). */
  doneSeconds: number;
  /** `lowerBoundSeconds` of this family's resources alone, under its own limit. */
  boundSeconds: number;
  /** doneSeconds over boundSeconds: how far this family is from its own bound. */
  doneOverBound: number;
  /** When its last write was accepted (s after the fleet's first call): queueing before writes. */
  lastWriteSeconds: number;
  /** Per resource, its last call after its change ended (write + lag + duration): detection. */
  lateSeconds: { median: number; max: number };
}

/** Per family: calls, throttled calls, when its last write and last call came, how late each saw its end. */
function byFamily(emu: Emulator, fleet: Seeded[], log: LogEntry[]) {
  const start = Math.min(...log.map((e) => Date.parse(e.virtualTime)));
  const figures: Record<string, FamilyFleetFigures> = {};
  const late: Record<string, number[]> = {};
  const at = (e: LogEntry) => Date.parse(e.virtualTime);
  for (const { fam, id, timing } of fleet) {
    const calls = instanceCalls(fam, emu, log, id);
    const entry = (figures[fam.family] ??= {
      apiCalls: 0,
      byAction: {},
      throttled: 0,
      doneSeconds: 0,
      boundSeconds: 0,
      doneOverBound: 0,
      lastWriteSeconds: 0,
      lateSeconds: { median: 0, max: 0 },
    });
    entry.apiCalls += calls.length;
    countActions(entry.byAction, calls);
    entry.throttled += calls.filter((e) => e.fault === "throttle").length;
    const last = Math.max(...calls.map(at));
    entry.doneSeconds = Math.max(entry.doneSeconds, round((last - start) / 1000, 1));
    const write = calls.find((e) => e.action === fam.writeAction && e.status === 200);
    if (!write) continue;
    entry.lastWriteSeconds = Math.max(entry.lastWriteSeconds, round((at(write) - start) / 1000, 1));
    const end = at(write) + timing.lagMs + timing.durationMs;
    (late[fam.family] ??= []).push((last - end) / 1000);
  }
  for (const fam of new Set(fleet.map((s) => s.fam))) {
    // Listing pages served many instances: the family's calls, no one resource's.
    const shared = fam.sharedCallsOf?.(log) ?? [];
    figures[fam.family].apiCalls += shared.length;
    countActions(figures[fam.family].byAction, shared);
    figures[fam.family].throttled += shared.filter((e) => e.fault === "throttle").length;
  }
  for (const [family, entry] of Object.entries(figures)) {
    entry.boundSeconds = round(lowerBoundSeconds(fleet.filter((s) => s.fam.family === family)), 1);
    entry.doneOverBound = round(entry.doneSeconds / entry.boundSeconds, 2);
  }
  for (const [family, values] of Object.entries(late)) {
    figures[family].lateSeconds = {
      median: round(median(values), 1),
      max: round(Math.max(...values), 1),
    };
  }
  return figures;
}

function countActions(byAction: Record<string, number>, calls: LogEntry[]): void {
  for (const e of calls) byAction[e.action] = (byAction[e.action] ?? 0) + 1;
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
  const emu = await startBenchEmulator();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-bench-fleet-"));
  try {
    const fleet = seedFleet(emu, count);
    for (const { service, perAction, ratePerSecond, windowMs, user } of emulatedLimits(
      fleet.map((s) => s.fam),
    ))
      emu.admin.injectFault({
        kind: "throttle",
        service,
        perAction,
        ratePerSecond,
        windowMs,
        user,
      });
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
    if (!result.ok)
      console.error(`bench: fleet of ${count}: ${result.errors.slice(0, 3).join("\n")}`);
    const log = emu.admin.log();
    const wallSeconds = round(cloudSpanSeconds(log), 1);
    const bound = round(lowerBoundSeconds(fleet), 1);
    const failedSteps = result.steps.filter((s) => s.status === "failed");
    return {
      resources: result.steps.filter((s) => s.op === "create" && s.status === "done").length,
      failed: failedSteps.length + (result.ok ? 0 : Math.max(0, count - result.steps.length)),
      throttledRetried: log.filter((e) => e.fault === "throttle").length,
      throttledSurfaced: failedSteps.filter((s) =>
        /throttl|RequestLimitExceeded|APIGW\.0308/i.test(s.error ?? ""),
      ).length,
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

/** The fleet sizes of issue 18: every family, 2-4 minute changes. */
export const FLEET_SIZES = [500, 2000] as const;

/**
 * Every size in turn. Time runs `factorAt500` times faster than real at 500 resources and
 * proportionally slower for larger fleets, so the provider, the engine and the emulator serve the
 * same calls per real second at every size (docs/BENCHMARKS.md: why 5 at 500).
 */
export async function measureFleets(
  sizes: readonly number[],
  factorAt500: number,
): Promise<Record<string, FleetFigures>> {
  const figures: Record<string, FleetFigures> = {};
  for (const size of sizes) {
    console.error(`bench: fleet of ${size}...`);
    figures[`at${size}`] = await measureFleet(size, round((factorAt500 * 500) / size, 2));
  }
  return figures;
}
