/**
 * The least-privilege documents in docs/permissions/ against the calls the provider really makes:
 * each family runs its whole lifecycle (create, refresh, rotate, update, delete) through the real
 * dynamic-provider host against the emulator, and the actions in the emulator's request log must
 * equal the actions the apply policy allows; refresh's actions must equal the read-only policy's.
 * A new family adds a row to FAMILIES.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { URN, startFamilyHarness, startRdsHarness, urnOf } from "../fixtures/provider-harness";
import { ddsLifecycle } from "../alicloud/mongodb/permissions-lifecycle";
import {
  RDSV3_RESOURCE_PATTERN,
  rdsV3Lifecycle,
  rdsV3PolicyAction,
} from "../rdsv3/permissions-lifecycle";

import {
  POSTGRES_RESOURCE_PATTERN,
  postgresLifecycle,
  postgresPolicyAction,
} from "../tencentcloud/postgres/permissions-lifecycle";

const DOCS = path.resolve(__dirname, "../../../docs/permissions");

interface CalledActions {
  /** Every API action called during the lifecycle, failed calls included. */
  all: string[];
  /** The actions called by refresh (Read) alone. */
  refresh: string[];
}

interface FamilyPermissions {
  family: string;
  /** Policy files in docs/permissions/<family>/. */
  readOnly: string;
  apply: string;
  /** API action -> the action name the cloud's policy language uses. */
  policyAction(apiAction: string): string;
  /** Every Resource element must have this form. */
  resourcePattern: RegExp;
  runLifecycle(): Promise<CalledActions>;
}

/** alicloud.rds: a MySQL instance through open, refresh, renewal, close, open and delete. */
async function rdsLifecycle(): Promise<CalledActions> {
  const h = await startRdsHarness();
  const id = "rm-perm1";
  try {
    h.emu.admin.rds.seed({ id, engine: "MySQL" });
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
    const destroy = await h.newHost(); // `pulumi destroy`: a provider process of its own
    await destroy.delete(id, URN, olds);
    assert.strictEqual(h.emu.admin.rds.get(id)?.ssl.sslEnabled, false, "delete closed SSL");
    const writes = h.emu.admin.requests("ModifyDBInstanceSSL").map((r) => r.params.SSLEnabled);
    assert.deepStrictEqual(writes, ["1", "1", "0", "1", "0"], "open, renew, close, open, close");
    return { all: actions(), refresh };
  } finally {
    await h.close();
  }
}

/** alicloud.redis: a Tair / Redis instance through open, refresh, renewal, close, open and delete. */
async function redisLifecycle(): Promise<CalledActions> {
  const h = await startFamilyHarness("alicloud.redis");
  const [id, urn] = ["r-perm1", urnOf("alicloud.redis")];
  try {
    h.emu.admin.kvstore.seed({ id });
    const actions = () => h.emu.admin.requests().map((r) => r.action);
    const created = await h.create({ instanceId: id, rotateTrigger: "a", onDelete: "disable" });
    const beforeRefresh = actions().length;
    const read = await h.host.read(id, urn, created.outputs, { instanceId: id });
    const refresh = actions().slice(beforeRefresh);
    let olds = read.outputs as Record<string, unknown>;
    for (const change of [{ sslEnabled: true }, { sslEnabled: false }, { sslEnabled: true }]) {
      const news = (
        await h.check({ instanceId: id, rotateTrigger: "b", onDelete: "disable", ...change }, olds)
      ).inputs;
      olds = (await h.host.update(id, urn, olds, news)).outputs as Record<string, unknown>;
    }
    await (await h.newHost()).delete(id, urn, olds);
    const writes = h.emu.admin.requests("ModifyInstanceSSL").map((r) => r.params.SSLEnabled);
    assert.deepStrictEqual(writes, ["Enable", "Update", "Disable", "Enable", "Disable"]);
    return { all: actions(), refresh };
  } finally {
    await h.close();
  }
}

