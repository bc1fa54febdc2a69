/**
 * Check and diff of the RDS v3 families through the host: offline (no request reaches the cloud),
 * every failure with its property path, defaults resolved from stack config, no certificate
 * renewal inputs (F7), projectId replaces, and the reboot warning at preview.
 */
import * as assert from "assert";
import { waitForLog } from "../fixtures/provider-harness";
import {
  MYSQL_ID,
  OTHER_PROJECT,
  PROJECT,
  failure,
  startRdsV3Harness,
  type RdsV3Harness,
} from "./fixtures";

describe("RDS v3: check and diff (offline, through the host)", function () {
  let h: RdsV3Harness;
  afterEach(() => h?.close());

  it("reports every bad input with its property, and sends nothing", async () => {
    h = await startRdsV3Harness("opentelekomcloud");
    const { failures } = await h.check({
      instanceId: "rm-notrdsv3",
      projectId: "0483B6B1",
      region: "eu de",
      sslEnabled: "yes",
      rotateTrigger: "2026-11",
      renewBeforeDays: 30,
      caType: "custom",
    });
    const byProperty = Object.fromEntries(failures.map((f) => [f.property, f.reason]));
    assert.deepStrictEqual(Object.keys(byProperty).sort(), [
      "caType",
      "instanceId",
      "projectId",
      "region",
      "renewBeforeDays",
      "rotateTrigger",
      "sslEnabled",
    ]);
    assert.match(byProperty.instanceId, /RDS v3 instance id/);
    assert.match(byProperty.projectId, /32 lower-case hex characters/);
    assert.match(
      byProperty.rotateTrigger,
      /not available for opentelekomcloud\.rds: the cloud has no certificate renewal call/,
    );
    assert.match(byProperty.caType, /not an input of this resource/);
    assert.deepStrictEqual(h.emu.admin.log(), [], "check is offline");
  });

  it("OTC: region from opentelekomcloud:region, else from tenantName; defaults are explicit in inputs", async () => {
    h = await startRdsV3Harness("opentelekomcloud");
    assert.strictEqual((await h.check({ instanceId: MYSQL_ID })).inputs.region, "eu-de");
    await h.close();
    h = await startRdsV3Harness("opentelekomcloud", {
      "opentelekomcloud:region": "",
      "opentelekomcloud:tenantName": "eu-nl_payments",
    });
    const { inputs, failures } = await h.check({ instanceId: MYSQL_ID });
    assert.deepStrictEqual(failures, []);
    assert.strictEqual(inputs.region, "eu-nl");
  });

  it("Huawei without a region anywhere fails check naming the keys", async () => {
    h = await startRdsV3Harness("huaweicloud", { "huaweicloud:region": "" });
    const { failures } = await h.check({ instanceId: MYSQL_ID, projectId: PROJECT });
    assert.strictEqual(failures.length, 1);
    assert.strictEqual(failures[0].property, "region");
    assert.match(failures[0].reason, /huaweicloud:region, HW_REGION_NAME/);
  });

  it("Huawei without a projectId input or HW_PROJECT_ID: create says where to set it, nothing sent", async () => {
    h = await startRdsV3Harness("huaweicloud");
    h.emu.admin.rdsv3.seed({ id: MYSQL_ID, projectId: PROJECT, cloud: "huaweicloud" });
    const err = await failure(h.create({ instanceId: MYSQL_ID }));
    assert.match(
      err.message,
      /no project id set: set the projectId input, HW_PROJECT_ID \(nothing was sent\)/,
    );
    assert.deepStrictEqual(h.emu.admin.log(), []);
  });

  it("diff: projectId replaces; making the configured project explicit changes nothing", async () => {
    h = await startRdsV3Harness("opentelekomcloud");
    h.emu.admin.rdsv3.seed({ id: MYSQL_ID, projectId: PROJECT });
    const { outputs } = await h.create({ instanceId: MYSQL_ID });
    assert.strictEqual(outputs.projectId, PROJECT, "resolved from opentelekomcloud:tenantId");
    const before = h.emu.admin.log().length;
    const same = (await h.check({ instanceId: MYSQL_ID, projectId: PROJECT }, outputs)).inputs;
    assert.deepStrictEqual(await h.host.diff(MYSQL_ID, h.urn, outputs, same), {
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });
    const other = (await h.check({ instanceId: MYSQL_ID, projectId: OTHER_PROJECT }, outputs))
      .inputs;
    const diff = await h.host.diff(MYSQL_ID, h.urn, outputs, other);
    assert.deepStrictEqual(diff.replaces, ["projectId"]);
    assert.strictEqual(h.emu.admin.log().length, before, "diff is offline");
  });

  it("preview says that switching SSL reboots the instance", async () => {
    h = await startRdsV3Harness("opentelekomcloud");
    h.emu.admin.rdsv3.seed({ id: MYSQL_ID, projectId: PROJECT });
    const { outputs } = await h.create({ instanceId: MYSQL_ID });
    const news = (await h.check({ instanceId: MYSQL_ID, sslEnabled: false }, outputs)).inputs;
    await h.host.diff(MYSQL_ID, h.urn, outputs, news);
    assert.ok(await waitForLog(h.host, "enabling or disabling SSL reboots the instance"));
  });
});
