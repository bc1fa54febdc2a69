/**
 * alicloud.redis through the real dynamic-provider host: writes whose answer is lost or late (faults
 * fire AFTER the write is applied, as on the real cloud), a resumed `up` while the first change is
 * still in its lag, busy and terminal instances, and the finished test against a lag longer than the
 * settle grace period.
 */
import * as assert from "assert";
import Kvstore, * as $Kv from "@alicloud/r-kvstore20150101";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY } from "../../emulator";
import { startFamilyHarness, urnOf, type FamilyHarness } from "../../fixtures/provider-harness";

const FAMILY = "alicloud.redis";
const URN = urnOf(FAMILY);
const ID = "r-lost1";
const MINUTE = 60_000;

describe("alicloud.redis: lost answers, resumed runs, busy instances", function () {
  let h: FamilyHarness;
  beforeEach(async () => {
    // A short client read timeout, so that a slow answer times out in real milliseconds.
    h = await startFamilyHarness(FAMILY, { config: { "dbssl:requestTimeoutMs": "500" } });
    h.emu.admin.kvstore.seed({ id: ID });
  });
  afterEach(() => h.close());

  const modifies = () => h.emu.admin.requests("ModifyInstanceSSL");
  const applied = () => modifies().filter((r) => r.applied);
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => assert.fail("expected a failure"),
      (e) => e,
    );

  it("a Modify applied whose connection was reset is watched through the task center, not resent", async () => {
    h.emu.admin.injectFault({ action: "ModifyInstanceSSL", kind: "reset", after: true });
    const { outputs } = await h.create({ instanceId: ID });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(outputs.lastAction, "open");
    assert.strictEqual(outputs.lastTaskId, undefined, "the answer with the TaskId was lost");
    assert.strictEqual(modifies().length, 1);
    assert.strictEqual(h.emu.admin.kvstore.get(ID)!.pending, undefined);
    assert.ok(h.emu.admin.counts().DescribeHistoryTasks >= 2);
  });

  it("a slow answer past the client timeout is an unknown outcome: watched, not a failure", async () => {
    h.emu.admin.injectFault({
      action: "ModifyInstanceSSL",
      kind: "slow",
      delayMs: 1500,
      after: true,
    });
    const { outputs } = await h.create({ instanceId: ID });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(applied().length, 1);
  });

  it("a renewal whose 5xx answer was lost is never sent twice, however long it takes", async () => {
    h.emu.admin.kvstore.seed({
      id: "r-slowrenew",
      ssl: { sslEnabled: true },
      timing: { lagMs: 20_000, durationMs: 10 * MINUTE },
    });
    const first = await h.create({ instanceId: "r-slowrenew", rotateTrigger: "a" });
    h.emu.admin.injectFault({ action: "ModifyInstanceSSL", kind: "unavailable", after: true });
    const news = (await h.check({ instanceId: "r-slowrenew", rotateTrigger: "b" })).inputs;
    const { outputs } = await h.host.update("r-slowrenew", URN, first.outputs, news);
    assert.strictEqual(outputs.lastAction, "update");
    assert.strictEqual(applied().length, 1, "one renewal, one restart");
    assert.strictEqual(h.emu.admin.kvstore.get("r-slowrenew")!.pending, undefined);
  });

  it("a lost answer whose write did not run is sent again, once, after the grace period", async () => {
    h.emu.admin.injectFault({ action: "ModifyInstanceSSL", kind: "internal" }); // before it runs
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

  it("a resumed up after a killed one sends no second Modify while the first is in its lag", async () => {
    // The killed `up` got its Modify accepted; the instance still reads Normal with TLS off, and
    // the API accepts a second Enable then: a second restart.
    const kv = new Kvstore(
      new $OpenApiUtil.Config({
        accessKeyId: EMULATOR_ACCESS_KEY,
        accessKeySecret: EMULATOR_SECRET_KEY,
        regionId: "cn-hangzhou",
        endpoint: h.emu.endpoint,
        protocol: "http",
      }),
    );
    await kv.modifyInstanceSSL(
      new $Kv.ModifyInstanceSSLRequest({ instanceId: ID, SSLEnabled: "Enable" }),
    );
    const resumed = await h.newHost();
    const checked = await h.check({ instanceId: ID });
    const { outputs } = await resumed.create(URN, checked.inputs);
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(applied().length, 1, "only the killed run's Modify");
    assert.strictEqual(h.emu.admin.kvstore.get(ID)!.pending, undefined);
  });

  it("IncorrectDBInstanceState (busy) is waited out, then one Modify lands", async () => {
    h.emu.admin.injectFault({ action: "ModifyInstanceSSL", kind: "busy", times: 2 });
    const { outputs } = await h.create({ instanceId: ID });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.deepStrictEqual(
      modifies().map((r) => [r.status, r.code]),
      [
        [403, "IncorrectDBInstanceState"],
        [403, "IncorrectDBInstanceState"],
        [200, undefined],
      ],
    );
  });

  it("an instance in Changing is polled until Normal, then one Modify (no rejected write)", async () => {
    h.emu.admin.kvstore.setStatus(ID, "Changing");
    const readyAt = h.emu.clock.now() + 10 * MINUTE;
    const flip = setInterval(() => {
      if (h.emu.clock.now() >= readyAt) h.emu.admin.kvstore.setStatus(ID, "Normal");
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

  it("an Inactive instance fails at once, naming the state, with nothing sent", async () => {
    h.emu.admin.kvstore.setStatus(ID, "Inactive");
    const started = h.emu.clock.now();
    const err = await failure(h.create({ instanceId: ID }));
    assert.match(err.message, /the instance is Inactive; it will not change on its own/);
    assert.strictEqual(modifies().length, 0);
    assert.ok(h.emu.clock.now() - started < MINUTE, "no waiting for the timeout");
  });

  it("the instance deleted while the change settles is a clear failure, the resource kept", async () => {
    h.emu.admin.kvstore.seed({ id: "r-doomed", timing: { durationMs: 30 * MINUTE } });
    const deleteAt = h.emu.clock.now() + 2 * MINUTE;
    const drop = setInterval(() => {
      if (h.emu.clock.now() >= deleteAt && h.emu.admin.kvstore.get("r-doomed")) {
        h.emu.admin.kvstore.delete("r-doomed");
      }
    }, 5);
    try {
      const err = await failure(h.create({ instanceId: "r-doomed" }));
      assert.strictEqual(err.name, "ResourceInitFailedError");
      assert.strictEqual(err.id, "r-doomed");
      assert.match(err.message, /the instance was deleted/);
    } finally {
      clearInterval(drop);
    }
  });

  it("a flag that flips at once, with a lag longer than the grace period, does not end the wait", async () => {
    h.emu.admin.kvstore.seed({
      id: "r-flip",
      timing: { flipEarly: true, lagMs: 5 * MINUTE, durationMs: 2 * MINUTE },
    });
    await h.create({ instanceId: "r-flip" });
    const after = h.emu.admin.kvstore.get("r-flip")!;
    assert.strictEqual(after.pending, undefined, "returned only after the restart finished");
    assert.strictEqual(after.ssl.sslEnabled, true);
  });

  it("a renewal with a lag longer than the grace period returns only after its task completed", async () => {
    h.emu.admin.kvstore.seed({
      id: "r-lagrenew",
      ssl: { sslEnabled: true },
      timing: { lagMs: 5 * MINUTE, durationMs: 2 * MINUTE },
    });
    const first = await h.create({ instanceId: "r-lagrenew", rotateTrigger: "a" });
    const news = (await h.check({ instanceId: "r-lagrenew", rotateTrigger: "b" })).inputs;
    await h.host.update("r-lagrenew", URN, first.outputs, news);
    assert.strictEqual(h.emu.admin.kvstore.get("r-lagrenew")!.pending, undefined);
    assert.deepStrictEqual(
      h.emu.admin.kvstore.tasks("r-lagrenew").map((t) => t.detailStatus),
      ["COMPLETED"],
    );
  });
});
