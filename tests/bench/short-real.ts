/**
 * Short changes in real time: the fleet example through the engine harness, no virtual clock, so
 * the figures include everything a user waits for (gRPC, SDK, signing, the emulator's answers).
 * Every family's changes run in one `up`; each resource's return is when its step finished.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { LogEntry } from "../emulator";
import { startBenchEmulator } from "./bench-emulator";
import { FLEET_PROGRAM } from "../engine/demo-fleet";
import { Stack } from "../engine/stack";
import { benchConfig, instanceCalls, type BenchFamily, type TaskTiming } from "./families";
import type { TaskRun } from "./convergence";
import { round } from "./stats";

export const SHORT_TIMINGS: TaskTiming[] = [
  { lagMs: 0, durationMs: 0 },
  { lagMs: 0, durationMs: 7_000 },
  { lagMs: 2_000, durationMs: 30_000 },
];

/** Each family's short changes, all in one `up` (one host, one emulator), by family. */
export async function measureShortReal(
  families: readonly BenchFamily[],
): Promise<Record<string, TaskRun[]>> {
  const emu = await startBenchEmulator();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-bench-short-"));
  const ids = families.map((fam) => SHORT_TIMINGS.map((_, i) => fam.instanceId(900 + i)));
  const returnedAt = new Map<string, number>();
  try {
    families.forEach((fam, f) => ids[f].forEach((id, i) => fam.seed(emu, id, SHORT_TIMINGS[i])));
    const config = Object.assign({}, ...families.map((fam) => benchConfig(fam, emu)));
    const entries = families.flatMap((fam, f) => ids[f].map((id) => fam.stackEntry(id)));
    const stack = new Stack({
      program: FLEET_PROGRAM,
      stateFile: path.join(dir, "state.json"),
      passphrase: "bench",
      config: { ...config, "fleet:instances": JSON.stringify(entries) },
      onStep: (s) => returnedAt.set(s.name.replace(/-ssl$/, ""), emu.clock.now()),
    });
    const result = await stack.up();
    if (!result.ok) throw new Error(`bench: short changes failed: ${result.errors.join("; ")}`);
    const log = emu.admin.log();
    const runs = (fam: BenchFamily, f: number) =>
      ids[f].map((id, i) =>
        shortRun(instanceCalls(fam, emu, log, id), fam, i, returnedAt.get(id)!),
      );
    return Object.fromEntries(families.map((fam, f) => [fam.family, runs(fam, f)]));
  } finally {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function shortRun(calls: LogEntry[], fam: BenchFamily, i: number, returnedAt: number): TaskRun {
  const write = calls.find((c) => c.action === fam.writeAction && c.status === 200);
  if (!write) throw new Error(`bench: no accepted ${fam.writeAction} in the short changes`);
  const total = SHORT_TIMINGS[i].lagMs + SHORT_TIMINGS[i].durationMs;
  const overMs = returnedAt - (Date.parse(write.virtualTime) + total);
  return {
    durationS: total / 1000,
    overheadPct: total === 0 ? NaN : round((100 * overMs) / total, 2),
    overheadS: round(overMs / 1000, 2),
    apiCallsPerOp: calls.length,
  };
}
