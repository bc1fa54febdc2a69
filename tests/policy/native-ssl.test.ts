/**
 * The policy pack beside the clouds' own providers: a database whose own provider's SSL setting
 * is on counts as covered (each type token), one declared both there and by a DbSslConfig is
 * reported by dbssl-ssl-declared-once, and a setting listed in ignoreChanges does not count.
 */
import * as assert from "assert";
import type { PolicyResource } from "@pulumi/policy";
import { dbsslPolicies, POLICY_NAMES, SSL_ON_DATABASE } from "../../provider/policy";
import { policyResource, runPolicies, UNKNOWN_STRING, type Reported } from "./policy-resources";

const policies = dbsslPolicies();
const only = (policy: string, reported: Reported[]) => reported.filter((r) => r.policy === policy);
const coverage = async (resources: PolicyResource[]) =>
  only(POLICY_NAMES.coverage, await runPolicies(policies, resources));
const twice = async (resources: PolicyResource[]) =>
  only(POLICY_NAMES.declaredOnce, await runPolicies(policies, resources));

const MYSQL = { db: { type: "MySQL" } };
/** Each type token with the values that turn SSL on and off through its own provider. */
const CASES = [
  { type: "alicloud:rds/instance:Instance", family: "alicloud.rds", on: "Open", off: "Close" },
  {
    type: "alicloud:mongodb/instance:Instance",
    family: "alicloud.mongodb",
    on: "Open",
    off: "Close",
  },
  {
    type: "alicloud:mongodb/shardingInstance:ShardingInstance",
    family: "alicloud.mongodb",
    on: "Update",
    off: "Close",
  },
  {
    type: "alicloud:kvstore/instance:Instance",
    family: "alicloud.redis",
    on: "Enable",
    off: "Disable",
  },
  {
    type: "opentelekomcloud:index/rdsInstanceV3:RdsInstanceV3",
    family: "opentelekomcloud.rds",
    on: true,
    off: false,
    extra: MYSQL,
  },
  {
    type: "huaweicloud:Rds/instance:Instance",
    family: "huaweicloud.rds",
    on: true,
    off: false,
    extra: MYSQL,
  },
];

describe("policy pack: SSL through a database's own provider", () => {
  it("knows the SSL property of every type token it lists, and nothing else", () => {
    assert.deepStrictEqual(Object.keys(SSL_ON_DATABASE).sort(), CASES.map((c) => c.type).sort());
  });

  for (const c of CASES) {
    const property = SSL_ON_DATABASE[c.type].property;
    const db = (value: unknown, ignoreChanges?: string[]) =>
      policyResource(
        c.type,
        "orders",
        { id: "db-orders1", ...c.extra, [property]: value },
        { ignoreChanges },
      );
    const ssl = (name = "orders-ssl") =>
      policyResource(`pulumi-nodejs:dynamic/${c.family}:DbSslConfig`, name, {
        instanceId: "db-orders1",
        sslEnabled: true,
        onDelete: "retain",
        renewBeforeDays: 30,
      });

    describe(c.type, () => {
      it(`${property}: ${JSON.stringify(c.on)} counts as covered`, async () => {
        assert.deepStrictEqual(await coverage([db(c.on)]), []);
        assert.deepStrictEqual(await twice([db(c.on)]), []);
      });

      it(`${property}: ${JSON.stringify(c.off)} is not covered, and the message says why`, async () => {
        const [violation] = await coverage([db(c.off)]);
        assert.ok(violation, "a violation");
        assert.ok(
          violation.message.includes(
            `has no ${c.family} DbSslConfig with sslEnabled: true naming it. ` +
              `Found: its own ${property} is ${JSON.stringify(c.off)}.`,
          ),
          violation.message,
        );
      });

      it(`${property} listed in ignoreChanges does not count: its provider never applies it`, async () => {
        const reported = await coverage([db(c.on, [property])]);
        assert.deepStrictEqual(
          reported.map((r) => r.urn),
          [db(c.on).urn],
        );
        assert.deepStrictEqual(await twice([db(c.on, [property]), ssl()]), []);
      });

      it("with a DbSslConfig too: declared twice, advisory, naming both and the fix", async () => {
        const database = db(c.on);
        assert.deepStrictEqual(await twice([database, ssl()]), [
          {
            policy: POLICY_NAMES.declaredOnce,
            urn: database.urn,
            message:
              `${c.type} "orders" (db-orders1) declares SSL twice: its own ${property} is ` +
              `${JSON.stringify(c.on)}, and DbSslConfig "orders-ssl" names it too. Each puts its ` +
              `own value back when it finds the other's; keep one: add ignoreChanges: ` +
              `["${property}"] to the database, or remove the DbSslConfig.`,
          },
        ]);
        assert.deepStrictEqual(await coverage([database, ssl()]), []);
      });
    });
  }

  it("a value not known at preview (a new database) is not counted either way", async () => {
    const db = policyResource("alicloud:rds/instance:Instance", "orders", {
      id: UNKNOWN_STRING,
      sslAction: UNKNOWN_STRING,
    });
    assert.strictEqual((await coverage([db])).length, 1);
    assert.deepStrictEqual(await twice([db]), []);
  });

  it("an RDS v3 engine without an SSL switch is not checked at all", async () => {
    const pg = policyResource("huaweicloud:Rds/instance:Instance", "pg", {
      id: "a".repeat(32) + "in03",
      db: { type: "PostgreSQL" },
      sslEnable: false,
    });
    assert.deepStrictEqual(await runPolicies(policies, [pg]), []);
  });
});

