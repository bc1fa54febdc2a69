/**
 * Engines the SSL switch cannot serve, through the host: Open Telekom Cloud PostgreSQL keeps SSL on
 * (asking for on is a no-op, for off a clear error), Huawei serves MySQL only, and `onDelete:
 * "disable"` where SSL cannot be turned off is refused at `up`, warned about at preview, and a
 * destroy that meets it anyway fails with the same clear message. Nothing is ever sent.
 */
import * as assert from "assert";
import { waitForLog } from "../fixtures/provider-harness";
import { PG_ID, PROJECT, failure, startRdsV3Harness, type RdsV3Harness } from "./fixtures";

describe("RDS v3: engines that cannot switch SSL (through the host)", function () {
  let h: RdsV3Harness;
  afterEach(() => h?.close());
  const puts = () => h.emu.admin.requests("SwitchSsl");

  async function otcPostgres() {
    h = await startRdsV3Harness("opentelekomcloud");
    h.emu.admin.rdsv3.seed({ id: PG_ID, projectId: PROJECT, engine: "PostgreSQL" });
  }

  it("OTC PostgreSQL, sslEnabled true with the default onDelete (retain): a no-op that reads SSL on", async () => {
    await otcPostgres();
    const { outputs } = await h.create({ instanceId: PG_ID });
    assert.strictEqual(outputs.onDelete, "retain");
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(outputs.engine, "PostgreSQL");
    assert.deepStrictEqual(puts(), []);
    const destroy = await h.newHost();
    await destroy.delete(PG_ID, h.urn, outputs);
    assert.deepStrictEqual(puts(), []);
  });

  it("OTC PostgreSQL, sslEnabled false: a clear error, nothing sent", async () => {
    await otcPostgres();
    const err = await failure(
      h.create({ instanceId: PG_ID, sslEnabled: false, onDelete: "retain" }),
    );
    assert.strictEqual(err.name, "Error", "not a partial failure: nothing was sent");
    assert.match(
      err.message,
      /opentelekomcloud\.rds SSL \(.*in03\): sslEnabled: false is not possible: Open Telekom Cloud RDS for PostgreSQL keeps SSL on at all times: it cannot be disabled .*; declare sslEnabled: true and onDelete: "retain"; nothing was changed/,
    );
    assert.deepStrictEqual(puts(), []);
  });

  it('OTC PostgreSQL with onDelete "disable" is refused at up, before a destroy could fail', async () => {
    await otcPostgres();
    const err = await failure(h.create({ instanceId: PG_ID, onDelete: "disable" }));
    assert.match(
      err.message,
      /onDelete: "disable" would turn SSL off when this resource is deleted, which cannot be done here/,
    );
    assert.deepStrictEqual(puts(), []);
  });

  it('preview warns where the engine is known: switching to onDelete "disable" on PostgreSQL', async () => {
    await otcPostgres();
    const { outputs } = await h.create({ instanceId: PG_ID, onDelete: "retain" });
    const news = (await h.check({ instanceId: PG_ID, onDelete: "disable" }, outputs)).inputs;
    const diff = await h.host.diff(PG_ID, h.urn, outputs, news);
    assert.strictEqual(diff.changes, "some");
    assert.ok(
      await waitForLog(h.host, 'up will refuse this: onDelete: "disable" would turn SSL off'),
    );
  });

  it("a destroy that meets onDelete disable on PostgreSQL fails with the same message, nothing sent", async () => {
    await otcPostgres();
    const { outputs } = await h.create({ instanceId: PG_ID, onDelete: "retain" });
    const destroy = await h.newHost();
    const err = await failure(destroy.delete(PG_ID, h.urn, { ...outputs, onDelete: "disable" }));
    assert.match(err.message, /sslEnabled: false is not possible: .* keeps SSL on at all times/);
    assert.match(err.message, /onDelete: "retain"/);
    assert.deepStrictEqual(puts(), []);
  });

  it("Huawei PostgreSQL: the switch serves MySQL only, said before anything is sent", async () => {
    h = await startRdsV3Harness("huaweicloud");
    h.emu.admin.rdsv3.seed({
      id: PG_ID,
      projectId: PROJECT,
      cloud: "huaweicloud",
      engine: "PostgreSQL",
    });
    const err = await failure(h.create({ instanceId: PG_ID, projectId: PROJECT }));
    assert.match(
      err.message,
      /SSL switch \(PUT \/v3\/\{project_id\}\/instances\/\{id\}\/ssl\) serves only RDS for MySQL and this instance runs PostgreSQL/,
    );
    assert.deepStrictEqual(puts(), []);
  });
});
