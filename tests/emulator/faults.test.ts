import assert from "node:assert/strict";
import { ClientError, ServerError, ThrottlingError } from "@alicloud/openapi-core";
import { startEmulator, type Emulator } from "./index";
import { describeSsl, modifySsl, rdsClient, rejectsWith, type SdkError } from "./rds-sdk-client";

describe("emulator: scripted faults", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    emu.admin.rds.seed({ id: "rm-f", engine: "MySQL" });
  });
  afterEach(() => emu.close());

  it("throttle: Throttling.User (400) as ThrottlingError with retryAfter from x-acs-retry-after", async () => {
    emu.admin.injectFault({
      kind: "throttle",
      action: "DescribeDBInstanceSSL",
      times: 2,
      retryAfterMs: 1500,
    });
    const rds = rdsClient(emu);
    const error = await rejectsWith(
      describeSsl(rds, "rm-f"),
      ThrottlingError,
      "Throttling.User",
      400,
    );
    assert.equal(error.retryAfter, 1500);
    assert.equal(error.data?.Message, "Request was denied due to user flow control.");
    await rejectsWith(describeSsl(rds, "rm-f"), ThrottlingError, "Throttling.User", 400);
    assert.equal((await describeSsl(rds, "rm-f")).statusCode, 200, "the fault is used up");
    assert.deepEqual(emu.admin.counts(), { DescribeDBInstanceSSL: 3 });
    assert.deepEqual(emu.admin.counts({ succeededOnly: true }), { DescribeDBInstanceSSL: 1 });
  });

  it("faults are consumed in order and only by the action they name", async () => {
    emu.admin.injectFault(
      { kind: "unavailable", action: "ModifyDBInstanceSSL" },
      { kind: "internal" },
      { kind: "busy", action: "ModifyDBInstanceSSL" },
    );
    const rds = rdsClient(emu);
    await rejectsWith(describeSsl(rds, "rm-f"), ServerError, "InternalError", 500);
    const modify = () =>
      modifySsl(rds, { DBInstanceId: "rm-f", connectionString: "c", SSLEnabled: 1 });
    await rejectsWith(modify(), ServerError, "ServiceUnavailable", 503);
    await rejectsWith(modify(), ClientError, "IncorrectDBInstanceState", 403);
    assert.deepEqual(emu.admin.pendingFaults(), []);
    await modify();
    assert.deepEqual(emu.admin.writeCounts({ succeededOnly: true }), { ModifyDBInstanceSSL: 1 });
  });

  it("a faulted Modify changes nothing", async () => {
    emu.admin.injectFault({ kind: "unavailable", action: "ModifyDBInstanceSSL" });
    await assert.rejects(
      modifySsl(rdsClient(emu), { DBInstanceId: "rm-f", connectionString: "c", SSLEnabled: 1 }),
    );
    assert.equal(emu.admin.rds.get("rm-f")?.pending, undefined);
  });

  it("reset: the socket is destroyed, the SDK sees a network error without statusCode", async () => {
    emu.admin.injectFault({ kind: "reset" });
    const error = await describeSsl(rdsClient(emu), "rm-f").then(
      () => assert.fail("expected a network error"),
      (e: unknown) => e as SdkError,
    );
    assert.equal(error.statusCode, undefined);
    assert.match(`${error.code} ${error.message}`, /ECONNRESET|socket hang up/i);
    assert.equal(emu.admin.log()[0].status, 0);
    assert.equal(emu.admin.log()[0].fault, "reset");
  });

  it("slow: answers after the delay, and a client read timeout shorter than it fails", async () => {
    emu.admin.injectFault({ kind: "slow", delayMs: 30 }, { kind: "slow", delayMs: 400 });
    assert.equal((await describeSsl(rdsClient(emu), "rm-f")).body?.SSLEnabled, "No");
    await assert.rejects(describeSsl(rdsClient(emu, { readTimeout: 100 }), "rm-f"), /timeout/i);
  });

  it("slow holds the call in virtual time: a clock advance past the hold runs it at once", async () => {
    emu.admin.injectFault({ kind: "slow", delayMs: 10 * 60_000 });
    const started = Date.now();
    const answer = describeSsl(rdsClient(emu, { readTimeout: 5000 }), "rm-f");
    while (emu.admin.callsInFlight() === 0) await new Promise((r) => setTimeout(r, 5));
    assert.equal(emu.admin.log().length, 0, "held: not run, not logged yet");
    emu.clock.advanceBy(10 * 60_000);
    assert.equal((await answer).body?.SSLEnabled, "No");
    assert.equal(emu.admin.callsInFlight(), 0);
    assert.ok(Date.now() - started < 2000, "ran at the advance, not after 10 real minutes");
  });

  it("rejects an unknown fault kind", () => {
    assert.throws(
      () => emu.admin.injectFault({ kind: "explode" as "reset" }),
      /unknown fault kind/,
    );
  });
});
