import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type Emulator } from "../emulator";
import {
  DRIFTED_INSTANCE,
  driftOutOfBand,
  FLEET_INSTANCES,
  FLEET_PROGRAM,
  fleetConfig,
  seedFleet,
} from "./demo-fleet";
import { repoRoot } from "./host";
import { OperationResult, Stack } from "./stack";

const DRIFTED = `${DRIFTED_INSTANCE}-ssl`;

// The scheduled drift job: `pulumi refresh --preview-only --expect-no-changes` fails (non-zero)
// when someone changed SSL by hand, names the resource and the properties, and writes nothing.
describe("--expect-no-changes, as the scheduled drift job runs it", function () {
  this.timeout(180000);
  let emu: Emulator;
  let dir: string;
  let stack: Stack;

  beforeEach(async () => {
    emu = await startEmulator();
    seedFleet(emu);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-drift-"));
    stack = stackWith(fleetConfig(emu));
  });
  afterEach(async () => {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const stackWith = (config: ReturnType<typeof fleetConfig>) =>
    new Stack({
      program: FLEET_PROGRAM,
      projectDir: repoRoot(),
      stateFile: path.join(dir, "state.json"),
      passphrase: "drift-passphrase",
      config,
      hostEnv: { DBSSL_TEST_CLOCK_URL: emu.url },
    });
  const ok = (r: OperationResult) => {
    assert.ok(r.ok, `${r.operation}: ${r.errors.join("\n")}\n${r.hostLogs.join("\n")}`);
    return r;
  };
  const driftCheck = () => stack.refresh({ previewOnly: true, expectNoChanges: true });

  it("fails after an out-of-band SSL change, writes no state, and passes after up", async () => {
    ok(await stack.up());
    assert.deepStrictEqual(ok(await driftCheck()).changes, []);

    driftOutOfBand(emu);
    const stateBefore = fs.readFileSync(path.join(dir, "state.json"), "utf8");
    const failed = await driftCheck();
    assert.strictEqual(failed.ok, false);
    assert.deepStrictEqual(
      failed.changes.map((c) => [c.name, c.op]),
      [[DRIFTED, "refresh"]],
    );
    assert.ok(failed.changes[0].diffKeys.includes("sslEnabled"), failed.changes[0].diffKeys.join());
    const report = failed.errors.join("\n").split("\n");
    assert.strictEqual(
      report[0],
      "error: no changes were expected for refresh but changes were proposed",
    );
    assert.match(report[1], new RegExp(`^  ~ ${DRIFTED} \\(refresh\\): .*sslEnabled`));
    assert.strictEqual(report.length, 2, "only the drifted resource is reported");
    assert.strictEqual(
      fs.readFileSync(path.join(dir, "state.json"), "utf8"),
      stateBefore,
      "--preview-only writes no state",
    );
    assert.deepStrictEqual(emu.admin.writeCounts(), {
      ModifyDBInstanceSSL: FLEET_INSTANCES.length,
    });

    // The fix: `pulumi up --refresh` (here: refresh, then up) puts SSL back.
    ok(await stack.refresh());
    ok(await stack.up());
    assert.strictEqual(emu.admin.rds.get(DRIFTED_INSTANCE)?.ssl.sslEnabled, true);
    assert.deepStrictEqual(ok(await driftCheck()).changes, []);
  });

  it("preview --expect-no-changes passes on a converged stack and fails on a declared change", async () => {
    ok(await stack.up());
    ok(await stack.preview({ expectNoChanges: true }));
    const entries = FLEET_INSTANCES.map((i) => ({
      family: "alicloud.rds",
      instanceId: i.id,
      sslEnabled: i.id !== DRIFTED_INSTANCE,
    }));
    const changed = stackWith(fleetConfig(emu, { "fleet:instances": JSON.stringify(entries) }));
    const r = await changed.preview({ expectNoChanges: true });
    assert.strictEqual(r.ok, false);
    assert.deepStrictEqual(r.errors.join("\n").split("\n"), [
      "error: no changes were expected for preview but changes were proposed",
      `  ~ ${DRIFTED} (update): sslEnabled`,
    ]);
  });
});
