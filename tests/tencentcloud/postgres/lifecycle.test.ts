/**
 * tencentcloud.postgres through the real dynamic-provider host against the emulator: enable with
 * an address, no-op, disable, address change, refresh drift, delete and retain, not found.
 */
import * as assert from "assert";
import { appliedModifies, ipOf, modifies, PG_URN as URN, startPostgresHarness } from "./harness";
import type { FamilyHarness } from "../../fixtures/provider-harness";

const ID = "postgres-5gevh7gr";

describe("tencentcloud.postgres: lifecycle through the host", function () {
  let h: FamilyHarness;
  let ip: string;
  beforeEach(async () => {
    h = await startPostgresHarness();
    h.emu.admin.tencentPostgres.seed({
      id: ID,
      addresses: [{ ip: "10.6.0.4" }, { ip: "203.0.113.7", netType: "public" }],
    });
    ip = ipOf(h, ID);
  });
  afterEach(() => h.close());

  it("create enables SSL with one Modify (SSLEnabled + ConnectAddress), waits for the task, reads back", async () => {
    const started = h.emu.clock.now();
    const { id, outputs } = await h.create({ instanceId: ID, connectAddress: ip });
    assert.strictEqual(id, ID);
    assert.deepStrictEqual(
      modifies(h).map((r) => r.params),
      [{ DBInstanceId: ID, SSLEnabled: "true", ConnectAddress: ip }],
    );
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(outputs.connectAddress, ip);
    assert.strictEqual(outputs.lastAction, "open");
    assert.strictEqual(outputs.lastTaskId, "100015", "TaskId as exact decimal text");
    assert.match(String(outputs.caUrl), /^https:\/\/.*ca\.pem$/);
    assert.match(String(outputs.caCert), /BEGIN CERTIFICATE/);
    assert.strictEqual(outputs.region, "ap-guangzhou");
    assert.strictEqual(outputs.certificateExpiresAt, undefined, "the API reports no expiry");
    assert.strictEqual(h.emu.admin.tencentPostgres.get(ID)!.openTasks.length, 0, "task finished");
    assert.ok(h.emu.clock.now() - started >= 42_000, "waited through the lag and the task");
  });

  it("create on an instance already in that state sends no Modify", async () => {
    h.emu.admin.tencentPostgres.setSsl(ID, { sslEnabled: true, connectAddress: ip });
    const { outputs } = await h.create({ instanceId: ID, connectAddress: ip });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(modifies(h).length, 0);
    assert.strictEqual(outputs.lastAction, undefined);
  });

  it("disable sends SSLEnabled=false without ConnectAddress; the address is no longer claimed", async () => {
    const created = await h.create({ instanceId: ID, connectAddress: ip });
    const news = (await h.check({ instanceId: ID, connectAddress: ip, sslEnabled: false })).inputs;
    const diff = await h.host.diff(ID, URN, created.outputs, news);
    assert.strictEqual(diff.changes, "some");
    const { outputs } = await h.host.update(ID, URN, created.outputs, news);
    assert.deepStrictEqual(modifies(h).at(-1)!.params, { DBInstanceId: ID, SSLEnabled: "false" });
    assert.strictEqual(outputs.sslEnabled, false);
    assert.strictEqual(outputs.connectAddress, undefined);
    assert.strictEqual(outputs.caCert, undefined);
    assert.strictEqual(outputs.lastAction, "close");
    // Declared off: the address is ignored, so no perpetual diff.
    const again = await h.host.diff(ID, URN, outputs, news);
    assert.strictEqual(again.changes, "none");
  });

  it("a new address while SSL is on is an update in place (SSLEnabled=true + the new address)", async () => {
    const created = await h.create({ instanceId: ID, connectAddress: ip });
    const news = (await h.check({ instanceId: ID, connectAddress: "203.0.113.7" })).inputs;
    const diff = await h.host.diff(ID, URN, created.outputs, news);
    assert.strictEqual(diff.changes, "some");
    assert.deepStrictEqual(diff.replaces, []);
    const { outputs } = await h.host.update(ID, URN, created.outputs, news);
    assert.deepStrictEqual(modifies(h).at(-1)!.params, {
      DBInstanceId: ID,
      SSLEnabled: "true",
      ConnectAddress: "203.0.113.7",
    });
    assert.strictEqual(outputs.connectAddress, "203.0.113.7");
    assert.strictEqual(outputs.lastAction, "reconfigure");
    assert.strictEqual(outputs.lastTaskId, "100016");
  });

  it("refresh reports an out-of-band change; the next up puts it back", async () => {
    const { outputs } = await h.create({ instanceId: ID, connectAddress: ip });
    h.emu.admin.tencentPostgres.setSsl(ID, { sslEnabled: true, connectAddress: "203.0.113.7" });
    const read = await h.host.read(ID, URN, outputs);
    assert.strictEqual(read.outputs.connectAddress, "203.0.113.7");
    assert.deepStrictEqual(read.inputs, {
      __provider: h.providerText,
      instanceId: ID,
      region: "ap-guangzhou",
      connectAddress: "203.0.113.7",
      onDelete: "retain",
      sslEnabled: true,
    });
    assert.strictEqual(read.outputs.lastTaskId, "100015", "carried over by read");
    const news = (await h.check({ instanceId: ID, connectAddress: ip })).inputs;
    assert.strictEqual((await h.host.diff(ID, URN, read.outputs, news)).changes, "some");
    const up = await h.host.update(ID, URN, read.outputs, news);
    assert.strictEqual(up.outputs.connectAddress, ip);
    assert.strictEqual(h.emu.admin.tencentPostgres.get(ID)!.ssl.connectAddress, ip);
  });

  it("refresh shows SSL turned off by hand", async () => {
    const { outputs } = await h.create({ instanceId: ID, connectAddress: ip });
    h.emu.admin.tencentPostgres.setSsl(ID, { sslEnabled: false });
    const read = await h.host.read(ID, URN, outputs);
    assert.strictEqual(read.outputs.sslEnabled, false);
    assert.strictEqual(read.inputs!.sslEnabled, false);
  });

  it('delete turns SSL off with onDelete "disable"; the default (retain) leaves it on; gone is success', async () => {
    h.emu.admin.tencentPostgres.seed({ id: "postgres-keep0001", ssl: { sslEnabled: false } });
    h.emu.admin.tencentPostgres.seed({ id: "postgres-gone0001" });
    const gone = await h.create({ instanceId: ID, connectAddress: ip, onDelete: "disable" });
    const kept = await h.create({
      instanceId: "postgres-keep0001",
      connectAddress: ipOf(h, "postgres-keep0001"),
    });
    const vanished = await h.create({
      instanceId: "postgres-gone0001",
      connectAddress: ipOf(h, "postgres-gone0001"),
      onDelete: "disable",
    });
    h.emu.admin.tencentPostgres.delete("postgres-gone0001");
    const destroy = await h.newHost();
    await destroy.delete(ID, URN, gone.outputs);
    await destroy.delete("postgres-keep0001", URN, kept.outputs);
    await destroy.delete("postgres-gone0001", URN, vanished.outputs);
    assert.strictEqual(h.emu.admin.tencentPostgres.get(ID)!.ssl.sslEnabled, false);
    assert.deepStrictEqual(modifies(h, ID).at(-1)!.params, {
      DBInstanceId: ID,
      SSLEnabled: "false",
    });
    assert.strictEqual(h.emu.admin.tencentPostgres.get("postgres-keep0001")!.ssl.sslEnabled, true);
    assert.strictEqual(modifies(h, "postgres-keep0001").length, 1, "retain sends nothing");
    assert.strictEqual(appliedModifies(h, "postgres-gone0001").length, 1, "only the create");
  });

  it("a missing instance: create names the region and the code; refresh drops the resource", async () => {
    const err = await h.create({ instanceId: "postgres-nothere1", connectAddress: ip }).then(
      () => assert.fail("expected a failure"),
      (e) => e,
    );
    assert.match(
      err.message,
      /tencentcloud\.postgres SSL \(postgres-nothere1\): instance not found/,
    );
    assert.match(err.message, /region ap-guangzhou/);
    assert.match(err.message, /ResourceNotFound\.InstanceNotFoundError/);
    assert.match(err.message, /RequestId: [0-9a-f-]{36}/);
    assert.strictEqual(modifies(h).length, 0);
    const { outputs } = await h.create({ instanceId: ID, connectAddress: ip });
    h.emu.admin.tencentPostgres.delete(ID);
    assert.strictEqual((await h.host.read(ID, URN, outputs)).id, "");
  });

  it("an instance in another region is not found there (the region is sent as X-TC-Region)", async () => {
    h.emu.admin.tencentPostgres.seed({ id: "postgres-tokyo001", regionId: "ap-tokyo" });
    const addr = ipOf(h, "postgres-tokyo001");
    await assert.rejects(
      h.create({ instanceId: "postgres-tokyo001", connectAddress: addr }),
      /instance not found in region ap-guangzhou/,
    );
    const { outputs } = await h.create({
      instanceId: "postgres-tokyo001",
      region: "ap-tokyo",
      connectAddress: addr,
    });
    assert.strictEqual(outputs.sslEnabled, true);
  });
});
