/**
 * Both RDS v3 families through the real dynamic-provider host against the emulator, once per
 * answer shape of the SSL PUT: Open Telekom Cloud 200 `{}` and 202 (no job), Huawei `{"job_id"}`.
 * Enable, no-op, disable, refresh drift, delete, retain, a gone instance, exact parameters.
 */
import * as assert from "assert";
import type { RdsV3AnswerShape, RdsV3CloudName } from "../emulator";
import { MYSQL_ID, PROJECT, failure, startRdsV3Harness, type RdsV3Harness } from "./fixtures";

const SHAPES: [RdsV3CloudName, RdsV3AnswerShape][] = [
  ["opentelekomcloud", "empty200"],
  ["opentelekomcloud", "accepted202"],
  ["huaweicloud", "job"],
];

for (const [cloud, answer] of SHAPES) {
  describe(`${cloud}.rds through the host (PUT answers ${answer})`, function () {
    let h: RdsV3Harness;
    beforeEach(async () => {
      h = await startRdsV3Harness(cloud);
      h.emu.admin.rdsv3.seed({ id: MYSQL_ID, projectId: PROJECT, cloud, answer });
    });
    afterEach(() => h.close());

    const puts = () => h.emu.admin.requests("SwitchSsl");

    it("create enables SSL, waits for the reboot, and reports what it read", async () => {
      const started = h.emu.clock.now();
      const { id, outputs } = await h.create(h.base());
      assert.strictEqual(id, MYSQL_ID);
      assert.deepStrictEqual(
        puts().map((r) => r.params),
        [{ project_id: PROJECT, instance_id: MYSQL_ID, ssl_option: "true" }],
      );
      const instance = h.emu.admin.rdsv3.get(MYSQL_ID)!;
      assert.strictEqual(instance.pending, undefined, "returned after the reboot ended");
      assert.ok(h.emu.clock.now() - started >= 72_000);
      assert.strictEqual(outputs.sslEnabled, true);
      assert.strictEqual(outputs.engine, "MySQL");
      assert.strictEqual(outputs.instanceStatus, "ACTIVE");
      assert.strictEqual(outputs.projectId, PROJECT);
      assert.strictEqual(outputs.lastAction, "open");
      assert.strictEqual(outputs.region, cloud === "huaweicloud" ? "cn-north-4" : "eu-de");
      const jobs = h.emu.admin.rdsv3.jobs();
      assert.strictEqual(outputs.lastTaskId, answer === "job" ? jobs[0].id : undefined);
      assert.match(String(outputs.lastRequestId), /^[0-9a-f]{32}$/);
      if (answer === "job") {
        assert.ok(h.emu.admin.requests("ListJobInfo").length > 0, "the job was followed");
      }
    });

    it("a create that finds SSL already on sends nothing", async () => {
      h.emu.admin.rdsv3.setSsl(MYSQL_ID, true);
      const { outputs } = await h.create(h.base());
      assert.strictEqual(outputs.sslEnabled, true);
      assert.strictEqual(outputs.lastAction, undefined);
      assert.deepStrictEqual(puts(), []);
    });

    it("update disables SSL; refresh shows an out-of-band change; the next up puts it back", async () => {
      const created = await h.create(h.base());
      const off = (await h.check(h.base({ sslEnabled: false }), created.outputs)).inputs;
      const { outputs } = await h.host.update(MYSQL_ID, h.urn, created.outputs, off);
      assert.strictEqual(outputs.sslEnabled, false);
      assert.strictEqual(outputs.lastAction, "close");
      assert.deepStrictEqual(
        puts().map((r) => r.params.ssl_option),
        ["true", "false"],
      );
      h.emu.admin.rdsv3.setSsl(MYSQL_ID, true); // someone turns it on in the console
      const read = await h.host.read(MYSQL_ID, h.urn, outputs, off);
      assert.strictEqual(read.outputs.sslEnabled, true);
      assert.strictEqual(read.inputs?.sslEnabled, true, "drift shows as an input diff");
      const diff = await h.host.diff(MYSQL_ID, h.urn, read.outputs, off);
      assert.strictEqual(diff.changes, "some");
      const back = await h.host.update(MYSQL_ID, h.urn, read.outputs, off);
      assert.strictEqual(back.outputs.sslEnabled, false);
      assert.strictEqual(h.emu.admin.rdsv3.get(MYSQL_ID)!.enableSsl, false);
    });

    it('delete turns SSL off with onDelete "disable"; the default (retain) leaves it on', async () => {
      const created = await h.create(h.base({ onDelete: "disable" }));
      const destroy = await h.newHost();
      const byDefault = await h.check(h.base());
      assert.strictEqual(byDefault.inputs.onDelete, "retain");
      await destroy.delete(MYSQL_ID, h.urn, { ...created.outputs, onDelete: "retain" });
      assert.strictEqual(h.emu.admin.rdsv3.get(MYSQL_ID)!.enableSsl, true);
      await destroy.delete(MYSQL_ID, h.urn, created.outputs);
      assert.strictEqual(h.emu.admin.rdsv3.get(MYSQL_ID)!.enableSsl, false);
      assert.strictEqual(h.emu.admin.rdsv3.get(MYSQL_ID)!.pending, undefined);
      assert.deepStrictEqual(
        puts().map((r) => r.params.ssl_option),
        ["true", "false"],
      );
    });

    it("a deleted instance: refresh drops it, destroy succeeds, create names where it looked", async () => {
      const created = await h.create(h.base());
      h.emu.admin.rdsv3.delete(MYSQL_ID);
      const read = await h.host.read(MYSQL_ID, h.urn, created.outputs);
      assert.strictEqual(read.id, "");
      await h.host.delete(MYSQL_ID, h.urn, created.outputs);
      const err = await failure(h.create(h.base()));
      assert.match(
        err.message,
        new RegExp(`${cloud}\\.rds SSL \\(${MYSQL_ID}\\): instance not found`),
      );
      assert.match(err.message, new RegExp(`project ${PROJECT}`));
      assert.strictEqual(puts().length, 1);
    });
  });
}