describe("policy pack: Tencent's own InstanceSslConfig", () => {
  const PG = "tencentcloud:Postgresql/instance:Instance";
  const TC_SSL = "tencentcloud:Postgresql/instanceSslConfig:InstanceSslConfig";
  const db = (id = "postgres-orders1") => policyResource(PG, "orders", { id });
  const tcSsl = (props: Record<string, unknown>, opts = {}) =>
    policyResource(TC_SSL, "orders-tls", { connectAddress: "10.0.0.12", ...props }, opts);

  it("sslEnabled: true naming the instance by id counts as covered", async () => {
    const database = db();
    const ssl = tcSsl({ dbInstanceId: "postgres-orders1", sslEnabled: true });
    assert.deepStrictEqual(await coverage([database, ssl]), []);
  });

  it("at preview, names a new instance by the dbInstanceId dependency", async () => {
    const database = db(UNKNOWN_STRING);
    const ssl = tcSsl(
      { dbInstanceId: UNKNOWN_STRING, sslEnabled: true },
      { dependsOn: { dbInstanceId: [database] } },
    );
    assert.deepStrictEqual(await coverage([database, ssl]), []);
  });

  it("sslEnabled: false, another instance, or ignoreChanges: not covered", async () => {
    const database = db();
    const off = tcSsl({ dbInstanceId: "postgres-orders1", sslEnabled: false });
    const [violation] = await coverage([database, off]);
    assert.match(
      violation.message,
      /Found: tencentcloud:Postgresql\/instanceSslConfig:InstanceSslConfig "orders-tls" sets sslEnabled: false\./,
    );
    const other = tcSsl({ dbInstanceId: "postgres-other", sslEnabled: true });
    assert.strictEqual((await coverage([database, other])).length, 1);
    const ignored = tcSsl(
      { dbInstanceId: "postgres-orders1", sslEnabled: true },
      { ignoreChanges: ["sslEnabled"] },
    );
    assert.strictEqual((await coverage([database, ignored])).length, 1);
  });

  it("with a DbSslConfig too: declared twice, and removing the InstanceSslConfig is safe", async () => {
    const database = db();
    const ssl = tcSsl({ dbInstanceId: "postgres-orders1", sslEnabled: true });
    const ours = policyResource("pulumi-nodejs:dynamic/tencentcloud.postgres:DbSslConfig", "o", {
      instanceId: "postgres-orders1",
      sslEnabled: true,
    });
    assert.deepStrictEqual(
      (await twice([database, ssl, ours])).map((r) => r.message),
      [
        `${PG} "orders" (postgres-orders1) declares SSL twice: ${TC_SSL} "orders-tls" sets ` +
          `sslEnabled: true, and DbSslConfig "o" names it too. Each puts its own value back ` +
          `when it finds the other's; keep one: remove ${TC_SSL} "orders-tls" (its delete ` +
          `sends nothing) or the DbSslConfig.`,
      ],
    );
  });
});
