/**
 * `convergence.offPrior` (issue 18): for every family, changes whose durations are drawn
 * log-uniform from 20 s to 30 minutes with a fixed seed, independent of the family's prior and
 * of the emulator's defaults, each with an estimate error drawn from the emulator's modes
 * (exact, 2x too early, 2x too late, frozen, jumping back; estimate-errors.ts). One process per
 * family, in draw order, so the learned durations work as in a fleet. The Terraform-style
 * baseline runs the same changes. The 30-minute figure is the most calls of a 30-minute change
 * over every error mode.
 */
import { forgetLearnedDurations } from "../../provider/core/lifecycle/learned-durations";
import { usePollSchedule } from "../../provider/core/lifecycle/wait";
import { startBenchEmulator } from "./bench-emulator";
import { ESTIMATE_ERROR_MODES, type EstimateErrorMode } from "../emulator/estimate-errors";
import { LAG_MS, runTask, terraformSchedule, type TaskRun } from "./convergence";
import type { BenchFamily } from "./families";
import { rdsv3 } from "./families-more";
import { median, round } from "./stats";

export const OFF_PRIOR_SEED = 18;
const SAMPLES = 40;
const FROM_MS = 20_000;
const TO_MS = 30 * 60_000;

/** mulberry32: a small seeded generator, so every run draws the same changes. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Draw {
  totalMs: number;
  estimate: EstimateErrorMode;
}

export function offPriorDraws(seed = OFF_PRIOR_SEED): Draw[] {
  const random = seeded(seed);
  return Array.from({ length: SAMPLES }, () => ({
    totalMs: Math.round(FROM_MS * (TO_MS / FROM_MS) ** random()),
    estimate: ESTIMATE_ERROR_MODES[Math.floor(random() * ESTIMATE_ERROR_MODES.length)],
  }));
}

/** The lag is part of the change (the emulator's 12 s, or all of a change shorter than that). */
const timingOf = (totalMs: number) => {
  const lagMs = Math.min(LAG_MS, totalMs / 2);
  return { lagMs, durationMs: totalMs - lagMs };
};

async function runDraws(fam: BenchFamily, draws: Draw[]): Promise<TaskRun[]> {
  const emu = await startBenchEmulator();
  forgetLearnedDurations();
  try {
    const runs: TaskRun[] = [];
    for (const [i, d] of draws.entries()) {
      runs.push(await runTask(fam, emu, i, timingOf(d.totalMs), d.estimate));
    }
    return runs;
  } finally {
    await emu.close();
  }
}

function overhead(runs: TaskRun[]) {
  const long = runs.filter((r) => r.durationS >= 60).map((r) => r.overheadPct);
  return { median: round(median(long), 2), worst: round(Math.max(...long), 2) };
}

async function familyOffPrior(fam: BenchFamily) {
  const draws = offPriorDraws();
  const thirty = ESTIMATE_ERROR_MODES.map((estimate) => ({ totalMs: TO_MS, estimate }));
  const runs = await runDraws(fam, [...draws, ...thirty]);
  const previous = usePollSchedule(terraformSchedule(fam.baselineFirstPollMs));
  let baseline: TaskRun[];
  try {
    baseline = await runDraws(fam, [...draws, thirty[0]]);
  } finally {
    usePollSchedule(previous);
  }
  const drawn = runs.slice(0, draws.length);
  return {
    overheadPct: { ...overhead(drawn), over: "the drawn changes of 1 min or more" },
    apiCallsPerOp: {
      thirtyMinutes: Math.max(...runs.slice(draws.length).map((r) => r.apiCallsPerOp)),
      median: median(drawn.map((r) => r.apiCallsPerOp)),
    },
    baseline: {
      overheadPct: overhead(baseline.slice(0, draws.length)),
      apiCallsPerOp: { thirtyMinutes: baseline[baseline.length - 1].apiCallsPerOp },
    },
    samples: drawn.map((r, i) => ({ ...r, estimate: draws[i].estimate })),
  };
}

/**
 * OTC's estimate is the instant task list, which neither cloud documents to show an SSL switch:
 * the same draws on a cloud that leaves it out, so the figure's dependence on that shows.
 */
async function withoutTaskList(families: readonly BenchFamily[]) {
  if (!families.some((f) => f.family === "opentelekomcloud.rds")) return undefined;
  const { overheadPct, apiCallsPerOp } = await familyOffPrior(rdsv3("opentelekomcloud", false));
  return {
    "opentelekomcloud.rds": { overheadPct, apiCallsPerOp },
    why: "the same draws with the emulator's instant task list leaving the SSL switch out (unverified either way)",
  };
}

export async function offPriorFigures(families: readonly BenchFamily[]) {
  const byFamily: Record<string, Awaited<ReturnType<typeof familyOffPrior>>> = {};
  for (const fam of families) byFamily[fam.family] = await familyOffPrior(fam);
  return {
    seed: OFF_PRIOR_SEED,
    drawn:
      `log-uniform 20 s-30 min, ${SAMPLES} changes per family (the emulator's 12 s lag ` +
      `included), independent of the priors; one process per family, in draw order`,
    estimateErrors:
      `one mode per change drawn from ${ESTIMATE_ERROR_MODES.join(", ")} ` +
      `(tests/emulator/estimate-errors.ts); the 30-minute figure is the most calls over all five`,
    byFamily,
    withoutTaskList: await withoutTaskList(families),
  };
}
