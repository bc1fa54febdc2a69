/**
 * Issue 17 items 4 and 9, for the three Alibaba families through the real dynamic-provider host:
 * the check for a change already in flight (a killed `up`'s write) reads every page of the task
 * centre and tolerates minutes of task clock skew; a task that neither touches SSL nor restarts
 * the instance (a backup) never holds a write back, and a task that does is named while waited for.
 */
import * as assert from "assert";
import { callAlibabaRpc } from "../fixtures/alibaba-rpc";
import { startFamilyHarness, urnOf, type FamilyHarness } from "../fixtures/provider-harness";

const MINUTE = 60_000;

interface Family {
  family: string;
  id: string;
  /** The emulator's task-centre admin of this family. */
  admin: (h: FamilyHarness) => {
    addTask(id: string, t: { taskType: string; durationMs: number }): void;
    skewTaskClock(ms: number): void;
  };
  seed: (h: FamilyHarness) => void;
  /** The write as a killed `up` sent it: version, action, parameters turning SSL on. */
  write: { version: string; action: string; query: Record<string, string> };
}

const FAMILIES: Family[] = [
  {
    family: "alicloud.rds",
    id: "rm-task1",
    admin: (h) => h.emu.admin.rds,
    seed: (h) => h.emu.admin.rds.seed({ id: "rm-task1", engine: "MySQL" }),
    write: {
      version: "2014-08-15",
      action: "ModifyDBInstanceSSL",
      query: {
        DBInstanceId: "rm-task1",
        ConnectionString: "rm-task1.mysql.rds.aliyuncs.com",
        SSLEnabled: "1",
      },
    },
  },
  {
    family: "alicloud.redis",
    id: "r-task1",
    admin: (h) => h.emu.admin.kvstore,
    seed: (h) => h.emu.admin.kvstore.seed({ id: "r-task1" }),
    write: {
      version: "2015-01-01",
      action: "ModifyInstanceSSL",
      query: { InstanceId: "r-task1", SSLEnabled: "Enable" },
    },
  },
  {
    family: "alicloud.mongodb",
    id: "dds-task1",
    admin: (h) => h.emu.admin.dds,
    seed: (h) => h.emu.admin.dds.seed({ id: "dds-task1" }),
    write: {
      version: "2015-12-01",
      action: "ModifyDBInstanceSSL",
      query: { DBInstanceId: "dds-task1", SSLAction: "Open", SwitchMode: "0" },
    },
  },
];

/** Sends the write as a killed `up` did: accepted, the instance still reads steady (the lag). */
function sendAsKilledUp(h: FamilyHarness, f: Family): Promise<void> {
  return callAlibabaRpc(h.emu.endpoint, f.write);
}

for (const f of FAMILIES) {
  describe(`${f.family}: the task centre before a write (issue 17.4, 17.9)`, function () {
    let h: FamilyHarness;
    beforeEach(async () => {
      h = await startFamilyHarness(f.family);
      f.seed(h);
    });
    afterEach(() => h.close());

    const applied = () => h.emu.admin.requests(f.write.action).filter((r) => r.applied);
    const resume = async () => {
      const host = await h.newHost();
      return host.create(urnOf(f.family), (await h.check({ instanceId: f.id })).inputs);
    };

    it("a killed up's write listed after a full page of other tasks is found: no second write", async () => {
      await sendAsKilledUp(h, f);
      h.emu.clock.advanceBy(1000); // the other tasks are newer: the SSL change is on page 2
      for (let i = 0; i < 105; i++) {
        f.admin(h).addTask(f.id, { taskType: "CreateBackup", durationMs: 60 * MINUTE });
      }
      const { outputs } = await resume();
      assert.strictEqual(outputs.sslEnabled, true);
      assert.strictEqual(applied().length, 1, "only the killed run's write");
      const pages = h.emu.admin
        .requests("DescribeHistoryTasks")
        .map((r) => r.params.PageNumber ?? "1");
      assert.ok(pages.includes("2"), `pages read: ${pages.join(",")}`);
    });

    it("a killed up's write stamped 10 minutes ahead by a skewed task clock is found", async () => {
      f.admin(h).skewTaskClock(10 * MINUTE);
      await sendAsKilledUp(h, f);
      const { outputs } = await resume();
      assert.strictEqual(outputs.sslEnabled, true);
      assert.strictEqual(applied().length, 1, "only the killed run's write");
    });

    it("a running backup does not hold the write back", async () => {
      f.admin(h).addTask(f.id, { taskType: "CreateBackup", durationMs: 120 * MINUTE });
      const started = h.emu.clock.now();
      const { outputs } = await h.create({ instanceId: f.id, timeoutMinutes: 30 });
      assert.strictEqual(outputs.sslEnabled, true);
      assert.strictEqual(applied().length, 1);
      assert.ok(h.emu.clock.now() - started < 30 * MINUTE, "did not wait for the backup");
    });

    it("a running restart holds the write back, and the timeout names it", async () => {
      f.admin(h).addTask(f.id, { taskType: "RestartDBInstance", durationMs: 120 * MINUTE });
      const checked = await h.check({ instanceId: f.id, timeoutMinutes: 5 });
      const err = await h.host.create(urnOf(f.family), checked.inputs).then(
        () => assert.fail("expected a timeout"),
        (e: Error) => e,
      );
      assert.match(err.message, /timed out after 5m00s/);
      assert.match(
        err.message,
        /waiting for the instance to be steady; last state: (Running|Normal) \(.*RestartDBInstance.* Running\)/,
      );
      assert.match(err.message, /Nothing was sent/);
      assert.doesNotMatch(err.message, /may still complete/);
      assert.strictEqual(applied().length, 0, "nothing sent while the restart runs");
    });
  });
}
