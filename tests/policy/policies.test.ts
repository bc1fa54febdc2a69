import * as assert from "assert";
import { DATABASE_KINDS, dbsslPolicies, POLICY_NAMES } from "../../provider/policy";
import {
  policyResource,
  runPolicies,
  SSL_RDS,
  SSL_REDIS,
  type Reported,
  UNKNOWN_BOOLEAN,
  UNKNOWN_STRING,
  urnOf,
} from "./policy-resources";

const RDS = "alicloud:rds/instance:Instance";
const OTC = "opentelekomcloud:index/rdsInstanceV3:RdsInstanceV3";
const GOOD = { sslEnabled: true, onDelete: "disable", renewBeforeDays: 30 };
const policies = dbsslPolicies();

const only = (policy: string, reported: Reported[]) => reported.filter((r) => r.policy === policy);

describe("policy pack: every database has a DbSslConfig (stack policy)", () => {
  it("passes a stack whose database is named by an RDS DbSslConfig with SSL on", async () => {
    const db = policyResource(RDS, "orders", { id: "rm-orders1", engine: "MySQL" });
    const ssl = policyResource(SSL_RDS, "orders-ssl", { instanceId: "rm-orders1", ...GOOD });
    assert.deepStrictEqual(await runPolicies(policies, [db, ssl]), []);
  });

  it("fails a database that no DbSslConfig names, with the fix in the message", async () => {
    const db = policyResource(RDS, "orders", { id: "rm-orders1" });
    const other = policyResource(SSL_RDS, "other-ssl", { instanceId: "rm-other", ...GOOD });
    const reported = await runPolicies(policies, [db, other]);
    assert.deepStrictEqual(reported, [
      {
        policy: POLICY_NAMES.coverage,
        urn: db.urn,
        message:
          'alicloud:rds/instance:Instance "orders" (rm-orders1) has no alicloud.rds DbSslConfig ' +
          "with sslEnabled: true naming it. Declare one: " +
          'new dbssl.alicloud.rds.DbSslConfig("orders-ssl", { instanceId: <database>.id }).',
      },
    ]);
  });

  it("at preview, matches a new database by the instanceId property dependency", async () => {
    const db = policyResource(RDS, "orders", { id: UNKNOWN_STRING, engine: "MySQL" });
    const ssl = policyResource(
      SSL_RDS,
      "orders-ssl",
      { instanceId: UNKNOWN_STRING, sslEnabled: UNKNOWN_BOOLEAN, onDelete: "retain" },
      { instanceIdFrom: [db] },
    );
    assert.deepStrictEqual(only(POLICY_NAMES.coverage, await runPolicies(policies, [db, ssl])), []);
  });

  it("at preview, fails a new database when the config does not depend on it", async () => {
    const db = policyResource(RDS, "orders", { id: UNKNOWN_STRING });
    const ssl = policyResource(SSL_RDS, "x-ssl", { instanceId: UNKNOWN_STRING, ...GOOD });
    const [violation] = only(POLICY_NAMES.coverage, await runPolicies(policies, [db, ssl]));
    assert.match(
      violation.message,
      /^alicloud:rds\/instance:Instance "orders" \(new: its id is known once it is created\) has no alicloud\.rds DbSslConfig/,
    );
  });

  it("does not count a config of another family, or one that turns SSL off, and says why", async () => {
    const db = policyResource(RDS, "orders", { id: "rm-orders1" });
    const redis = policyResource(SSL_REDIS, "cache-ssl", { instanceId: "rm-orders1", ...GOOD });
    const off = policyResource(
      SSL_RDS,
      "off-ssl",
      { ...GOOD, instanceId: UNKNOWN_STRING, sslEnabled: false },
      { instanceIdFrom: [db] },
    );
    const reported = await runPolicies(policies, [db, redis, off]);
    assert.deepStrictEqual(only(POLICY_NAMES.coverage, reported), [
      {
        policy: POLICY_NAMES.coverage,
        urn: db.urn,
        message:
          'alicloud:rds/instance:Instance "orders" (rm-orders1) has no alicloud.rds DbSslConfig ' +
          'with sslEnabled: true naming it. Found: "cache-ssl" is an alicloud.redis DbSslConfig; ' +
          '"off-ssl" sets sslEnabled: false. Declare one: ' +
          'new dbssl.alicloud.rds.DbSslConfig("orders-ssl", { instanceId: <database>.id }).',
      },
    ]);
  });

  it("recognises every listed database type", async () => {
    const dbs = DATABASE_KINDS.map((k, i) => policyResource(k.type, `db${i}`, { id: `id-${i}` }));
    const reported = only(POLICY_NAMES.coverage, await runPolicies(policies, dbs));
    assert.deepStrictEqual(
      reported.map((r) => r.urn),
      dbs.map((d) => d.urn),
    );
    assert.ok(reported.some((r) => r.message.includes("no huaweicloud.rds DbSslConfig")));
    assert.ok(reported.some((r) => r.message.includes("no tencentcloud.postgres DbSslConfig")));
  });

  it("asks nothing of RDS v3 engines without an SSL switch (OTC PostgreSQL is always on)", async () => {
    const pg = policyResource(OTC, "pg", {
      id: "a".repeat(32) + "in03",
      db: { type: "PostgreSQL" },
    });
    const mysql = policyResource(OTC, "my", { id: "b".repeat(32) + "in01", db: { type: "MySQL" } });
    const reported = only(POLICY_NAMES.coverage, await runPolicies(policies, [pg, mysql]));
    assert.deepStrictEqual(
      reported.map((r) => r.urn),
      [mysql.urn],
    );
  });

  it("honours exempt databases and extra database types from the policy config", async () => {
    const db = policyResource(RDS, "legacy", { id: "rm-legacy" });
    const custom = policyResource("acme:db/cluster:Cluster", "acme", { id: "c-1" });
    const config = {
      [POLICY_NAMES.coverage]: {
        exempt: ["legacy"],
        extraDatabaseTypes: { "acme:db/cluster:Cluster": "alicloud.rds" },
      },
    };
    const reported = only(POLICY_NAMES.coverage, await runPolicies(policies, [db, custom], config));
    assert.deepStrictEqual(
      reported.map((r) => r.urn),
      [custom.urn],
    );
  });
});

