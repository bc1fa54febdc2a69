/**
 * The alicloud.mongodb row of tests/permissions/permissions.test.ts: a replica set through open,
 * refresh, renewal, close, open and delete; returns every DDS action called and refresh's alone.
 */
import * as assert from "assert";
import { URN, ddsCalls, startDdsHarness } from "./harness";

export async function ddsLifecycle(): Promise<{ all: string[]; refresh: string[] }> {
  const h = await startDdsHarness();
  const id = "dds-perm1";
  try {
    h.emu.admin.dds.seed({ id });
    const actions = () => h.emu.admin.requests().map((r) => r.action);
    const created = await h.create({ instanceId: id, rotateTrigger: "a", onDelete: "disable" });
    const beforeRefresh = actions().length;
    const read = await h.host.read(id, URN, created.outputs, { instanceId: id });
    const refresh = actions().slice(beforeRefresh);
    let olds = read.outputs as Record<string, unknown>;
    for (const change of [
      { rotateTrigger: "b" },
      { rotateTrigger: "b", sslEnabled: false },
      { rotateTrigger: "b", sslEnabled: true },
    ]) {
      const news = (await h.check({ instanceId: id, onDelete: "disable", ...change }, olds)).inputs;
      olds = (await h.host.update(id, URN, olds, news)).outputs as Record<string, unknown>;
    }
    await (await h.newHost()).delete(id, URN, olds);
    const writes = ddsCalls(h, "ModifyDBInstanceSSL").map((r) => r.params.SSLAction);
    assert.deepStrictEqual(writes, ["Open", "Update", "Close", "Open", "Close"]);
    return { all: actions(), refresh };
  } finally {
    await h.close();
  }
}
