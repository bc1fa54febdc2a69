/**
 * Issue 17 items 16 and 17: the lines a preview prints for every step that restarts an instance
 * or turns SSL off, through each family's real driver (in process, offline). A delete runs no
 * provider code during a preview, so `check` warns when `onDelete: "disable"` is declared, and
 * `delete` says what it does when it runs.
 */
import { strict as assert } from "assert";
import { lifecycleFor } from "../../../provider/core/lifecycle/lifecycle";
import { settingsFrom } from "../../../provider/core/settings";
import { systemClock } from "../../../provider/core/clock";
import { driverFor } from "../../../provider/families";

const RDS_RESTART = "restarts the instance (a few minutes without connections)";

function run(family: string) {
  const lines: string[] = [];
  const config: Record<string, string> = { "alicloud:region": "cn-hangzhou" };
  const settings = settingsFrom({ get: (k) => config[k] }, {});
  const provider = lifecycleFor(driverFor(family), () => ({
    settings,
    clock: systemClock,
    progress: (line) => lines.push(line),
  }));
  return { provider, lines };
}

describe("core/preview-warnings: create, onDelete disable, replace (issue 17 items 16, 17)", () => {
  it("a create warns that adopting the instance may switch SSL and restart it", async () => {
    const { provider, lines } = run("alicloud.rds");
    assert.deepEqual((await provider.check({}, { instanceId: "rm-new1" })).failures, []);
    assert.deepEqual(lines, [
      "alicloud.rds rm-new1: warning: creating this resource adopts the instance as it is: if " +
        `SSL there is not already on, up turns it on, which ${RDS_RESTART}`,
    ]);
  });

  it("an existing resource checked again prints nothing; a family that does not restart says only the switch", async () => {
    const rds = run("alicloud.rds");
    const olds = { instanceId: "rm-old1", sslEnabled: true, onDelete: "retain" };
    await rds.provider.check(olds, { instanceId: "rm-old1" });
    assert.deepEqual(rds.lines, []);
    const pg = run("tencentcloud.postgres");
    await pg.provider.check(
      {},
      { instanceId: "postgres-new00001", connectAddress: "10.6.0.4", region: "ap-guangzhou" },
    );
    assert.deepEqual(pg.lines, [
      "tencentcloud.postgres postgres-new00001: warning: creating this resource adopts the " +
        "instance as it is: if SSL there is not already on, up turns it on",
    ]);
  });

  it('declaring onDelete "disable" warns once, since the preview of the delete cannot', async () => {
    const { provider, lines } = run("alicloud.redis");
    const olds = { instanceId: "r-orders1", sslEnabled: true, onDelete: "retain" };
    await provider.check(olds, { instanceId: "r-orders1", onDelete: "disable" });
    assert.deepEqual(lines, [
      'alicloud.redis r-orders1: warning: onDelete is "disable": deleting this resource ' +
        "(removing it from the program, or pulumi destroy) turns SSL off. The preview of that " +
        "delete cannot say so: the engine runs no provider code when it previews a delete",
    ]);
    const next = run("alicloud.redis"); // the next pulumi up
    const declared = { ...olds, onDelete: "disable" };
    await next.provider.check(declared, { instanceId: "r-orders1", onDelete: "disable" });
    assert.deepEqual(next.lines, [], "already declared: said when it was");
  });

  it("a replacement names both steps: SSL on the new instance, SSL off on the old one", async () => {
    const { provider, lines } = run("alicloud.mongodb");
    const olds = {
      instanceId: "dds-old1",
      region: "cn-hangzhou",
      sslEnabled: true,
      onDelete: "disable",
      switchMode: "immediately",
    };
    const news = (await provider.check(olds, { instanceId: "dds-new1", onDelete: "disable" }))
      .inputs!;
    lines.length = 0;
    const diff = await provider.diff("dds-old1", olds, news);
    assert.deepEqual(diff.replaces, ["instanceId"]);
    const restart = "restarts the MongoDB instance now (SSL Open, Update and Close all restart it)";
    assert.deepEqual(lines, [
      "alicloud.mongodb dds-new1: this change replaces the resource: the new resource switches " +
        `SSL on for dds-new1 if it is not already on, which ${restart}; then the old resource's ` +
        `delete switches SSL off for dds-old1 (onDelete "disable"), which ${restart}`,
    ]);
  });

  it("a replacement on the same instance with SSL unchanged prints nothing", async () => {
    const { provider, lines } = run("opentelekomcloud.rds");
    const project = "0483b6b16e954cb88930a360d2c4e663";
    const id = "ed7cc6166ec24360a5ed5c5c9c2ed726in01";
    const olds = {
      instanceId: id,
      region: "eu-de",
      sslEnabled: true,
      onDelete: "disable",
      projectId: project,
    };
    const news = {
      instanceId: id,
      region: "eu-de",
      sslEnabled: true,
      onDelete: "disable",
      projectId: "11111111111111111111111111111111",
    };
    const diff = await provider.diff(id, olds, news);
    assert.deepEqual(diff.replaces, ["projectId"]);
    assert.deepEqual(lines, []);
  });
});