describe("policy pack: DbSslConfig settings (resource policies)", () => {
  const ssl = (props: Record<string, unknown>, stack = "dev") =>
    policyResource(SSL_RDS, "orders-ssl", { instanceId: "rm-orders1", ...props }, { stack });

  it("flags sslEnabled: false", async () => {
    const reported = await runPolicies(policies, [ssl({ ...GOOD, sslEnabled: false })]);
    assert.deepStrictEqual(only(POLICY_NAMES.sslEnabled, reported), [
      {
        policy: POLICY_NAMES.sslEnabled,
        urn: urnOf("dev", SSL_RDS, "orders-ssl"),
        message:
          'DbSslConfig "orders-ssl" (alicloud.rds, instance rm-orders1) sets sslEnabled: false: ' +
          "connections to the database are not encrypted.",
      },
    ]);
  });

  it('flags onDelete "disable" on production stacks only; "retain" and unset pass', async () => {
    const prod = await runPolicies(policies, [ssl(GOOD, "prod")]);
    assert.deepStrictEqual(
      only(POLICY_NAMES.onDelete, prod).map((r) => r.message),
      [
        'DbSslConfig "orders-ssl" (alicloud.rds, instance rm-orders1) on production stack "prod" ' +
          'sets onDelete: "disable": deleting the resource (or destroying the stack) turns SSL off ' +
          'on the database. Set onDelete: "retain" (the default).',
      ],
    );
    const defaulted = { sslEnabled: true, renewBeforeDays: 30 }; // onDelete left out
    assert.deepStrictEqual(
      only(POLICY_NAMES.onDelete, await runPolicies(policies, [ssl(defaulted, "prod")])),
      [],
    );
    const retained = await runPolicies(policies, [ssl({ ...GOOD, onDelete: "retain" }, "prod")]);
    assert.deepStrictEqual(only(POLICY_NAMES.onDelete, retained), []);
    assert.deepStrictEqual(
      only(POLICY_NAMES.onDelete, await runPolicies(policies, [ssl(GOOD)])),
      [],
    );
  });

  it("takes the production stacks from the policy config (names and a pattern)", async () => {
    const config = {
      [POLICY_NAMES.onDelete]: { productionStacks: ["live"], productionStackPattern: "^prd-" },
    };
    const stacks = ["live", "prd-eu", "prod", "dev"];
    const flagged: string[] = [];
    for (const stack of stacks) {
      const reported = await runPolicies(policies, [ssl(GOOD, stack)], config);
      if (only(POLICY_NAMES.onDelete, reported).length) flagged.push(stack);
    }
    assert.deepStrictEqual(flagged, ["live", "prd-eu"]);
  });

  it("flags renewBeforeDays unset, except for custom certificates and families without renewal", async () => {
    const unset = { sslEnabled: true, onDelete: "retain" };
    const reported = await runPolicies(policies, [ssl(unset)]);
    assert.deepStrictEqual(
      only(POLICY_NAMES.renewBeforeDays, reported).map((r) => r.message),
      [
        'DbSslConfig "orders-ssl" (alicloud.rds, instance rm-orders1) has no renewBeforeDays: ' +
          "the cloud certificate is not renewed before it expires. Set renewBeforeDays (e.g. 30).",
      ],
    );
    const custom = await runPolicies(policies, [ssl({ ...unset, caType: "custom" })]);
    const tencent = policyResource("pulumi-nodejs:dynamic/tencentcloud.postgres:DbSslConfig", "t", {
      instanceId: "postgres-1",
      ...unset,
    });
    const others = await runPolicies(policies, [tencent]);
    assert.deepStrictEqual(only(POLICY_NAMES.renewBeforeDays, [...custom, ...others]), []);
  });

  it("never throws on values unknown at preview", async () => {
    const unknown = ssl({
      instanceId: UNKNOWN_STRING,
      sslEnabled: UNKNOWN_BOOLEAN,
      onDelete: UNKNOWN_STRING,
      renewBeforeDays: 30,
    });
    assert.deepStrictEqual(await runPolicies(policies, [unknown]), []);
  });
});

describe("policy pack: enforcement levels", () => {
  it("defaults: SSL rules mandatory, renewBeforeDays and declared-once advisory; each can be overridden", () => {
    const levels = (p = policies) => Object.fromEntries(p.map((x) => [x.name, x.enforcementLevel]));
    assert.deepStrictEqual(levels(), {
      [POLICY_NAMES.coverage]: "mandatory",
      [POLICY_NAMES.sslEnabled]: "mandatory",
      [POLICY_NAMES.onDelete]: "mandatory",
      [POLICY_NAMES.renewBeforeDays]: "advisory",
      [POLICY_NAMES.declaredOnce]: "advisory",
    });
    const custom = dbsslPolicies({ enforcementLevels: { [POLICY_NAMES.onDelete]: "advisory" } });
    assert.strictEqual(levels(custom)[POLICY_NAMES.onDelete], "advisory");
  });
});
