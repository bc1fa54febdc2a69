/**
 * forceEncryption (seed 000 `ForceEncryption`, MongoDB 7.0/8.0 on cloud disks). It travels with
 * Open or Update only; a change while SSL stays on fails at preview (and at up) unless the user
 * asks for the renewal it needs, and is then sent with SSLAction=Update.
 */
import * as assert from "assert";
import type { FamilyHarness } from "../../fixtures/provider-harness";
import { URN, failure, modifies, startDdsHarness } from "./harness";

const ID = "dds-bp1force";

describe("alicloud.mongodb: forceEncryption", function () {
  let h: FamilyHarness;
  beforeEach(async () => {
    h = await startDdsHarness();
    h.emu.admin.dds.seed({ id: ID, engineVersion: "7.0", storageType: "cloud_essd1" });
  });
  afterEach(() => h.close());

  it("is sent with Open and read back from the raw ForceEncryption field", async () => {
    const { outputs } = await h.create({ instanceId: ID, forceEncryption: true });
    assert.deepStrictEqual(modifies(h)[0].params, {
      DBInstanceId: ID,
      SSLAction: "Open",
      SwitchMode: "0",
      ForceEncryption: "1",
    });
    assert.strictEqual(outputs.forceEncryption, true);
    assert.strictEqual(h.emu.admin.dds.get(ID)!.ssl.forceEncryption, true);
  });

  it("a change while SSL stays on fails at preview, naming the fix; nothing sent", async () => {
    const first = await h.create({ instanceId: ID, forceEncryption: false });
    const news = (await h.check({ instanceId: ID, forceEncryption: true })).inputs;
    const err = await failure(h.host.diff(ID, URN, first.outputs, news));
    assert.match(
      err.message,
      /forceEncryption cannot change from false to true on its own while SSL stays on: .*also change rotateTrigger/,
    );
    // `up` without a preview fails the same way, before any write.
    const up = await failure(h.host.update(ID, URN, first.outputs, news));
    assert.match(up.message, /forceEncryption cannot change from false to true on its own/);
    assert.strictEqual(modifies(h).length, 1, "only the first Open");
  });

  it("with a new rotateTrigger it is sent with SSLAction=Update (a renewal the user asked for)", async () => {
    const first = await h.create({ instanceId: ID, rotateTrigger: "a" });
    const news = (await h.check({ instanceId: ID, rotateTrigger: "b", forceEncryption: true }))
      .inputs;
    assert.strictEqual((await h.host.diff(ID, URN, first.outputs, news)).changes, "some");
    const { outputs } = await h.host.update(ID, URN, first.outputs, news);
    assert.deepStrictEqual(modifies(h).at(-1)!.params, {
      DBInstanceId: ID,
      SSLAction: "Update",
      SwitchMode: "0",
      ForceEncryption: "1",
    });
    assert.strictEqual(outputs.forceEncryption, true);
    assert.strictEqual(outputs.lastAction, "update");
  });

  it("create over an open instance with a different forceEncryption fails before any write", async () => {
    h.emu.admin.dds.setSsl(ID, { open: true, forceEncryption: false });
    const err = await failure(h.create({ instanceId: ID, forceEncryption: true }));
    assert.match(
      err.message,
      /forceEncryption cannot change from false to true on its own.*nothing was changed/,
    );
    assert.strictEqual(modifies(h).length, 0);
  });

  it("on an instance without the feature (4.4) true is refused before any write; false needs nothing", async () => {
    h.emu.admin.dds.seed({ id: "dds-old" });
    const err = await failure(h.create({ instanceId: "dds-old", forceEncryption: true }));
    assert.match(
      err.message,
      /forceEncryption needs MongoDB 7\.0 or 8\.0 on cloud disks; this instance runs 4\.4 on cloud_essd1/,
    );
    assert.strictEqual(modifies(h).length, 0);
    const { outputs } = await h.create({ instanceId: "dds-old", forceEncryption: false });
    assert.deepStrictEqual(
      modifies(h).map((r) => r.params.ForceEncryption),
      [undefined],
    );
    assert.strictEqual(outputs.forceEncryption, undefined, "neither read nor sent: not claimed");
  });

  it("refresh shows an out-of-band change of ForceEncryption as drift", async () => {
    const { outputs } = await h.create({ instanceId: ID, forceEncryption: true });
    h.emu.admin.dds.setSsl(ID, { forceEncryption: false });
    const read = await h.host.read(ID, URN, outputs);
    assert.strictEqual(read.outputs.forceEncryption, false);
    assert.strictEqual(read.inputs!.forceEncryption, false);
  });
});
