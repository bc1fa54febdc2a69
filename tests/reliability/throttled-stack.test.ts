/**
 * Issue 17 item 7, end to end: a stack of many resources of one family in one dynamic-provider
 * host, against an emulator that allows fewer calls per second per API than our client rate
 * (`dbssl:requestsPerSecond`, default 10/s). Before the adaptive limiter, `up` stopped once one
 * resource had spent its fixed retry count on throttled answers. Now every throttle lowers the
 * shared bucket and the resends wait for it: every resource ends with SSL on, with exactly one
 * write per instance. Time flows evenly (the bench's warp clock), as it does in a real `up`: the
 * tests' jumping clock would hand the emulator's limiter a second's tokens whenever any resource
 * sleeps. Timing goals are the bench's (`npm run bench`), not asserted here.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type Emulator } from "../emulator";
import { FLEET_PROGRAM, providerConfig } from "../engine/demo-fleet";
import { Stack } from "../engine/stack";
import { warpEmulatorClock, warpHostEnv } from "../bench/warp-clock";

/** Resources in the stack, all alicloud.rds. */
const RESOURCES = 60;
/** What the emulated cloud allows per API: well under our client's 10/s. */
const CLOUD_RATE_PER_SECOND = 2;
/** The share of calls the cloud may throttle once the process has adapted (see the test). */
const MAX_THROTTLED_SHARE = 0.2;
/** Virtual seconds per real second. */
const TIME_FACTOR = 20;

const instanceId = (i: number) => `rm-throttle${String(i).padStart(3, "0")}`;

function seed(emu: Emulator): string[] {
  return Array.from({ length: RESOURCES }, (_, i) => {
    const id = instanceId(i);
    const engine = (["MySQL", "PostgreSQL", "SQLServer"] as const)[i % 3];
    emu.admin.rds.seed({
      id,
      engine,
      timing: { lagMs: 2_000, durationMs: 10_000 + (i % 7) * 1_000 },
    });
    return id;
  });
}

describe("reliability: a large stack against a cloud that allows fewer calls than our rate", function () {
  this.timeout(300_000);
  let emu: Emulator;
  let dir: string;
  beforeEach(async () => {
    emu = await startEmulator();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-throttled-"));
  });
  afterEach(async () => {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`${RESOURCES} resources of one family: all end with SSL on, one write each, none failed`, async () => {
    const ids = seed(emu);
    emu.admin.injectFault({
      kind: "throttle",
      service: "rds",
      perAction: true,
      ratePerSecond: CLOUD_RATE_PER_SECOND,
    });
    const instances = ids.map((id) => ({
      family: "alicloud.rds",
      instanceId: id,
      sslEnabled: true,
    }));
    const stack = new Stack({
      program: FLEET_PROGRAM,
      stateFile: path.join(dir, "state.json"),
      passphrase: "throttled",
      config: providerConfig(emu, { "fleet:instances": JSON.stringify(instances) }),
      hostEnv: warpHostEnv(emu, TIME_FACTOR),
      parallelism: 2_147_483_647, // the engine's default: every resource at once
    });
    warpEmulatorClock(emu, TIME_FACTOR);
    const result = await stack.up();

    const failed = result.steps.filter((s) => s.status === "failed");
    assert.deepStrictEqual(
      failed.map((s) => `${s.name}: ${s.error}`),
      [],
      result.errors.join("\n"),
    );
    assert.ok(result.ok, result.errors.join("\n"));
    const log = emu.admin.log();
    const throttled = log.filter((e) => e.fault === "throttle").length;
    assert.ok(throttled > 0, "the emulated cloud throttled some calls (else this proves nothing)");
    // The shared bucket slowed down to about what the cloud allows: throttled answers stay a small
    // share of the calls (about 10 % here; a bucket that does not adapt, resending at its fixed
    // 10/s, has more than a third of its calls throttled).
    assert.ok(
      throttled < log.length * MAX_THROTTLED_SHARE,
      `${throttled} of ${log.length} calls throttled`,
    );
    for (const id of ids) {
      assert.strictEqual(emu.admin.rds.get(id)!.ssl.sslEnabled, true, `${id} has SSL on`);
      const writes = log.filter((e) => e.write && e.applied && e.params.DBInstanceId === id);
      assert.strictEqual(writes.length, 1, `${id} received exactly one write`);
    }
  });
});
