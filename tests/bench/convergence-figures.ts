/**
 * The `convergence` figures of results.json, for every family: the provider's schedule and the
 * Terraform-style baseline over the same changes (convergence.ts), and short changes in real
 * time (short-real.ts). The top-level figures are the first family's (alicloud.rds, the one the
 * goals were first written for); `byFamily` holds the same figures for each family.
 */
import { driverFor } from "../../provider/families";
import { SCHEDULE } from "../../provider/core/lifecycle/wait";
import { measureConvergence } from "./convergence";
import type { BenchFamily } from "./families";
import { measureShortReal } from "./short-real";
import type { TaskRun } from "./convergence";

/** All the long changes (longTimings in convergence.ts): a minute to 30 minutes. */
const ANY_DURATION_S: [number, number] = [60, 1790];

/**
 * Where the family's prior says completion is likely (the waiter's dense window), in seconds;
 * without a prior (`SslDriver.expectedDurationMs.open`), every duration.
 */
export function expectedWindowS(fam: BenchFamily): [number, number] | undefined {
  const expected = driverFor(fam.family).expectedDurationMs?.open;
  if (expected === undefined) return undefined;
  return [(expected * SCHEDULE.WINDOW_FROM) / 1000, (expected * SCHEDULE.WINDOW_TO) / 1000];
}

type Measured = Awaited<ReturnType<typeof measureConvergence>>;

function familyFigures(fam: BenchFamily, { provider, baseline }: Measured, shortReal: TaskRun[]) {
  const window = expectedWindowS(fam);
  const over = window ?? ANY_DURATION_S;
  const minimum = fam.minimumCalls.before.length + 1 + fam.minimumCalls.after.length;
  return {
    family: fam.family,
    expectedWindowS: window ?? null,
    overheadPct: {
      ...provider.overheadPctInPrior,
      over: window
        ? `changes of ${over[0]}-${over[1]} s (the prior's window)`
        : `changes of ${over[0]}-${over[1]} s (the family declares no prior)`,
    },
    overheadPctAnyDuration: { ...provider.overheadPct, over: "changes of 60-1790 s" },
    apiCallsPerOp: provider.apiCallsPerOp,
    minimumCallsPerOp: minimum,
    minimumCalls: fam.minimumCalls,
    shortReal,
    tasks: provider.tasks,
    baseline: {
      firstPollMs: fam.baselineFirstPollMs,
      overheadPct: baseline.overheadPctInPrior,
      overheadPctAnyDuration: baseline.overheadPct,
      apiCallsPerOp: baseline.apiCallsPerOp,
      tasks: baseline.tasks,
    },
  };
}

export type FamilyConvergence = ReturnType<typeof familyFigures>;

/** The long changes, one family at a time (each on its own emulator and jumping clock). */
async function measureEach(families: readonly BenchFamily[]): Promise<Measured[]> {
  const measured: Measured[] = [];
  for (const fam of families)
    measured.push(await measureConvergence(fam, expectedWindowS(fam) ?? ANY_DURATION_S));
  return measured;
}

/**
 * Every family's figures. The short changes wait in real time (an instant change on a cloud
 * without a job id waits out the family's grace period, 2 minutes for RDS v3), so the long
 * ones, computed on the jumping clock in this process, run meanwhile.
 */
export async function convergenceFigures(families: readonly BenchFamily[]) {
  const [shortReal, measured] = await Promise.all([
    measureShortReal(families),
    measureEach(families),
  ]);
  const byFamily: Record<string, FamilyConvergence> = {};
  families.forEach((fam, i) => {
    byFamily[fam.family] = familyFigures(fam, measured[i], shortReal[fam.family]);
  });
  return { ...byFamily[families[0].family], byFamily };
}