const FAMILIES: FamilyPermissions[] = [
  {
    family: "tencentcloud.postgres",
    readOnly: "cam-readonly.json",
    apply: "cam-apply.json",
    policyAction: postgresPolicyAction,
    resourcePattern: POSTGRES_RESOURCE_PATTERN,
    runLifecycle: postgresLifecycle,
  },
  {
    family: "opentelekomcloud.rds",
    readOnly: "iam-readonly.json",
    apply: "iam-apply.json",
    policyAction: rdsV3PolicyAction,
    resourcePattern: RDSV3_RESOURCE_PATTERN,
    runLifecycle: () => rdsV3Lifecycle("opentelekomcloud"),
  },
  {
    family: "huaweicloud.rds",
    readOnly: "iam-readonly.json",
    apply: "iam-apply.json",
    policyAction: rdsV3PolicyAction,
    resourcePattern: RDSV3_RESOURCE_PATTERN,
    runLifecycle: () => rdsV3Lifecycle("huaweicloud"),
  },
  {
    family: "alicloud.rds",
    readOnly: "ram-readonly.json",
    apply: "ram-apply.json",
    policyAction: (action) => `rds:${action}`,
    // acs:rds:{region}:{account}:dbinstance/{id} (RDS "Authorize a RAM user", doc-detail/26307).
    resourcePattern: /^acs:rds:(\*|[a-z0-9-]+):(\*|\d+):dbinstance\/(\*|[A-Za-z0-9-]+)$/,
    runLifecycle: rdsLifecycle,
  },
  {
    family: "alicloud.redis",
    readOnly: "ram-readonly.json",
    apply: "ram-apply.json",
    policyAction: (action) => `kvstore:${action}`,
    // acs:kvstore:{#regionId}:{#accountId}:instance/{#instanceId} (seed 002); "*" for the task APIs.
    resourcePattern: /^(\*|acs:kvstore:(\*|[a-z0-9-]+):(\*|\d+):instance\/(\*|[A-Za-z0-9-]+))$/,
    runLifecycle: redisLifecycle,
  },
  {
    family: "alicloud.mongodb",
    readOnly: "ram-readonly.json",
    apply: "ram-apply.json",
    policyAction: (action) => `dds:${action}`,
    // acs:dds:{#regionId}:{#accountId}:dbinstance/{#dbinstanceId} (seed 000); "*" for the task API.
    resourcePattern: /^(\*|acs:dds:(\*|[a-z0-9-]+):(\*|\d+):dbinstance\/(\*|[A-Za-z0-9-]+))$/,
    runLifecycle: ddsLifecycle,
  },
];

interface RamStatement {
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
}

function allowed(file: string, resourcePattern: RegExp): string[] {
  const doc = JSON.parse(fs.readFileSync(file, "utf8")) as { Statement: RamStatement[] };
  const actions: string[] = [];
  for (const s of doc.Statement ?? camStatements(doc)) {
    assert.strictEqual(s.Effect, "Allow", `${file}: only Allow statements`);
    for (const r of [s.Resource].flat()) assert.match(r, resourcePattern, `${file}: resource ${r}`);
    actions.push(...[s.Action].flat());
  }
  return actions;
}

/** Tencent CAM spells the same grammar in lowercase (`statement`, `effect: "allow"`, ...). */
function camStatements(doc: object): RamStatement[] {
  const cam = doc as { statement?: { effect: string; action: string[]; resource: string[] }[] };
  return (cam.statement ?? []).map((s) => ({
    Effect: s.effect === "allow" ? "Allow" : s.effect,
    Action: s.action,
    Resource: s.resource,
  }));
}

const sortedSet = (xs: string[]) => [...new Set(xs)].sort();

describe("docs/permissions match the actions the provider calls", function () {
  for (const family of FAMILIES) {
    describe(family.family, () => {
      let called: CalledActions;
      const dir = path.join(DOCS, family.family);
      before(async () => {
        called = await family.runLifecycle();
      });

      it(`${family.apply} allows exactly the actions of a full lifecycle`, () => {
        const policy = allowed(path.join(dir, family.apply), family.resourcePattern);
        assert.deepStrictEqual(sortedSet(policy), sortedSet(called.all.map(family.policyAction)));
      });

      it(`${family.readOnly} allows exactly the actions refresh calls, and no write`, () => {
        const policy = allowed(path.join(dir, family.readOnly), family.resourcePattern);
        assert.deepStrictEqual(
          sortedSet(policy),
          sortedSet(called.refresh.map(family.policyAction)),
        );
        assert.ok(called.refresh.length > 0, "refresh reads the cloud");
        const writes = called.refresh.filter((a) =>
          /^(Modify|Create|Delete|Update|Switch)/.test(a),
        );
        assert.deepStrictEqual(writes, [], "refresh never writes");
      });

      it("README.md names every action of both policies", () => {
        const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8");
        for (const action of sortedSet(called.all.map(family.policyAction))) {
          assert.ok(readme.includes(action), `README.md mentions ${action}`);
        }
      });
    });
  }
});
