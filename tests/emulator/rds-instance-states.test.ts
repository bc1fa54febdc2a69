import assert from "node:assert/strict";
import { ClientError } from "@alicloud/openapi-core";
import { makeTestPki } from "../fixtures/pki";
import { startEmulator, type Emulator } from "./index";
import {
  describeAttribute,
  describeSsl,
  modifySsl,
  rdsClient,
  rejectsWith,
} from "./rds-sdk-client";

async function admin(emu: Emulator, method: string, path: string, body?: unknown) {
  const response = await fetch(`${emu.url}/__admin${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("emulator: instance states a user meets", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    emu.admin.rds.seed({ id: "rm-s", engine: "MySQL" });
  });
  afterEach(() => emu.close());

  const enable = () =>
    modifySsl(rdsClient(emu), {
      DBInstanceId: "rm-s",
      connectionString: "rm-s.mysql.rds.aliyuncs.com",
      SSLEnabled: 1,
    });
  const attribute = async () =>
    (await describeAttribute(rdsClient(emu), "rm-s")).body?.items?.DBInstanceAttribute?.[0];

  for (const status of ["Stopped", "Locking", "Deleting", "Released"]) {
    it(`${status}: shown by DescribeDBInstanceAttribute; Modify answers 403 IncorrectDBInstanceState`, async () => {
      emu.admin.rds.setStatus("rm-s", status);
      assert.equal((await attribute())?.DBInstanceStatus, status);
      await rejectsWith(enable(), ClientError, "IncorrectDBInstanceState", 403);
      assert.deepEqual(emu.admin.counts({ appliedOnly: true }), {});
    });
  }

  it("busyCode OperationDenied.DBInstanceStatus: a busy instance answers that code instead", async () => {
    emu.admin.rds.setStatus("rm-s", "Rebooting", { busyCode: "OperationDenied.DBInstanceStatus" });
    const error = await rejectsWith(enable(), ClientError, "OperationDenied.DBInstanceStatus", 403);
    assert.equal(
      error.data?.Message,
      "Operation is denied by the current database instance status.",
    );
    emu.admin.rds.setStatus("rm-s", "Running");
    await enable();
    emu.clock.advanceBy(emu.admin.rds.get("rm-s")!.timing.lagMs); // restarting now
    await rejectsWith(enable(), ClientError, "OperationDenied.DBInstanceStatus", 403);
  });

  it("locked: LockMode/LockReason are shown; Modify answers 403 IncorrectDBInstanceLockMode", async () => {
    emu.admin.rds.setLock("rm-s", "LockByExpiration", "instance_expired");
    const attr = await attribute();
    assert.deepEqual(
      [attr?.DBInstanceStatus, attr?.lockMode, attr?.lockReason],
      ["Running", "LockByExpiration", "instance_expired"],
    );
    const error = await rejectsWith(enable(), ClientError, "IncorrectDBInstanceLockMode", 403);
    assert.equal(
      error.data?.Message,
      "Current DB instance lock mode does not support this operation.",
    );
    emu.admin.rds.setLock("rm-s", "Unlock");
    assert.deepEqual(
      [(await attribute())?.lockMode, (await attribute())?.lockReason],
      ["Unlock", ""],
    );
    await enable();
    assert.throws(() => emu.admin.rds.setLock("rm-s", "Frozen" as "Unlock"), /lockMode must be/);
  });

  it("deleted while a change is pending: every call answers 404 InvalidDBInstanceId.NotFound", async () => {
    await enable();
    emu.admin.rds.delete("rm-s");
    await rejectsWith(
      describeAttribute(rdsClient(emu), "rm-s"),
      ClientError,
      "InvalidDBInstanceId.NotFound",
      404,
    );
    await rejectsWith(enable(), ClientError, "InvalidDBInstanceId.NotFound", 404);
  });

  it("admin HTTP: status with busyCode, lock, failed change, pem echo, tasks, delete", async () => {
    emu.admin.rds.seed({ id: "pgm-h", engine: "PostgreSQL", ssl: { sslEnabled: true } });
    const status = await admin(emu, "POST", "/rds/instances/rm-s/status", {
      status: "Stopped",
      busyCode: "OperationDenied.DBInstanceStatus",
    });
    assert.deepEqual(
      [status.body.status, status.body.busyCode],
      ["Stopped", "OperationDenied.DBInstanceStatus"],
    );
    assert.equal(
      (await admin(emu, "POST", "/rds/instances/rm-s/status", { status: 3 })).status,
      400,
    );
    const lock = await admin(emu, "POST", "/rds/instances/rm-s/lock", { lockMode: "ManualLock" });
    assert.equal(lock.body.lockMode, "ManualLock");
    assert.equal(
      (await admin(emu, "POST", "/rds/instances/rm-s/lock", { lockMode: "No" })).status,
      400,
    );
    await admin(emu, "POST", "/rds/instances/pgm-h/failed-change", { reason: "disk full" });
    const ssl = (await describeSsl(rdsClient(emu), "pgm-h")).body;
    assert.deepEqual([ssl?.lastModifyStatus, ssl?.modifyStatusReason], ["failed", "disk full"]);
    const echo = await admin(emu, "POST", "/rds/instances/pgm-h/pem-echo", { wrap: "oneLine" });
    assert.deepEqual(echo.body.pemEcho, { wrap: "oneLine", lineEnding: "crlf", chain: "leafOnly" });
    await modifySsl(rdsClient(emu), {
      DBInstanceId: "pgm-h",
      connectionString: "c",
      SSLEnabled: 1,
    });
    const tasks = await fetch(`${emu.url}/__admin/rds/instances/pgm-h/tasks`);
    const [task] = (await tasks.json()) as Array<Record<string, unknown>>;
    assert.deepEqual([task.status, task.instanceId], ["Scheduled", "pgm-h"]);
    assert.equal((await admin(emu, "DELETE", "/rds/instances/pgm-h")).body.deleted, true);
  });

  it("admin HTTP: after faults, appliedOnly counts and a redacted log", async () => {
    const pki = await makeTestPki();
    emu.admin.rds.seed({ id: "pgm-l", engine: "PostgreSQL" });
    const fault = await admin(emu, "POST", "/faults", { kind: "reset", after: true });
    assert.deepEqual((fault.body.pending as Array<{ after: boolean }>)[0].after, true);
    assert.equal((await admin(emu, "POST", "/faults", { kind: "reset", after: 1 })).status, 400);
    await assert.rejects(
      modifySsl(rdsClient(emu), {
        DBInstanceId: "pgm-l",
        connectionString: "pgm-l.pg.rds.aliyuncs.com",
        SSLEnabled: 1,
        CAType: "custom",
        serverCert: pki.serverChainPem,
        serverKey: pki.serverKeyPem,
      }),
    );
    assert.deepEqual((await admin(emu, "GET", "/counts?appliedOnly=true")).body, {
      ModifyDBInstanceSSL: 1,
    });
    assert.deepEqual((await admin(emu, "GET", "/counts?succeededOnly=true")).body, {});
    const everything =
      JSON.stringify((await admin(emu, "GET", "/log")).body) +
      JSON.stringify((await admin(emu, "GET", "/rds/instances/pgm-l")).body) +
      JSON.stringify((await admin(emu, "GET", "/rds/instances/pgm-l/tasks")).body);
    assert.doesNotMatch(everything, /BEGIN|PRIVATE|MII|Signature=|emulator-secret-key/);
    assert.match(everything, /"applied":true/);
  });
});
