import * as assert from "assert";
import { URN, startRdsHarness, type RdsHarness } from "../../fixtures/provider-harness";

const DAY = 86_400_000;

describe("alicloud.rds renewal and busy instances", function () {
  let h: RdsHarness;
  beforeEach(async () => (h = await startRdsHarness()));
  afterEach(() => h.close());

  const accepted = () =>
    h.emu.admin.requests("ModifyDBInstanceSSL").filter((r) => r.status === 200);

  it("renewBeforeDays: a certificate expiring soon shows an update and up renews it", async () => {
    const expiresAt = h.emu.clock.now() + 10 * DAY;
    h.emu.admin.rds.seed({ id: "rm-old", engine: "MySQL", ssl: { sslEnabled: true, expiresAt } });
    const inputs = { instanceId: "rm-old", renewBeforeDays: 30 };
    // Up on an instance whose certificate expires in 10 days renews it right away.
    const { outputs } = await h.create(inputs);
    assert.strictEqual(accepted().length, 1);
    assert.strictEqual(outputs.lastAction, "update");
    const renewedUntil = Date.parse(String(outputs.certificateExpiresAt));
    assert.ok(renewedUntil > expiresAt + 300 * DAY);
    // Right after, nothing is due: the next preview is clean.
    const news = (await h.check(inputs)).inputs;
    assert.strictEqual((await h.host.diff("rm-old", URN, outputs, news)).changes, "none");
    // Months later a refresh reads a certificate 20 days from expiry: the preview shows an update.
    const soon = Math.floor((h.emu.clock.now() + 20 * DAY) / 1000) * 1000;
    h.emu.admin.rds.setSsl("rm-old", { expiresAt: soon });
    const refreshed = await h.host.read("rm-old", URN, outputs);
    assert.strictEqual(refreshed.outputs.certificateExpiresAt, new Date(soon).toISOString());
    assert.strictEqual((await h.host.diff("rm-old", URN, refreshed.outputs, news)).changes, "some");
    const up = await h.host.update("rm-old", URN, refreshed.outputs, news);
    assert.strictEqual(accepted().length, 2);
    assert.strictEqual(up.outputs.lastAction, "update");
    assert.ok(Date.parse(String(up.outputs.certificateExpiresAt)) > soon + 300 * DAY);
  });

  it("an instance busy with another change is waited for, then the Modify is sent once", async () => {
    h.emu.admin.rds.seed({ id: "rm-busy", engine: "MySQL" });
    h.emu.admin.injectFault({ action: "ModifyDBInstanceSSL", kind: "busy", times: 2 });
    const { outputs } = await h.create({ instanceId: "rm-busy" });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.deepStrictEqual(
      h.emu.admin.requests("ModifyDBInstanceSSL").map((r) => [r.status, r.code]),
      [
        [403, "IncorrectDBInstanceState"],
        [403, "IncorrectDBInstanceState"],
        [200, undefined],
      ],
    );
  });

  it("a reset connection on Modify is followed by a read, and the change is not sent twice", async () => {
    h.emu.admin.rds.seed({ id: "rm-reset", engine: "MySQL" });
    h.emu.admin.injectFault({ action: "ModifyDBInstanceSSL", kind: "reset", times: 1 });
    const { outputs } = await h.create({ instanceId: "rm-reset" });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(accepted().length, 1);
  });
});
