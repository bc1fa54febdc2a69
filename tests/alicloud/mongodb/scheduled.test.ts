/**
 * switchMode "maintenanceWindow" (SwitchMode=1, seed 000): `up` returns once the cloud has accepted
 * the change, the outputs say it is pending, no second Modify is sent while it waits (another up, a
 * resumed up in a new process), and a refresh after the window shows it applied.
 */
import * as assert from "assert";
import { waitForLog, type FamilyHarness } from "../../fixtures/provider-harness";
import { MINUTE, URN, modifies, startDdsHarness } from "./harness";

const ID = "dds-bp1window";

describe("alicloud.mongodb: changes scheduled for the maintenance window", function () {
  let h: FamilyHarness;
  beforeEach(async () => {
    h = await startDdsHarness();
    // A window that starts about three hours from now (virtual time).
    const start = new Date(h.emu.clock.now() + 3 * 60 * MINUTE);
    const hhmm = `${String(start.getUTCHours()).padStart(2, "0")}:00Z`;
    h.emu.admin.dds.seed({ id: ID, maintainStartTime: hhmm });
  });
  afterEach(() => h.close());

  const inputs = { instanceId: ID, switchMode: "maintenanceWindow" };

  it("up returns once accepted; outputs say pending; no second Modify; refresh shows it applied", async () => {
    const started = h.emu.clock.now();
    const created = await h.create(inputs);
    assert.ok(h.emu.clock.now() - started < MINUTE, "up did not wait for the window");
    assert.deepStrictEqual(
      modifies(h).map((r) => r.params),
      [{ DBInstanceId: ID, SSLAction: "Open", SwitchMode: "1" }],
    );
    assert.ok(await waitForLog(h.host, `${ID}: open is scheduled for the maintenance window`));
    const out = created.outputs;
    assert.strictEqual(out.sslEnabled, false, "the read shows SSL still closed: no false claim");
    assert.strictEqual(out.lastAction, "open");
    assert.match(String(out.pendingChange), /ModifyDBInstanceSSL t-[0-9a-f]+ Waiting/);
    assert.match(String(out.maintenanceWindow), /^\d\d:00Z-\d\d:00Z$/);
    assert.strictEqual(h.emu.admin.dds.get(ID)!.pending!.scheduled, true);

    // The next `up` (the preview shows SSL off vs on) and a resumed `up` in a new process: no write.
    const news = (await h.check(inputs)).inputs;
    assert.strictEqual((await h.host.diff(ID, URN, out, news)).changes, "some");
    const again = await h.host.update(ID, URN, out, news);
    assert.match(String(again.outputs.pendingChange), /Waiting/);
    await (await h.newHost()).create(URN, news);
    assert.strictEqual(modifies(h).length, 1, "no second Modify while the change is scheduled");

    // After the window: a refresh shows SSL on and nothing pending; the next up sends nothing.
    h.emu.clock.advanceTo(Date.parse(h.emu.admin.dds.get(ID)!.pending!.completesAt) + 1000);
    const read = await h.host.read(ID, URN, again.outputs);
    assert.strictEqual(read.outputs.sslEnabled, true);
    assert.strictEqual(read.outputs.pendingChange, undefined);
    assert.match(String(read.outputs.certificateExpiresAt), /^\d{4}-/);
    const last = await h.host.update(ID, URN, read.outputs, news);
    assert.strictEqual(last.outputs.sslEnabled, true);
    assert.strictEqual(modifies(h).length, 1);
  });

  it("the preview warns that the restart happens in the maintenance window", async () => {
    const created = await h.create({
      instanceId: ID,
      switchMode: "maintenanceWindow",
      sslEnabled: false,
    });
    const news = (await h.check(inputs)).inputs;
    await h.host.diff(ID, URN, created.outputs, news);
    assert.ok(
      await waitForLog(h.host, "restarts the MongoDB instance in its maintenance window ("),
      h.host.logs.join("\n"),
    );
  });

  it("a scheduled close on delete is accepted and left to the window", async () => {
    h.emu.admin.dds.setSsl(ID, { open: true });
    const created = await h.create({ ...inputs, onDelete: "disable" });
    assert.strictEqual(modifies(h).length, 0);
    await (await h.newHost()).delete(ID, URN, created.outputs);
    assert.deepStrictEqual(
      modifies(h).map((r) => [r.params.SSLAction, r.params.SwitchMode]),
      [["Close", "1"]],
    );
    assert.strictEqual(h.emu.admin.dds.get(ID)!.ssl.open, true, "closes in the window");
    assert.strictEqual(h.emu.admin.dds.get(ID)!.pending!.target.open, false);
  });
});
