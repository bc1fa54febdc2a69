/**
 * alicloud.mongodb through the real dynamic-provider host against the emulator: create, no-op,
 * renewal, refresh drift, delete and retain, not found, the lag, throttling, busy and terminal
 * instances. Exact ModifyDBInstanceSSL parameters are asserted from the emulator's log.
 */
import * as assert from "assert";
import { waitForLog, type FamilyHarness } from "../../fixtures/provider-harness";
import { MINUTE, URN, ddsCalls, failure, modifies, startDdsHarness } from "./harness";

const ID = "dds-bp1life";

describe("alicloud.mongodb DbSslConfig lifecycle (dynamic-provider host + emulator)", function () {
  let h: FamilyHarness;
  beforeEach(async () => {
    h = await startDdsHarness();
    h.emu.admin.dds.seed({ id: ID });
  });
  afterEach(() => h.close());

  it("create opens SSL with one Modify, waits through the restart, reports the live state", async () => {
    const { id, outputs } = await h.create({ instanceId: ID });
    assert.strictEqual(id, ID);
    assert.deepStrictEqual(
      modifies(h).map((r) => r.params),
      [{ DBInstanceId: ID, SSLAction: "Open", SwitchMode: "0" }],
    );
    const live = h.emu.admin.dds.get(ID)!;
    assert.strictEqual(live.status, "Running");
    assert.strictEqual(live.pending, undefined, "returned only after the restart finished");
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(outputs.lastAction, "open");
    // SSLExpiredTime is given to the second (yyyy-MM-ddTHH:mm:ssZ).
    assert.strictEqual(
      outputs.certificateExpiresAt,
      live.ssl.expiresAt!.replace(/\.\d{3}Z$/, ".000Z"),
    );
    assert.strictEqual(outputs.certificateCommonName, `${ID}.mongodb.rds.aliyuncs.com`);
    assert.strictEqual(outputs.instanceType, "replicate");
    assert.strictEqual(outputs.switchMode, "immediately");
    assert.strictEqual(outputs.forceEncryption, undefined, "4.4 returns no ForceEncryption");
    assert.strictEqual(outputs.pendingChange, undefined);
    assert.match(String(outputs.lastRequestId), /^[0-9A-F-]{36}$/);
  });

  it("create on an instance already in the declared state sends no Modify", async () => {
    h.emu.admin.dds.setSsl(ID, { open: true });
    const { outputs } = await h.create({ instanceId: ID });
    assert.strictEqual(modifies(h).length, 0);
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(outputs.lastAction, undefined);
  });

  it("the lag before the instance leaves Running and a flag that flips early do not end the wait", async () => {
    h.emu.admin.dds.seed({
      id: "dds-slow",
      timing: { lagMs: 2 * MINUTE, durationMs: 5 * MINUTE, flipEarly: true },
    });
    const { outputs } = await h.create({ instanceId: "dds-slow" });
    assert.strictEqual(outputs.sslEnabled, true);
    const live = h.emu.admin.dds.get("dds-slow")!;
    assert.strictEqual(live.pending, undefined, "the restart had finished");
    assert.strictEqual(modifies(h, "dds-slow").length, 1);
    // The task center showed the change in its lag: polls went on while the status read Running.
    assert.ok(ddsCalls(h, "DescribeHistoryTasks").length >= 3);
  });

  it("an earlier change's finished task is not this change's, though the centre lists the new one late", async () => {
    const id = "dds-twice";
    h.emu.admin.dds.seed({ id, timing: { lagMs: 30_000, durationMs: MINUTE, flipEarly: true } });
    const first = await h.create({ instanceId: id });
    // The Open's task stays listed as Succeed; the Close's appears 45 s after it is accepted,
    // while the flag reads Closed at once (flipEarly): only the task ids tell the two apart.
    h.emu.admin.dds.lagTaskListing(45_000);
    const news = (await h.check({ instanceId: id, sslEnabled: false })).inputs;
    const { outputs } = await h.host.update(id, URN, first.outputs, news);
    assert.strictEqual(outputs.sslEnabled, false);
    assert.strictEqual(h.emu.admin.dds.get(id)!.pending, undefined, "the restart had finished");
    assert.strictEqual(modifies(h, id).length, 2);
  });

  it("a changed rotateTrigger sends SSLAction=Update and the expiry moves", async () => {
    const first = await h.create({ instanceId: ID, rotateTrigger: "2026-01" });
    const news = (await h.check({ instanceId: ID, rotateTrigger: "2026-11" })).inputs;
    const diff = await h.host.diff(ID, URN, first.outputs, news);
    assert.strictEqual(diff.changes, "some");
    assert.ok(await waitForLog(h.host, `alicloud.mongodb ${ID}: applying this change restarts`));
    const { outputs } = await h.host.update(ID, URN, first.outputs, news);
    assert.deepStrictEqual(
      modifies(h).map((r) => r.params.SSLAction),
      ["Open", "Update"],
    );
    assert.strictEqual(outputs.lastAction, "update");
    assert.ok(String(outputs.certificateExpiresAt) > String(first.outputs.certificateExpiresAt));
  });

  it("renewBeforeDays: a certificate expiring within the window shows in diff and is renewed", async () => {
    const soon = h.emu.clock.now() + 10 * 24 * 60 * MINUTE;
    h.emu.admin.dds.setSsl(ID, { open: true, expiresAt: soon });
    const first = await h.create({ instanceId: ID });
    const news = (await h.check({ instanceId: ID, renewBeforeDays: 30 })).inputs;
    assert.strictEqual((await h.host.diff(ID, URN, first.outputs, news)).changes, "some");
    const { outputs } = await h.host.update(ID, URN, first.outputs, news);
    assert.strictEqual(modifies(h).at(-1)!.params.SSLAction, "Update");
    assert.ok(Date.parse(String(outputs.certificateExpiresAt)) > soon);
  });

  it("refresh shows an out-of-band Close; the next diff changes and up puts it back", async () => {
    const { outputs } = await h.create({ instanceId: ID });
    h.emu.admin.dds.setSsl(ID, { open: false });
    const read = await h.host.read(ID, URN, outputs, { instanceId: ID });
    assert.strictEqual(read.outputs.sslEnabled, false);
    assert.strictEqual(read.outputs.certificateExpiresAt, undefined);
    assert.deepStrictEqual(read.inputs, {
      __provider: h.providerText,
      instanceId: ID,
      onDelete: "retain",
      region: "cn-hangzhou",
      sslEnabled: false,
      switchMode: "immediately",
    });
    const news = (await h.check({ instanceId: ID })).inputs;
    assert.strictEqual((await h.host.diff(ID, URN, read.outputs, news)).changes, "some");
    const up = await h.host.update(ID, URN, read.outputs, news);
    assert.strictEqual(up.outputs.sslEnabled, true);
    assert.strictEqual(modifies(h).length, 2);
  });

  it('delete closes SSL with onDelete "disable" (a new provider process); the default retains', async () => {
    const { outputs } = await h.create({ instanceId: ID, onDelete: "disable" });
    await (await h.newHost()).delete(ID, URN, outputs);
    assert.strictEqual(h.emu.admin.dds.get(ID)!.ssl.open, false);
    assert.deepStrictEqual(
      modifies(h).map((r) => r.params.SSLAction),
      ["Open", "Close"],
    );
    h.emu.admin.dds.seed({ id: "dds-keep" });
    const kept = await h.create({ instanceId: "dds-keep" });
    await (await h.newHost()).delete("dds-keep", URN, kept.outputs);
    assert.strictEqual(h.emu.admin.dds.get("dds-keep")!.ssl.open, true);
    assert.strictEqual(modifies(h, "dds-keep").length, 1);
  });

  it("a deleted instance: refresh drops the resource, delete succeeds, create names region and endpoint", async () => {
    const { outputs } = await h.create({ instanceId: ID });
    h.emu.admin.dds.delete(ID);
    assert.strictEqual((await h.host.read(ID, URN, outputs)).id, "");
    await (await h.newHost()).delete(ID, URN, outputs);
    const err = await failure(h.create({ instanceId: "dds-missing" }));
    assert.match(
      err.message,
      /alicloud\.mongodb SSL \(dds-missing\): instance not found in region cn-hangzhou/,
    );
    assert.match(err.message, /InvalidDBInstanceId\.NotFound/);
    assert.match(err.message, /RequestId: [0-9A-F-]{36}/);
  });

  it("a throttling burst on every API is survived", async () => {
    h.emu.admin.injectFault(
      {
        service: "dds",
        action: "DescribeDBInstanceAttribute",
        kind: "throttle",
        times: 3,
        retryAfterMs: 200,
      },
      { service: "dds", action: "DescribeDBInstanceSSL", kind: "throttle", times: 2 },
      { service: "dds", action: "DescribeHistoryTasks", kind: "throttle", times: 2 },
      { service: "dds", action: "ModifyDBInstanceSSL", kind: "throttle", times: 3 },
    );
    const { outputs } = await h.create({ instanceId: ID });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.deepStrictEqual(
      modifies(h).map((r) => r.code ?? r.status),
      ["Throttling.User", "Throttling.User", "Throttling.User", 200],
    );
  });

  it("a busy answer (IncorrectDBInstanceState) is waited out, then one Modify lands", async () => {
    h.emu.admin.injectFault({ service: "dds", action: "ModifyDBInstanceSSL", kind: "busy" });
    const { outputs } = await h.create({ instanceId: ID });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.deepStrictEqual(
      modifies(h).map((r) => [r.code ?? r.status, Boolean(r.applied)]),
      [
        ["IncorrectDBInstanceState", false],
        [200, true],
      ],
    );
  });

  it("a busy instance is polled until Running, then one Modify", async () => {
    h.emu.admin.dds.setStatus(ID, "DBInstanceClassChanging");
    const readyAt = h.emu.clock.now() + 10 * MINUTE;
    const flip = setInterval(() => {
      if (h.emu.clock.now() >= readyAt) h.emu.admin.dds.setStatus(ID, "Running");
    }, 5);
    try {
      assert.strictEqual((await h.create({ instanceId: ID })).outputs.sslEnabled, true);
    } finally {
      clearInterval(flip);
    }
    assert.deepStrictEqual(
      modifies(h).map((r) => r.status),
      [200],
    );
    assert.ok(h.emu.clock.now() >= readyAt);
  });

  for (const [name, setup, message] of [
    [
      "locked",
      (x: FamilyHarness) => x.emu.admin.dds.setLock(ID, "LockByExpiration"),
      /locked \(LockMode LockByExpiration\)/,
    ],
    [
      "deleting",
      (x: FamilyHarness) => x.emu.admin.dds.setStatus(ID, "Deleting"),
      /the instance is Deleting/,
    ],
  ] as const) {
    it(`a ${name} instance fails at once, naming the state, with nothing sent`, async () => {
      setup(h);
      const started = h.emu.clock.now();
      const err = await failure(h.create({ instanceId: ID }));
      assert.match(err.message, message);
      assert.match(err.message, /nothing was sent/);
      assert.strictEqual(modifies(h).length, 0);
      assert.ok(h.emu.clock.now() - started < MINUTE, "no waiting for the timeout");
    });
  }
});
