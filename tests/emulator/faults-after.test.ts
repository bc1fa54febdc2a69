import assert from "node:assert/strict";
import { ServerError } from "@alicloud/openapi-core";
import { startEmulator, type Emulator } from "./index";
import {
  describeAttribute,
  describeSsl,
  modifySsl,
  rdsClient,
  rejectsWith,
  type SdkError,
} from "./rds-sdk-client";

const failure = (call: Promise<unknown>): Promise<SdkError> =>
  call.then(
    () => assert.fail("expected the call to fail"),
    (e: unknown) => e as SdkError,
  );

describe("emulator: faults that fire after the write is applied", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ timing: { lagMs: 12_000, durationMs: 30_000 } });
    emu.admin.rds.seed({ id: "rm-a", engine: "MySQL" });
  });
  afterEach(() => emu.close());

  const enable = (readTimeout?: number) =>
    modifySsl(rdsClient(emu, { readTimeout }), {
      DBInstanceId: "rm-a",
      connectionString: "rm-a.mysql.rds.aliyuncs.com",
      SSLEnabled: 1,
    });

  /** The change landed although the client never saw a success. */
  async function assertLanded(): Promise<void> {
    assert.ok(emu.admin.rds.get("rm-a")?.pending, "the Modify was accepted");
    emu.clock.advanceBy(42_000);
    assert.equal((await describeSsl(rdsClient(emu), "rm-a")).body?.SSLEnabled, "Yes");
  }

  it("reset after: the connection drops, the Modify has landed, the log says applied", async () => {
    emu.admin.injectFault({ kind: "reset", action: "ModifyDBInstanceSSL", after: true });
    const error = await failure(enable());
    assert.equal(error.statusCode, undefined);
    assert.match(`${error.code} ${error.message}`, /ECONNRESET|socket hang up/i);
    const [entry] = emu.admin.log();
    assert.deepEqual(
      [entry.status, entry.fault, entry.applied, entry.write],
      [0, "reset", true, true],
    );
    assert.deepEqual(emu.admin.counts({ succeededOnly: true }), {});
    assert.deepEqual(emu.admin.counts({ appliedOnly: true }), { ModifyDBInstanceSSL: 1 });
    await assertLanded();
  });

  it("slow after: the SDK times out while the write lands; the answer comes too late", async () => {
    emu.admin.injectFault({
      kind: "slow",
      delayMs: 400,
      action: "ModifyDBInstanceSSL",
      after: true,
    });
    await assert.rejects(enable(100), /timeout/i);
    assert.ok(emu.admin.rds.get("rm-a")?.pending, "applied before the answer was delayed");
    assert.deepEqual(emu.admin.writeCounts({ appliedOnly: true }), { ModifyDBInstanceSSL: 1 });
    await assertLanded();
  });

  it("slow after, within the read timeout: the real success answer, late", async () => {
    emu.admin.injectFault({ kind: "slow", delayMs: 50, after: true });
    const started = Date.now();
    assert.equal((await enable(2000)).statusCode, 200);
    assert.ok(Date.now() - started >= 50);
    assert.equal(emu.admin.log()[0].status, 200);
  });

  for (const [kind, code, status] of [
    ["unavailable", "ServiceUnavailable", 503],
    ["internal", "InternalError", 500],
  ] as const) {
    it(`${kind} after: ${status} ${code} although the Modify was applied`, async () => {
      emu.admin.injectFault({ kind, action: "ModifyDBInstanceSSL", after: true });
      await rejectsWith(enable(), ServerError, code, status);
      const [entry] = emu.admin.log();
      assert.deepEqual([entry.status, entry.code, entry.applied], [status, code, true]);
      await assertLanded();
    });
  }

  it("an after fault on a Modify the instance refuses: the fault answers, nothing is applied", async () => {
    await enable();
    emu.clock.advanceBy(12_000); // past the lag: restarting, so the next Modify is refused
    emu.admin.injectFault({ kind: "unavailable", after: true });
    await rejectsWith(enable(), ServerError, "ServiceUnavailable", 503);
    assert.equal(emu.admin.log()[1].applied, undefined);
    assert.deepEqual(emu.admin.counts({ appliedOnly: true }), { ModifyDBInstanceSSL: 1 });
  });

  it("a fault before the handler (the default) applies nothing", async () => {
    emu.admin.injectFault({ kind: "reset", action: "ModifyDBInstanceSSL" });
    await assert.rejects(enable());
    assert.equal(emu.admin.rds.get("rm-a")?.pending, undefined);
    assert.deepEqual(emu.admin.counts({ appliedOnly: true }), {});
  });

  it("badGateway: 502 with an HTML body; the SDK fails parsing it, with no code or request id", async () => {
    emu.admin.injectFault({ kind: "badGateway", action: "DescribeDBInstanceAttribute" });
    const error = await failure(describeAttribute(rdsClient(emu), "rm-a"));
    assert.ok(!(error instanceof ServerError), `${error.name}: ${error.message}`);
    assert.equal(error.statusCode, undefined);
    assert.match(error.message, /JSON|Unexpected token/i);
    const [entry] = emu.admin.log();
    assert.deepEqual([entry.status, entry.fault, entry.code], [502, "badGateway", undefined]);
  });

  it("badGateway after: the Modify is applied behind the 502", async () => {
    emu.admin.injectFault({ kind: "badGateway", action: "ModifyDBInstanceSSL", after: true });
    await assert.rejects(enable());
    assert.equal(emu.admin.log()[0].applied, true);
    await assertLanded();
  });

  it("rejects a non-boolean after", () => {
    assert.throws(
      () => emu.admin.injectFault({ kind: "reset", after: "yes" as unknown as boolean }),
      /after must be true or false/,
    );
  });
});
