/**
 * Short changes in real time: the fleet example through the engine harness, no virtual clock, so
 * the figures include everything a user waits for (gRPC, SDK, signing, the emulator's answers).
 * All changes run in one `up`; each resource's return is when its step finished.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator } from "../emulator";
import { FLEET_PROGRAM } from "../engine/demo-fleet";
import { Stack } from "../engine/stack";
import { benchConfig, type BenchFamily, type TaskTiming } from "./families";
import type { TaskRun } from "./convergence";
import { round } from "./stats";

export const SHORT_TIMINGS: TaskTiming[] = [
  { lagMs: 0, durationMs: 0 },
  { lagMs: 0, durationMs: 7_000 },
  { lagMs: 2_000, durationMs: 30_000 },
];

export async function measureShortReal(fam: BenchFamily): Promise<TaskRun[]> {
  const emu = await startEmulator();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-bench-short-"));
  const ids = SHORT_TIMINGS.map((_, i) => fam.instanceId(900 + i));
  const returnedAt = new Map<string, number>();
  try {
    ids.forEach((id, i) => fam.seed(emu, id, SHORT_TIMINGS[i]));
    const stack = new Stack({
      program: FLEET_PROGRAM,
      stateFile: path.join(dir, "state.json"),
      passphrase: "bench",
      config: {
        ...benchConfig(fam, emu),
        "fleet:instances": JSON.stringify(ids.map((id) => fam.stackEntry(id))),
      },
      onStep: (s) => returnedAt.set(s.name.replace(/-ssl$/, ""), emu.clock.now()),
    });
    const result = await stack.up();
    if (!result.ok) throw new Error(`bench: short changes failed: ${result.errors.join("; ")}`);
    const log = emu.admin.log();
    return ids.map((id, i) => {
      const calls = log.filter((e) => e.params.DBInstanceId === id || e.params.InstanceId === id);
      const write = calls.find((c) => c.action === fam.writeAction && c.status === 200)!;
      const total = SHORT_TIMINGS[i].lagMs + SHORT_TIMINGS[i].durationMs;
      const overMs = returnedAt.get(id)! - (Date.parse(write.virtualTime) + total);
      return {
        durationS: total / 1000,
        overheadPct: total === 0 ? NaN : round((100 * overMs) / total, 2),
        overheadS: round(overMs / 1000, 2),
        apiCallsPerOp: calls.length,
      };
    });
  } finally {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
