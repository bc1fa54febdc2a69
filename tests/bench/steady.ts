/**
 * A stack of N resources that is already up, and what users pay for it afterwards:
 * - `secondUp`: cloud calls of an `up` with nothing changed (the engine's empty diff makes none);
 * - `preview`: Check and Diff of every resource through the dynamic-provider host, as the engine
 *   sends them for `pulumi preview` (cloud calls and milliseconds per resource);
 * - `state.bytesPerResource`: the harness state file per resource.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Emulator } from "../emulator";
import { startBenchEmulator } from "./bench-emulator";
import { FLEET_PROGRAM } from "../engine/demo-fleet";
import { startDynamicHost } from "../engine/host";
import { Stack } from "../engine/stack";
import type { ResourceState } from "../engine/state";
import { unwrapSecrets } from "../engine/wire";
import { BENCH_FAMILIES, benchConfig } from "./families";
import { msSince, round } from "./stats";
import { warpEmulatorClock, warpHostEnv } from "./warp-clock";

/** The steady stack's ups measure calls, not time: its clock may run fast. */
const SETUP_TIME_FACTOR = 20;

export interface SteadyFigures {
  secondUp: { apiCalls: number; resources: number };
  preview: { apiCalls: number; msPerResource: number; resources: number };
  bytesPerResource: number;
}

function stackConfig(emu: Emulator, ids: { fam: (typeof BENCH_FAMILIES)[number]; id: string }[]) {
  const config = Object.assign({}, ...BENCH_FAMILIES.map((f) => benchConfig(f, emu)));
  return { ...config, "fleet:instances": JSON.stringify(ids.map((x) => x.fam.stackEntry(x.id))) };
}

/** Check + Diff of every resource in one host, `parallel` at a time, as a preview does. */
async function previewThroughHost(emu: Emulator, stack: Stack, config: object, parallel = 16) {
  const resources: ResourceState[] = await stack.resources();
  // The system clock, as under `pulumi preview`: Check and Diff read the time (renewals due).
  const host = await startDynamicHost({ cwd: stack.projectDir });
  try {
    await host.configure(config as never);
    const calls = emu.admin.log().length;
    const started = process.hrtime.bigint();
    const queue = [...resources];
    const worker = async () => {
      for (let r = queue.shift(); r; r = queue.shift()) {
        const olds = unwrapSecrets(r.inputs);
        const checked = await host.check(r.urn, olds, olds);
        await host.diff(r.id, r.urn, unwrapSecrets(r.outputs), checked.inputs);
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    const ms = msSince(started);
    return {
      apiCalls: emu.admin.log().length - calls,
      msPerResource: round(ms / resources.length, 2),
      resources: resources.length,
    };
  } finally {
    await host.stop();
  }
}

export async function measureSteady(count: number): Promise<SteadyFigures> {
  const emu = await startBenchEmulator({ timing: { lagMs: 0, durationMs: 1_000 } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-bench-steady-"));
  try {
    const ids = Array.from({ length: count }, (_, i) => {
      const fam = BENCH_FAMILIES[i % BENCH_FAMILIES.length];
      const id = fam.instanceId(i);
      fam.seed(emu, id, { lagMs: 0, durationMs: 1_000 });
      return { fam, id };
    });
    const config = stackConfig(emu, ids);
    const stateFile = path.join(dir, "state.json");
    const stack = new Stack({
      program: FLEET_PROGRAM,
      stateFile,
      passphrase: "bench",
      config,
      // Time flows evenly, 20 times faster than real (warp-clock.ts): with the tests' jumping
      // clock, one resource's long sleep (OTC's wait to the end of its grace period) would move
      // every other resource's time on as well, past their timeouts and signature windows.
      hostEnv: warpHostEnv(emu, SETUP_TIME_FACTOR),
    });
    warpEmulatorClock(emu, SETUP_TIME_FACTOR);
    const first = await stack.up();
    if (!first.ok)
      throw new Error(`bench: first up failed: ${first.errors.slice(0, 3).join("; ")}`);
    const before = emu.admin.log().length;
    const second = await stack.up();
    if (!second.ok) throw new Error(`bench: second up failed: ${second.errors.join("; ")}`);
    const secondUp = { apiCalls: emu.admin.log().length - before, resources: second.steps.length };
    const preview = await previewThroughHost(emu, stack, config);
    const bytesPerResource = Math.round(fs.statSync(stateFile).size / count);
    return { secondUp, preview, bytesPerResource };
  } finally {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
