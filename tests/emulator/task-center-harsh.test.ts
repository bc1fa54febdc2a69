/**
 * The emulator's task centre is as harsh as the cloud's may be (issue 17 items 4 and 9): tasks of
 * other kinds run on the instance, lists come in pages, and the task clock may be skewed, so a
 * provider that reads one page, looks 60 s ahead or counts every task as an SSL change shows it.
 */
import assert from "node:assert/strict";
import { SSL_TASK_TYPE, startEmulator, type Emulator } from "./index";
import { describeHistoryTasks, modifySsl, rdsClient } from "./rds-sdk-client";

const MINUTE = 60_000;
const wireTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("emulator: a harsh task centre (other tasks, pages, clock skew)", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ timing: { lagMs: 12_000, durationMs: 30_000 } });
    emu.admin.rds.seed({ id: "rm-h", engine: "MySQL" });
  });
  afterEach(() => emu.close());

  const page = (pageNumber: number, aheadMs = 0) =>
    describeHistoryTasks(rdsClient(emu), {
      instanceId: "rm-h",
      status: "Scheduled,Running",
      fromStartTime: wireTime(emu.clock.now() - 60 * MINUTE),
      toStartTime: wireTime(emu.clock.now() + aheadMs),
      pageSize: 10,
      pageNumber,
    });
  const enable = () =>
    modifySsl(rdsClient(emu), { DBInstanceId: "rm-h", connectionString: "x", SSLEnabled: 1 });

  it("tasks of another kind are listed with their type, newest first, in pages", async () => {
    await enable();
    emu.clock.advanceBy(1000);
    for (let i = 0; i < 12; i++) {
      emu.admin.rds.addTask("rm-h", { taskType: "CreateBackup", durationMs: 60 * MINUTE });
    }
    const first = (await page(1)).body!;
    const second = (await page(2)).body!;
    assert.equal(first.totalCount, 13);
    assert.deepEqual(
      first.items!.map((t) => t.taskType),
      Array(10).fill("CreateBackup"),
    );
    assert.deepEqual(
      second.items!.map((t) => [t.taskType, t.status]),
      [
        ["CreateBackup", "Running"],
        ["CreateBackup", "Running"],
        [SSL_TASK_TYPE, "Scheduled"],
      ],
    );
    assert.equal(emu.admin.rds.get("rm-h")?.status, "Running", "a backup changes no status");
  });

  it("over HTTP too: other tasks and the task clock skew, for RDS, R-KVStore and DDS", async () => {
    emu.admin.kvstore.seed({ id: "r-h" });
    emu.admin.dds.seed({ id: "dds-h" });
    const post = (path: string, body: unknown) =>
      fetch(`${emu.url}/__admin${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    for (const [prefix, id] of [
      ["rds", "rm-h"],
      ["kvstore", "r-h"],
      ["dds", "dds-h"],
    ]) {
      const added = await post(`/${prefix}/instances/${id}/other-tasks`, {
        taskType: "CreateBackup",
        durationMs: MINUTE,
      });
      assert.equal(added.status, 200);
      const bad = await post(`/${prefix}/instances/${id}/other-tasks`, { taskType: "" });
      assert.equal(bad.status, 400);
      assert.equal((await post(`/${prefix}/task-clock`, { skewMs: 2 * MINUTE })).status, 200);
    }
    const now = emu.clock.now();
    for (const tasks of [
      emu.admin.rds.tasks("rm-h").map((t) => t.startedAt),
      emu.admin.kvstore.tasks("r-h").map((t) => t.startedAt),
      emu.admin.dds.tasks("dds-h").map((t) => Date.parse(t.startTime)),
    ]) {
      assert.equal(tasks.length, 1);
      // Stamped two minutes ahead of the API's clock (which moves on while the test runs).
      assert.ok(Math.abs(tasks[0] - (now + 2 * MINUTE)) < 5000, `${tasks[0] - now} ms ahead`);
    }
  });

  it("a skewed task clock stamps the change ahead: a window ending now misses it", async () => {
    emu.admin.rds.skewTaskClock(5 * MINUTE);
    await enable();
    assert.equal((await page(1)).body!.totalCount, 0, "a query up to now misses it");
    const ahead = (await page(1, 10 * MINUTE)).body!;
    assert.equal(ahead.totalCount, 1);
    assert.equal(
      Date.parse(ahead.items![0].startTime!),
      Math.floor((emu.clock.now() + 5 * MINUTE) / 1000) * 1000,
    );
  });
});
