/**
 * Issue 6 items 1.4-1.7 through the real dynamic-provider host against the emulator: writes whose
 * answer is lost or late, a resumed `up`, busy and terminal instances, and the finished test.
 * Faults fire AFTER the write is applied (`after: true`), as on the real cloud, so a missing
 * recovery shows as a second applied Modify or a false result.
 */
import * as assert from "assert";
import { rdsClient, $Rds } from "../../emulator/rds-sdk-client";
import { URN, startRdsHarness, waitForLog, type RdsHarness } from "../../fixtures/provider-harness";

const ID = "rm-lost1";
const MINUTE = 60_000;

describe("alicloud.rds: lost answers, resumed runs, busy instances (issue 6)", function () {
  let h: RdsHarness;
  beforeEach(async () => {
    // A short client read timeout, so that a slow answer times out in real milliseconds.
    h = await startRdsHarness({ config: { "dbssl:requestTimeoutMs": "500" } });
    h.emu.admin.rds.seed({ id: ID, engine: "MySQL" });
  });
  afterEach(() => h.close());

  const modifies = () => h.emu.admin.requests("ModifyDBInstanceSSL");
  const applied = () => modifies().filter((r) => r.applied);
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => assert.fail("expected a failure"),
      (e) => e,
    );

  it("a Modify applied whose connection was reset is watched, not sent again", async () => {
    h.emu.admin.injectFault({ action: "ModifyDBInstanceSSL", kind: "reset", after: true });
    const { outputs } = await h.create({ instanceId: ID });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(outputs.lastAction, "open");
    assert.strictEqual(modifies().length, 1);
    assert.strictEqual(applied().length, 1);
    assert.strictEqual(h.emu.admin.rds.get(ID)!.ssl.sslEnabled, true);
  });

  it("a slow answer past the client timeout is an unknown outcome: watched, not a failure", async () => {
    h.emu.admin.injectFault({
      action: "ModifyDBInstanceSSL",
      kind: "slow",
      delayMs: 1500,
      after: true,
    });
    const { outputs } = await h.create({ instanceId: ID });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(applied().length, 1);
  });

  it("delete: a slow Modify answer ends with SSL off and the delete done, sent once", async () => {
    const { outputs } = await h.create({ instanceId: ID, onDelete: "disable" });
    h.emu.admin.injectFault({
      action: "ModifyDBInstanceSSL",
      kind: "slow",
      delayMs: 1500,
      after: true,
    });
    const destroy = await h.newHost();
    await destroy.delete(ID, URN, outputs);
    assert.strictEqual(h.emu.admin.rds.get(ID)!.ssl.sslEnabled, false);
    assert.strictEqual(h.emu.admin.rds.get(ID)!.pending, undefined);
    assert.deepStrictEqual(
      applied().map((r) => r.params.SSLEnabled),
      ["1", "0"],
    );
  });

  it("a renewal whose 5xx answer was lost is never sent twice, however long the change takes", async () => {
    h.emu.admin.rds.seed({
      id: "rm-slowrenew",
      engine: "MySQL",
      ssl: { sslEnabled: true },
      timing: { lagMs: 20_000, durationMs: 10 * MINUTE },
    });
    const first = await h.create({ instanceId: "rm-slowrenew", rotateTrigger: "a" });
    h.emu.admin.injectFault({ action: "ModifyDBInstanceSSL", kind: "unavailable", after: true });
    const news = (await h.check({ instanceId: "rm-slowrenew", rotateTrigger: "b" })).inputs;
    const { outputs } = await h.host.update("rm-slowrenew", URN, first.outputs, news);
    assert.strictEqual(outputs.lastAction, "update");
    assert.ok(String(outputs.certificateExpiresAt) > String(first.outputs.certificateExpiresAt));
    assert.strictEqual(applied().length, 1, "one renewal, one restart");
  });

  it("a lost answer whose write did not run is sent again, once, after the grace period", async () => {
    h.emu.admin.injectFault({ action: "ModifyDBInstanceSSL", kind: "internal" }); // before it runs
    const { outputs } = await h.create({ instanceId: ID });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.deepStrictEqual(
      modifies().map((r) => [r.status, Boolean(r.applied)]),
      [
        [500, false],
        [200, true],
      ],
    );
  });

  it("when the watch after a lost answer times out, the resource stays in state", async () => {
    h.emu.admin.rds.seed({ id: "rm-stuck", engine: "MySQL", timing: { durationMs: 60 * MINUTE } });
    h.emu.admin.injectFault({ action: "ModifyDBInstanceSSL", kind: "reset", after: true });
    const checked = await h.check({ instanceId: "rm-stuck", timeoutMinutes: 5 });
    const err = await failure(h.host.create(URN, checked.inputs));
    assert.strictEqual(err.name, "ResourceInitFailedError");
    assert.strictEqual(err.id, "rm-stuck");
    assert.strictEqual(err.properties.lastAction, "open");
    assert.strictEqual(err.properties.__provider, h.providerText);
    assert.match(err.message, /timed out after 5m00s/);
    assert.strictEqual(applied().length, 1);
  });

  it("a resumed up after a killed one sends no second Modify while the first is pending", async () => {
    // The killed `up` got its Modify accepted; the instance still reads Running with SSL off
    // (the lag), and the real API would accept a second Modify: a second restart.
    const sdk = rdsClient(h.emu);
    await sdk.modifyDBInstanceSSL(
      new $Rds.ModifyDBInstanceSSLRequest({
        DBInstanceId: ID,
        connectionString: `${ID}.mysql.rds.aliyuncs.com`,
        SSLEnabled: 1,
      }),
    );
    const resumed = await h.newHost();
    const checked = await h.check({ instanceId: ID });
    const { outputs } = await resumed.create(URN, checked.inputs);
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(applied().length, 1, "only the killed run's Modify");
    assert.strictEqual(h.emu.admin.rds.get(ID)!.pending, undefined);
  });

  it("a busy instance is polled until it is steady, then one Modify (no rejected writes)", async () => {
    h.emu.admin.rds.setStatus(ID, "DBInstanceClassChanging");
    const readyAt = h.emu.clock.now() + 10 * MINUTE;
    const flip = setInterval(() => {
      if (h.emu.clock.now() >= readyAt) h.emu.admin.rds.setStatus(ID, "Running");
    }, 5);
    try {
      const { outputs } = await h.create({ instanceId: ID });
      assert.strictEqual(outputs.sslEnabled, true);
    } finally {
      clearInterval(flip);
    }
    assert.deepStrictEqual(
      modifies().map((r) => r.status),
      [200],
    );
    assert.ok(h.emu.clock.now() >= readyAt);
  });

  for (const [name, setup, message] of [
    [
      "stopped",
      (x: RdsHarness) => x.emu.admin.rds.setStatus(ID, "Stopped"),
      /the instance is Stopped/,
    ],
    [
      "locked",
      (x: RdsHarness) => x.emu.admin.rds.setLock(ID, "LockByExpiration", "instance_expired"),
      /locked \(LockMode LockByExpiration, instance_expired\)/,
    ],
  ] as const) {
    it(`a ${name} instance fails at once, naming the state, with nothing sent`, async () => {
      setup(h);
      const started = h.emu.clock.now();
      const err = await failure(h.create({ instanceId: ID }));
      assert.match(err.message, message);
      assert.match(err.message, /will not change on its own, so nothing was sent/);
      assert.strictEqual(modifies().length, 0);
      assert.ok(h.emu.clock.now() - started < MINUTE, "no waiting for the timeout");
    });
  }

  it("the instance deleted while the change settles is a clear failure, the resource kept", async () => {
    h.emu.admin.rds.seed({ id: "rm-doomed", engine: "MySQL", timing: { durationMs: 30 * MINUTE } });
    const deleteAt = h.emu.clock.now() + 2 * MINUTE;
    const drop = setInterval(() => {
      if (h.emu.clock.now() >= deleteAt && h.emu.admin.rds.get("rm-doomed")) {
        h.emu.admin.rds.delete("rm-doomed");
      }
    }, 5);
    try {
      const err = await failure(h.create({ instanceId: "rm-doomed" }));
      assert.strictEqual(err.name, "ResourceInitFailedError");
      assert.match(err.message, /the instance was deleted/);
    } finally {
      clearInterval(drop);
    }
  });

  it("a flag that flips before the restart does not end the wait", async () => {
    h.emu.admin.rds.seed({
      id: "rm-flip",
      engine: "MySQL",
      timing: { flipEarly: true, lagMs: 40_000, durationMs: 120_000 },
    });
    await h.create({ instanceId: "rm-flip" });
    const after = h.emu.admin.rds.get("rm-flip")!;
    assert.strictEqual(after.pending, undefined, "returned only after the restart finished");
    assert.strictEqual(after.ssl.sslEnabled, true);
  });

  it("a LastModifyStatus=failed left by an earlier change does not fail a new one (PostgreSQL)", async () => {
    h.emu.admin.rds.seed({ id: "pgm-stale", engine: "PostgreSQL" });
    h.emu.admin.rds.leaveFailedChange("pgm-stale", "an earlier change failed");
    const { outputs } = await h.create({ instanceId: "pgm-stale" });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.ok(await waitForLog(h.host, "pgm-stale: SSL enabled and the instance ready after"));
  });
});
