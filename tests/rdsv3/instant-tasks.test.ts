/**
 * Open Telekom Cloud's switch answers with no job, so its one estimate is the instant task list
 * (`GET …/tasklist`, rds_13_0002): read while the instance reboots, only when the waiter asks,
 * and never more than once in a wait where it listed nothing. The real driver in this process
 * against the emulator on its jumping clock (tests/bench/in-process.ts).
 */
import * as assert from "assert";
import { forgetLearnedDurations } from "../../provider/core/lifecycle/learned-durations";
import { landingMargin } from "../../provider/core/lifecycle/wait";
import type { Emulator, LogEntry } from "../emulator";
import type { RdsV3InstanceSeed } from "../emulator/rdsv3/instances";
import { startBenchEmulator } from "../bench/bench-emulator";
import { benchConfig, benchFamily, resourceInputs } from "../bench/families";
import { createOnce, inProcessLifecycle } from "../bench/in-process";
import { RDSV3_PROJECT } from "../bench/families-more";

const LAG_MS = 12_000;
const CHANGE_MS = 20 * 60_000;
const fam = benchFamily("opentelekomcloud.rds");

interface Run {
  lateMs: number;
  after: LogEntry[];
}

async function switchOn(
  emu: Emulator,
  index: number,
  seed: Partial<RdsV3InstanceSeed>,
  prepare: (id: string) => void = () => undefined,
) {
  const id = fam.instanceId(index);
  emu.admin.rdsv3.seed({
    id,
    projectId: RDSV3_PROJECT.opentelekomcloud,
    cloud: "opentelekomcloud",
    timing: { lagMs: LAG_MS, rebootMs: CHANGE_MS - LAG_MS },
    ...seed,
  });
  prepare(id);
  const before = emu.admin.log().length;
  const lc = inProcessLifecycle(fam.family, emu, benchConfig(fam, emu));
  await createOnce(lc, { ...resourceInputs(fam, id), timeoutMinutes: 60 });
  const calls = emu.admin.log().slice(before);
  const write = calls.findIndex((c) => c.action === "SwitchSsl" && c.status === 200);
  assert.ok(write >= 0, "one switch");
  const lateMs = emu.clock.now() - (Date.parse(calls[write].virtualTime) + CHANGE_MS);
  return { id, run: { lateMs, after: calls.slice(write + 1) } as Run };
}

const count = (run: Run, action: string) => run.after.filter((c) => c.action === action).length;
// A whole percent read as its lower bound is late by up to 1 % of the change, the poll lands a
// margin after the predicted end (remaining-estimate.ts, wait.ts).
const TOLERANCE_MS = 0.015 * CHANGE_MS + landingMargin(1.015 * CHANGE_MS) + 1_000;

describe("opentelekomcloud.rds: the instant task list is the estimate", function () {
  let emu: Emulator;
  before(async () => (emu = await startBenchEmulator()));
  after(async () => emu?.close());
  beforeEach(() => forgetLearnedDurations());

  it("reads it by instance and Running as the progress grows, and returns at the change's end", async () => {
    const { id, run } = await switchOn(emu, 11, {});
    const reads = run.after.filter((c) => c.action === "ListTasks");
    // The first read while the instance reboots (under 5 %: no estimate yet), one when it can
    // have reached 5 %, then at about 10, 20, 40 and 80 % (progressRereadAfter).
    assert.ok(reads.length >= 2 && reads.length <= 7, run.after.map((c) => c.action).join(","));
    for (const read of reads) {
      assert.deepStrictEqual(
        { ...read.params, project_id: undefined },
        { project_id: undefined, instance_id: id, status: "Running", limit: "50" },
      );
    }
    assert.ok(run.lateMs >= 0 && run.lateMs <= TOLERANCE_MS, `${run.lateMs} ms late`);
    assert.ok(run.after.length <= 40, `${run.after.length} calls after the write`);
  });

  it("takes the newest running task: an older one of the instance (a backup) does not mislead it", async () => {
    // 30 minutes into 2 hours: 25 %, which over our change's elapsed time predicts an end far off.
    const { run } = await switchOn(emu, 12, {}, (id) =>
      emu.admin.rdsv3.addOtherTask(id, {
        name: "CreateManualBackup",
        startedAgoMs: 30 * 60_000,
        durationMs: 2 * 60 * 60_000,
      }),
    );
    assert.ok(run.lateMs >= 0 && run.lateMs <= TOLERANCE_MS, `${run.lateMs} ms late`);
  });

  it("a cloud that does not list the switch costs one read, and the change still ends", async () => {
    const { run } = await switchOn(emu, 13, { listsSwitchTask: false });
    assert.strictEqual(count(run, "ListTasks"), 1, run.after.map((c) => c.action).join(","));
    assert.ok(run.lateMs >= 0, `${run.lateMs} ms late`);
  });

  it("a list that keeps failing is a lost hint, not a failed change", async () => {
    emu.admin.injectFault({ kind: "internal", service: "rdsv3", action: "ListTasks", times: 20 });
    try {
      const { run } = await switchOn(emu, 14, {});
      assert.ok(count(run, "ListTasks") >= 1, "it was tried");
      assert.ok(run.lateMs >= 0, `${run.lateMs} ms late`);
      const id = fam.instanceId(14);
      assert.strictEqual(emu.admin.rdsv3.get(id)!.enableSsl, true);
    } finally {
      emu.admin.clearFaults();
    }
  });
});
