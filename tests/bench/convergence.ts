/**
 * `convergence`: how long after the cloud finished a change `create` returns, as a share of the
 * change's duration (`overheadPct`), and the cloud calls one create costs (`apiCallsPerOp`), for
 * the provider's schedule and for a Terraform-style baseline run through the same driver.
 *
 * Long changes run in this process with the real driver and SDK against the emulator, on a clock
 * that jumps when the provider sleeps (in-process.ts); short ones also run in real time through
 * the engine harness (short-real.ts).
 */
import type { PollSchedule } from "../../provider/core/lifecycle/wait";
import { usePollSchedule } from "../../provider/core/lifecycle/wait";
import { forgetLearnedDurations } from "../../provider/core/lifecycle/learned-durations";
import type { Emulator } from "../emulator";
import { startBenchEmulator } from "./bench-emulator";
import type { EstimateErrorMode } from "../emulator/estimate-errors";
import { benchConfig, resourceInputs, type BenchFamily, type TaskTiming } from "./families";
import { createOnce, inProcessLifecycle } from "./in-process";
import { median, round } from "./stats";

export interface TaskRun {
  durationS: number;
  overheadPct: number;
  /** Seconds from the cloud finishing to `create` returning (short changes). */
  overheadS?: number;
  apiCallsPerOp: number;
}

/** The emulator's lag before a change shows (its default), part of every change's duration. */
export const LAG_MS = 12_000;

/** Changes of a minute to 30 minutes, spread evenly on a log scale (36 of them). */
export function longTimings(): TaskTiming[] {
  return Array.from({ length: 36 }, (_, k) => {
    const total = Math.round(60_000 * 30 ** (k / 35)) - (k === 35 ? 10_000 : 0);
    return { lagMs: LAG_MS, durationMs: total - LAG_MS };
  });
}

/**
 * Twelve more changes inside the family's dense window (a minute or more), spread on a log scale:
 * the goal's median and worst are taken there, and the 36 changes above put only 4 of them in the
 * 21-84 s window of a 42 s prior, too few for a stable median.
 */
export function windowTimings([fromS, toS]: [number, number]): TaskTiming[] {
  const from = Math.max(60, fromS) * 1000;
  const to = toS * 1000;
  if (to <= from) return [];
  return Array.from({ length: 12 }, (_, k) => {
    const total = Math.round(from * (to / from) ** ((k + 0.5) / 12));
    return { lagMs: LAG_MS, durationMs: total - LAG_MS };
  });
}

/**
 * terraform-provider-alicloud: `Delay` before the first poll, then plugin-sdk's StateChangeConf
 * waits 100 ms doubling, floored at 3 s (MinTimeout) and capped at 10 s (alibaba.md §2).
 */
export function terraformSchedule(firstPollMs: number): PollSchedule {
  const pollTimes = [firstPollMs];
  for (let n = 0; pollTimes.length < 2000; n++) {
    pollTimes.push(
      pollTimes[pollTimes.length - 1] + Math.min(10_000, Math.max(3_000, 100 * 2 ** n)),
    );
  }
  return ({ elapsedMs }) => {
    const next = pollTimes.find((t) => t > elapsedMs) ?? elapsedMs + 10_000;
    return next - elapsedMs;
  };
}

/**
 * One create of a fresh instance whose change takes `timing`; the emulator counts the calls.
 * `estimate`: how wrong the cloud's remaining-time estimates are for it (default: exact).
 */
export async function runTask(
  fam: BenchFamily,
  emu: Emulator,
  index: number,
  timing: TaskTiming,
  estimate: EstimateErrorMode = "none",
): Promise<TaskRun> {
  const id = fam.instanceId(index);
  fam.seed(emu, id, timing);
  emu.admin.setEstimateError(estimate, id);
  const lc = inProcessLifecycle(fam.family, emu, benchConfig(fam, emu));
  const before = emu.admin.log().length;
  await createOnce(lc, { ...resourceInputs(fam, id), timeoutMinutes: 60 });
  const returnedAt = emu.clock.now();
  const calls = emu.admin.log().slice(before);
  const write = calls.find((c) => c.action === fam.writeAction && c.status === 200);
  if (!write) throw new Error(`bench: no accepted ${fam.writeAction} for ${id}`);
  const total = timing.lagMs + timing.durationMs;
  const finishedAt = Date.parse(write.virtualTime) + total;
  return {
    durationS: round(total / 1000, 1),
    overheadPct: total === 0 ? NaN : round((100 * (returnedAt - finishedAt)) / total, 2),
    apiCallsPerOp: calls.length,
  };
}

async function runAll(fam: BenchFamily, timings: TaskTiming[]): Promise<TaskRun[]> {
  const emu = await startBenchEmulator();
  try {
    const runs: TaskRun[] = [];
    // Each change as the first of its process: these figures are the code's prior's (the
    // learned durations would follow the ascending durations; offPrior measures learning).
    for (const [i, timing] of timings.entries()) {
      forgetLearnedDurations();
      runs.push(await runTask(fam, emu, i, timing));
    }
    return runs;
  } finally {
    await emu.close();
  }
}

export interface ConvergenceFigures {
  /** Over changes of a minute or more. */
  overheadPct: { median: number; worst: number };
  /** Over the changes inside the family's expected window (the prior), a minute or more. */
  overheadPctInPrior: { median: number; worst: number };
  apiCallsPerOp: { instant: number; thirtyMinutes: number; median: number };
  tasks: TaskRun[];
}

function summarize(instant: TaskRun, long: TaskRun[], prior: [number, number]): ConvergenceFigures {
  const overhead = (runs: TaskRun[]) => ({
    median: round(median(runs.map((r) => r.overheadPct)), 2),
    worst: round(Math.max(...runs.map((r) => r.overheadPct)), 2),
  });
  const inPrior = long.filter((r) => r.durationS >= prior[0] && r.durationS <= prior[1]);
  return {
    overheadPct: overhead(long),
    overheadPctInPrior: overhead(inPrior),
    apiCallsPerOp: {
      instant: instant.apiCallsPerOp,
      thirtyMinutes: long[long.length - 1].apiCallsPerOp,
      median: median(long.map((r) => r.apiCallsPerOp)),
    },
    tasks: [instant, ...long],
  };
}

/** The provider's schedule, then the baseline, over the same changes. */
export async function measureConvergence(
  fam: BenchFamily,
  priorWindowS: [number, number],
): Promise<{ provider: ConvergenceFigures; baseline: ConvergenceFigures }> {
  const total = (t: TaskTiming) => t.lagMs + t.durationMs;
  const changes = [...longTimings(), ...windowTimings(priorWindowS)];
  const timings = [{ lagMs: 0, durationMs: 0 }, ...changes.sort((a, b) => total(a) - total(b))];
  const [instant, ...long] = await runAll(fam, timings);
  const provider = summarize(instant, long, priorWindowS);
  const previous = usePollSchedule(terraformSchedule(fam.baselineFirstPollMs));
  try {
    const [bInstant, ...bLong] = await runAll(fam, timings);
    return { provider, baseline: summarize(bInstant, bLong, priorWindowS) };
  } finally {
    usePollSchedule(previous);
  }
}
