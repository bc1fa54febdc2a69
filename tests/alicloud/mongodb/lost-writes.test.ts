/**
 * Writes whose answer is lost (faults fire AFTER the Modify is applied, as on the real cloud), a
 * resumed `up` while the first change runs, and a timeout that keeps the resource in state.
 */
import * as assert from "assert";
import { callAlibabaRpc } from "../../fixtures/alibaba-rpc";
import type { FamilyHarness } from "../../fixtures/provider-harness";
import { MINUTE, URN, failure, modifies, startDdsHarness } from "./harness";

const ID = "dds-bp1lost";

describe("alicloud.mongodb: lost answers, resumed runs, timeouts", function () {
  let h: FamilyHarness;
  beforeEach(async () => {
    // A short client read timeout, so that a slow answer times out in real milliseconds.
    h = await startDdsHarness({ config: { "dbssl:requestTimeoutMs": "500" } });
    h.emu.admin.dds.seed({ id: ID });
  });
  afterEach(() => h.close());

  const applied = () => modifies(h).filter((r) => r.applied);

  for (const fault of [
    { kind: "reset" as const },
    { kind: "slow" as const, delayMs: 1500 },
    { kind: "internal" as const },
  ]) {
    it(`an applied Modify whose answer is lost (${fault.kind}) is watched, never sent again`, async () => {
      h.emu.admin.injectFault({
        service: "dds",
        action: "ModifyDBInstanceSSL",
        after: true,
        ...fault,
      });
      const { outputs } = await h.create({ instanceId: ID });
      assert.strictEqual(outputs.sslEnabled, true);
      assert.strictEqual(outputs.lastAction, "open");
      assert.strictEqual(modifies(h).length, 1);
      assert.strictEqual(applied().length, 1);
      assert.strictEqual(h.emu.admin.dds.get(ID)!.pending, undefined);
    });
  }

  it("a renewal whose answer was lost is never sent twice", async () => {
    h.emu.admin.dds.seed({
      id: "dds-renew",
      ssl: { open: true },
      timing: { durationMs: 10 * MINUTE },
    });
    const first = await h.create({ instanceId: "dds-renew", rotateTrigger: "a" });
    h.emu.admin.injectFault({
      service: "dds",
      action: "ModifyDBInstanceSSL",
      kind: "unavailable",
      after: true,
    });
    const news = (await h.check({ instanceId: "dds-renew", rotateTrigger: "b" })).inputs;
    const { outputs } = await h.host.update("dds-renew", URN, first.outputs, news);
    assert.strictEqual(outputs.lastAction, "update");
    assert.ok(String(outputs.certificateExpiresAt) > String(first.outputs.certificateExpiresAt));
    assert.strictEqual(applied().length, 1, "one renewal, one restart");
  });

  it("a resumed up while the killed run's Open is in its lag sends no second Modify", async () => {
    // The killed `up` got its Open accepted; the instance still reads Running with SSL Closed, and
    // the API would accept a second Open (a second restart): only the task center shows the change.
    await callAlibabaRpc(h.emu.endpoint, {
      action: "ModifyDBInstanceSSL",
      version: "2015-12-01",
      query: { DBInstanceId: ID, SSLAction: "Open", SwitchMode: "0" },
    });
    const resumed = await h.newHost();
    const { outputs } = await resumed.create(URN, (await h.check({ instanceId: ID })).inputs);
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(applied().length, 1, "only the killed run's Modify");
    assert.strictEqual(h.emu.admin.dds.get(ID)!.pending, undefined);
  });

  it("a timeout after the Modify keeps the resource in state (ResourceInitFailed with __provider)", async () => {
    h.emu.admin.dds.seed({ id: "dds-stuck", timing: { durationMs: 60 * MINUTE } });
    const checked = await h.check({ instanceId: "dds-stuck", timeoutMinutes: 5 });
    const err = await failure(h.host.create(URN, checked.inputs));
    assert.strictEqual(err.name, "ResourceInitFailedError");
    assert.strictEqual(err.id, "dds-stuck");
    assert.strictEqual(err.properties.lastAction, "open");
    assert.strictEqual(err.properties.__provider, h.providerText);
    assert.match(
      err.message,
      /timed out after 5m00s waiting for SSL enabled and the instance ready/,
    );
    assert.strictEqual(applied().length, 1);
  });

  it("the instance deleted while the change settles is a clear failure, the resource kept", async () => {
    h.emu.admin.dds.seed({ id: "dds-doomed", timing: { durationMs: 30 * MINUTE } });
    const deleteAt = h.emu.clock.now() + 2 * MINUTE;
    const drop = setInterval(() => {
      if (h.emu.clock.now() >= deleteAt && h.emu.admin.dds.get("dds-doomed")) {
        h.emu.admin.dds.delete("dds-doomed");
      }
    }, 5);
    try {
      const err = await failure(h.create({ instanceId: "dds-doomed" }));
      assert.strictEqual(err.name, "ResourceInitFailedError");
      assert.match(err.message, /the instance was deleted/);
    } finally {
      clearInterval(drop);
    }
  });
});
