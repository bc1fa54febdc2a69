// `npm run demo`: the fleet stack against the cloud emulator, end to end:
// preview, up, an out-of-band change, refresh (the drift shows), up (it is put back), destroy.
// With the real Pulumi CLI (built by `npm run cli:install`, or on PATH) the steps go through it;
// otherwise through the project's engine harness (tests/engine), which plays the Pulumi engine.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type Emulator } from "../emulator";
import { findCli } from "../cli/cli";
import { cliRunner } from "./demo-automation";
import {
  driftOutOfBand,
  DRIFTED_INSTANCE,
  FLEET_PROGRAM,
  allCloudsConfig,
  seedFleet,
  seedOtherFamilies,
} from "./demo-fleet";
import { formatResult, formatStep } from "./display";
import { Operation, Stack, StackConfig } from "./stack";

export interface DemoRunner {
  readonly description: string;
  run(
    op: Operation,
    onProgress: (line: string) => void,
  ): Promise<{ ok: boolean; table: string; drift: string[] }>;
  close(): Promise<void>;
}

const PASSPHRASE = "demo-passphrase";

function harnessRunner(config: StackConfig, workDir: string): DemoRunner {
  let progress: (line: string) => void = () => undefined;
  const stack = new Stack({
    program: FLEET_PROGRAM,
    stateFile: path.join(workDir, "fleet-state.json"),
    passphrase: PASSPHRASE,
    config,
    onStep: (s) => progress(formatStep(s)),
    onHostLog: (line) => line.startsWith("[dbssl]") && progress(line),
  });
  return {
    description: "the engine harness (tests/engine)",
    async run(op, onProgress) {
      progress = onProgress;
      const r = await stack[op]();
      const drift = r.steps
        .filter((s) => s.op === "refresh" || s.op === "update")
        .map((s) => s.name);
      return { ok: r.ok, table: formatResult(r), drift };
    },
    close: async () => undefined,
  };
}

function emulatorView(emu: Emulator): string {
  const rows = emu.admin.rds
    .list()
    .map((i) => `${i.id} (${i.engine}): SSL ${i.ssl.sslEnabled ? "on" : "off"}`);
  return `  emulator: ${rows.join(" | ")}`;
}

/** Runs one step with progress lines while it waits. */
async function step(
  runner: DemoRunner,
  op: Operation,
  title: string,
): Promise<{ ok: boolean; drift: string[] }> {
  console.log(`\n== ${title}`);
  const started = Date.now();
  let lastLine = Date.now();
  const print = (line: string) => {
    lastLine = Date.now();
    console.log(line);
  };
  const ticker = setInterval(() => {
    if (Date.now() - lastLine < 1500) return;
    print(`  ... ${op} still running (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  }, 500);
  try {
    const r = await runner.run(op, (line) =>
      print(line.startsWith("[dbssl]") ? `    ${line}` : `  done: ${line.trim()}`),
    );
    console.log(r.table);
    return r;
  } finally {
    clearInterval(ticker);
  }
}

function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(`demo: ${message}`);
}

export async function scenario(emu: Emulator, runner: DemoRunner): Promise<void> {
  console.log(`Running the fleet stack (${FLEET_PROGRAM}) with ${runner.description}.`);
  console.log(emulatorView(emu));
  expect(
    (await step(runner, "preview", "preview: what `up` would do (no write)")).ok,
    "preview failed",
  );
  expect(Object.keys(emu.admin.writeCounts()).length === 0, "preview wrote to the cloud");
  expect((await step(runner, "up", "up: SSL on for the whole fleet")).ok, "up failed");
  console.log(emulatorView(emu));
  console.log(
    `\n== out of band: SSL turned off on ${DRIFTED_INSTANCE} through the console (emulator admin API)`,
  );
  driftOutOfBand(emu);
  console.log(emulatorView(emu));
  const refreshed = await step(runner, "refresh", "refresh: read the live state");
  expect(
    refreshed.ok && refreshed.drift.some((n) => n.startsWith(DRIFTED_INSTANCE)),
    "refresh did not show the drift",
  );
  expect((await step(runner, "up", "up: put SSL back")).ok, "second up failed");
  console.log(emulatorView(emu));
  expect((await step(runner, "destroy", "destroy")).ok, "destroy failed");
  console.log(emulatorView(emu));
}

async function main(): Promise<number> {
  const emu = await startEmulator({ timing: { lagMs: 300, durationMs: 1500 } });
  seedFleet(emu);
  const others = seedOtherFamilies(emu);
  console.log(
    `Cloud emulator on ${emu.url}, seeded with ${emu.admin.rds.list().length} RDS instances and ` +
      `one instance of each other family (${others.map((e) => e.family).join(", ")}).`,
  );
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-demo-"));
  // Real time here (no DBSSL_TEST_CLOCK_URL): poll fast so the demo takes seconds.
  const config = allCloudsConfig(emu, others, {
    "dbssl:pollIntervalMs": "200",
    "dbssl:pollMaxIntervalMs": "500",
  });
  const cli = findCli();
  if (!cli)
    console.log(
      "No Pulumi CLI (`npm run cli:install` builds it when Go is installed; or put `pulumi` on " +
        "PATH): the project's engine harness (tests/engine) plays the engine.",
    );
  const runner = cli ? await cliRunner(cli, config) : harnessRunner(config, workDir);
  try {
    await scenario(emu, runner);
    console.log("\nDemo finished: every step succeeded.");
    return 0;
  } catch (e) {
    console.error(`\n${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await runner.close();
    await emu.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
