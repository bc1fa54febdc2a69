/**
 * tencentcloud.postgres for tests/permissions: an instance through open, refresh, an address
 * change, close, open and delete; the actions the emulator saw, all of them and refresh's alone.
 */
import * as assert from "assert";
import { ipOf, PG_URN as URN, startPostgresHarness } from "./harness";

/** CAM resources: `*`, or qcs::postgres:{region}:uin/{uin}:DBInstanceId/{id} (see the README). */
export const POSTGRES_RESOURCE_PATTERN =
  /^(\*|qcs::postgres:(\*|[a-z-]+):uin\/(\*|\d+):DBInstanceId\/(\*|[a-z0-9-]+))$/;

export const postgresPolicyAction = (action: string) => `postgres:${action}`;

export async function postgresLifecycle(): Promise<{ all: string[]; refresh: string[] }> {
  const h = await startPostgresHarness();
  const id = "postgres-perm0001";
  try {
    h.emu.admin.tencentPostgres.seed({
      id,
      addresses: [{ ip: "10.6.0.4" }, { ip: "203.0.113.9", netType: "public" }],
    });
    const actions = () => h.emu.admin.requests().map((r) => r.action);
    const created = await h.create({
      instanceId: id,
      connectAddress: ipOf(h, id),
      onDelete: "disable",
    });
    const beforeRefresh = actions().length;
    const read = await h.host.read(id, URN, created.outputs, { instanceId: id });
    const refresh = actions().slice(beforeRefresh);
    let olds = read.outputs as Record<string, unknown>;
    for (const change of [
      { connectAddress: "203.0.113.9" },
      { connectAddress: "203.0.113.9", sslEnabled: false },
      { connectAddress: "203.0.113.9", sslEnabled: true },
    ]) {
      const news = (await h.check({ instanceId: id, onDelete: "disable", ...change }, olds)).inputs;
      olds = (await h.host.update(id, URN, olds, news)).outputs as Record<string, unknown>;
    }
    await (await h.newHost()).delete(id, URN, olds);
    const writes = h.emu.admin
      .requests("ModifyDBInstanceSSLConfig")
      .map((r) => `${r.params.SSLEnabled}:${r.params.ConnectAddress ?? "-"}`);
    assert.deepStrictEqual(writes, [
      "true:10.6.0.4",
      "true:203.0.113.9",
      "false:-",
      "true:203.0.113.9",
      "false:-",
    ]);
    return { all: actions(), refresh };
  } finally {
    await h.close();
  }
}
