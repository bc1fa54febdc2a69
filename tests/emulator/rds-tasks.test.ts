import assert from "node:assert/strict";
import { ClientError } from "@alicloud/openapi-core";
import { IN_FLIGHT_TASK_STATUSES, SSL_TASK_TYPE, startEmulator, type Emulator } from "./index";
import {
  describeAttribute,
  describeHistoryTasks,
  describeSsl,
  describeTasks,
  modifySsl,
  rdsClient,
  rejectsWith,
} from "./rds-sdk-client";

const HOUR_MS = 3600 * 1000;
/** `yyyy-MM-ddTHH:mm:ssZ`, as DescribeHistoryTasks takes it. */
const wireTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("emulator: the RDS task center shows an in-flight SSL change", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ timing: { lagMs: 12_000, durationMs: 30_000 } });
  });
  afterEach(() => emu.close());

  const enable = (id: string) =>
    modifySsl(rdsClient(emu), {
      DBInstanceId: id,
      connectionString: `${id}.example`,
      SSLEnabled: 1,
    });
  /** What a resumed `up` would ask: unfinished tasks of this instance in the last hour. */
  const inFlight = async (id: string) => {
    const now = emu.clock.now();
    const answer = await describeHistoryTasks(rdsClient(emu), {
      instanceId: id,
      status: IN_FLIGHT_TASK_STATUSES.join(","),
      fromStartTime: wireTime(now - HOUR_MS),
      toStartTime: wireTime(now),
    });
    return answer.body?.items ?? [];
  };
  const history = async (id: string) => {
    const now = emu.clock.now();
    return (
      (
        await describeHistoryTasks(rdsClient(emu), {
          instanceId: id,
          fromStartTime: wireTime(now - HOUR_MS),
          toStartTime: wireTime(now),
        })
      ).body?.items ?? []
    );
  };

  it("DescribeHistoryTasks: Scheduled during the lag (status still Running, old SSL), Running, then Succeed", async () => {
    emu.admin.rds.seed({ id: "rm-t", engine: "MySQL" });
    assert.deepEqual(await inFlight("rm-t"), []);
    await enable("rm-t");
    const attr = await describeAttribute(rdsClient(emu), "rm-t");
    assert.equal(attr.body?.items?.DBInstanceAttribute?.[0]?.DBInstanceStatus, "Running");
    assert.equal((await describeSsl(rdsClient(emu), "rm-t")).body?.SSLEnabled, "No");
    const [lag] = await inFlight("rm-t");
    assert.deepEqual(
      [lag.instanceId, lag.taskType, lag.status, lag.currentStepName, lag.endTime, lag.product],
      ["rm-t", SSL_TASK_TYPE, "Scheduled", "", "", "rds"],
    );
    assert.match(lag.taskId ?? "", /^t-[0-9a-f]+$/);
    assert.equal(lag.taskId, emu.admin.rds.get("rm-t")?.pending?.taskId);
    emu.clock.advanceBy(12_000);
    const [modifying] = await inFlight("rm-t");
    assert.deepEqual([modifying.status, modifying.currentStepName], ["Running", "exec_task"]);
    emu.clock.advanceBy(30_000);
    assert.deepEqual(await inFlight("rm-t"), []);
    const [done] = await history("rm-t");
    assert.deepEqual([done.status, done.progress, done.remainTime], ["Succeed", 100, 0]);
    assert.match(done.endTime ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it("DescribeHistoryTasks filters by instance, start time window and page", async () => {
    emu.admin.rds.seed({ id: "rm-1", engine: "MySQL" });
    emu.admin.rds.seed({ id: "pgm-2", engine: "PostgreSQL" });
    await enable("rm-1");
    emu.clock.advanceBy(2 * HOUR_MS);
    await enable("pgm-2");
    assert.deepEqual(
      (await history("pgm-2")).map((t) => t.dbType),
      ["pgsql"],
    );
    assert.deepEqual(await history("rm-1"), [], "started before FromStartTime");
    const now = emu.clock.now();
    const all = await describeHistoryTasks(rdsClient(emu), {
      fromStartTime: wireTime(now - 3 * HOUR_MS),
      toStartTime: wireTime(now),
      pageSize: 10,
    });
    assert.deepEqual(
      [all.body?.totalCount, all.body?.items?.map((t) => t.instanceId)],
      [2, ["pgm-2", "rm-1"]],
    );
  });

  it("DescribeHistoryTasks requires FromStartTime and ToStartTime", async () => {
    await rejectsWith(
      describeHistoryTasks(rdsClient(emu), { toStartTime: wireTime(emu.clock.now()) }),
      ClientError,
      "MissingFromStartTime",
      400,
    );
    await rejectsWith(
      describeHistoryTasks(rdsClient(emu), { fromStartTime: "yesterday", toStartTime: "now" }),
      ClientError,
      "InvalidParameter",
      400,
    );
  });

  it("DescribeTasks lists the in-flight change of a SQL Server instance only", async () => {
    emu.admin.rds.seed({ id: "rm-ss", engine: "SQLServer", ssl: { sslEnabled: true } });
    emu.admin.rds.seed({ id: "rm-my", engine: "MySQL" });
    await modifySsl(rdsClient(emu), {
      DBInstanceId: "rm-ss",
      connectionString: "c",
      SSLEnabled: 2,
    });
    await enable("rm-my");
    const tasks = async (id: string) =>
      (await describeTasks(rdsClient(emu), { DBInstanceId: id })).body?.items?.taskProgressInfo ??
      [];
    const [waiting] = await tasks("rm-ss");
    assert.deepEqual([waiting.taskAction, waiting.status], [SSL_TASK_TYPE, "Waiting"]);
    assert.deepEqual(await tasks("rm-my"), [], "phased out for MySQL: use DescribeHistoryTasks");
    emu.clock.advanceBy(12_000);
    assert.equal((await tasks("rm-ss"))[0].status, "Executing");
    emu.clock.advanceBy(30_000);
    assert.deepEqual(await tasks("rm-ss"), []);
  });

  it("a change cut short ends its task: Failed when the instance is deleted, Canceled by a console change", async () => {
    emu.admin.rds.seed({ id: "rm-del", engine: "MySQL" });
    emu.admin.rds.seed({ id: "rm-oob", engine: "MySQL" });
    await enable("rm-del");
    await enable("rm-oob");
    emu.clock.advanceBy(1000);
    assert.equal(emu.admin.rds.delete("rm-del"), true);
    emu.admin.rds.setSsl("rm-oob", { sslEnabled: false });
    await rejectsWith(
      describeSsl(rdsClient(emu), "rm-del"),
      ClientError,
      "InvalidDBInstanceId.NotFound",
      404,
    );
    assert.deepEqual(
      (await history("rm-del")).map((t) => t.status),
      ["Failed"],
    );
    assert.deepEqual(
      (await history("rm-oob")).map((t) => t.status),
      ["Canceled"],
    );
    assert.deepEqual(
      emu.admin.rds.tasks("rm-del").map((t) => t.status),
      ["Failed"],
    );
  });
});
