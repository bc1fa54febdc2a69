/**
 * The RDS v3 rows of tests/permissions/permissions.test.ts: a MySQL instance through open, refresh,
 * close, open and delete, and how an API action is named in an IAM policy (the "IAM action" of
 * each API in Huawei's RDS API reference: ListInstances rds:instance:list, SwitchSsl
 * rds:instance:modifySSL, ListJobInfo rds:task:list; Open Telekom Cloud uses the same names). The
 * tag action is one API for two IAM actions: create is rds:instance:createTag (rds_06_0037's
 * authorization table); delete's rds:instance:deleteTag is inferred from it (rds_06_0038).
 */
import * as assert from "assert";
import type { RdsV3CloudName } from "../emulator";
import { MYSQL_ID, PROJECT, startRdsV3Harness } from "./fixtures";

const POLICY_ACTIONS: Record<string, string> = {
  ListInstances: "rds:instance:list",
  SwitchSsl: "rds:instance:modifySSL",
  ListJobInfo: "rds:task:list",
  // rds_06_0138's authorization table: rds:task:listAll, alias rds:task:list.
  ListTasks: "rds:task:list",
  "BatchTagAction:create": "rds:instance:createTag",
  "BatchTagAction:delete": "rds:instance:deleteTag",
};

export function rdsV3PolicyAction(apiAction: string): string {
  return POLICY_ACTIONS[apiAction] ?? `unmapped:${apiAction}`;
}

/** `*`, or an RDS instance URN `rds:<region>:<account>:instance:<id>`. */
export const RDSV3_RESOURCE_PATTERN =
  /^(\*|rds:(\*|[a-z0-9-]+):(\*|[0-9a-f]+):instance:(\*|[0-9a-z]+))$/;

export async function rdsV3Lifecycle(
  cloud: RdsV3CloudName,
): Promise<{ all: string[]; refresh: string[] }> {
  const h = await startRdsV3Harness(cloud);
  try {
    // Answers with a job on both clouds: OTC's 2026 202 may carry one too (tencent-huawei.md §4),
    // so the apply policy must allow the job query there as well.
    h.emu.admin.rdsv3.seed({ id: MYSQL_ID, projectId: PROJECT, cloud, answer: "job" });
    const actions = () =>
      h.emu.admin
        .requests()
        .map((r) =>
          r.action === "BatchTagAction" ? `${r.action}:${r.params.tag_action}` : r.action,
        );
    const created = await h.create(h.base({ onDelete: "disable" }));
    const beforeRefresh = actions().length;
    const read = await h.host.read(MYSQL_ID, h.urn, created.outputs, h.base());
    const refresh = actions().slice(beforeRefresh);
    let olds = read.outputs as Record<string, unknown>;
    for (const sslEnabled of [false, true]) {
      const news = (await h.check(h.base({ sslEnabled, onDelete: "disable" }), olds)).inputs;
      olds = (await h.host.update(MYSQL_ID, h.urn, olds, news)).outputs as Record<string, unknown>;
    }
    await (await h.newHost()).delete(MYSQL_ID, h.urn, olds);
    const writes = h.emu.admin.requests("SwitchSsl").map((r) => r.params.ssl_option);
    assert.deepStrictEqual(writes, ["true", "false", "true", "false"], "open, close, open, close");
    return { all: actions(), refresh };
  } finally {
    await h.close();
  }
}
