/**
 * The database resources the policy pack recognises, by their providers' type tokens, and the
 * `DbSslConfig` family that covers each. Tokens as the providers' SDKs register them:
 * - `alicloud:rds/instance:Instance`, `alicloud:mongodb/instance:Instance`,
 *   `alicloud:mongodb/shardingInstance:ShardingInstance`, `alicloud:kvstore/instance:Instance`:
 *   pulumi/pulumi-alicloud (registry "Import" sections, e.g. `pulumi import
 *   alicloud:kvstore/instance:Instance example r-abc12345678`).
 * - `tencentcloud:Postgresql/instance:Instance`: tencentcloudstack/pulumi-tencentcloud
 *   `sdk/nodejs/postgresql/instance.ts` (`__pulumiType`). The registry's newer, bridged
 *   `tencentcloud` package names it `tencentcloud.PostgresqlInstance`, whose token by the bridge's
 *   convention is `tencentcloud:index/postgresqlInstance:PostgresqlInstance` (inferred).
 * - `opentelekomcloud:index/rdsInstanceV3:RdsInstanceV3`: the registry's `opentelekomcloud.RdsInstanceV3`
 *   (YAML type `opentelekomcloud:RdsInstanceV3`, a top-level resource of the bridged provider).
 * - `huaweicloud:Rds/instance:Instance`: huaweicloud/pulumi-huaweicloud `sdk/go/huaweicloud/rds/init.go`.
 */
import { readProp, UNKNOWN } from "./props";

export interface DatabaseKind {
  /** The provider's resource type token. */
  readonly type: string;
  /** The `DbSslConfig` module that keeps SSL on this kind of database. */
  readonly family: string;
  /**
   * False when the cloud offers no SSL switch for this database, so no `DbSslConfig` can exist:
   * the RDS v3 SSL API is MySQL-only, and OTC PostgreSQL always has SSL on
   * (reference/tencent-huawei.md §2.1).
   */
  readonly needsConfig?: (props: unknown) => boolean;
}

/** RDS v3 (`db.type` is the engine): only MySQL has the SSL switch. Unknown engine: assume it does. */
function rdsV3NeedsConfig(props: unknown): boolean {
  const engine = readProp(props, "db", "type");
  return engine === UNKNOWN || typeof engine !== "string" || engine.toLowerCase() === "mysql";
}

export const DATABASE_KINDS: readonly DatabaseKind[] = [
  { type: "alicloud:rds/instance:Instance", family: "alicloud.rds" },
  { type: "alicloud:mongodb/instance:Instance", family: "alicloud.mongodb" },
  { type: "alicloud:mongodb/shardingInstance:ShardingInstance", family: "alicloud.mongodb" },
  { type: "alicloud:kvstore/instance:Instance", family: "alicloud.redis" },
  { type: "tencentcloud:Postgresql/instance:Instance", family: "tencentcloud.postgres" },
  {
    type: "tencentcloud:index/postgresqlInstance:PostgresqlInstance",
    family: "tencentcloud.postgres",
  },
  {
    type: "opentelekomcloud:index/rdsInstanceV3:RdsInstanceV3",
    family: "opentelekomcloud.rds",
    needsConfig: rdsV3NeedsConfig,
  },
  {
    type: "huaweicloud:Rds/instance:Instance",
    family: "huaweicloud.rds",
    needsConfig: rdsV3NeedsConfig,
  },
];

/** Families whose cloud can renew the certificate (the others reject `renewBeforeDays`, F7). */
export const RENEWABLE_FAMILIES: ReadonlySet<string> = new Set([
  "alicloud.rds",
  "alicloud.mongodb",
  "alicloud.redis",
]);

/** `pulumi.dynamic.Resource` registers `pulumi-nodejs:dynamic/<module>:<type>` (dynamic/index.js). */
const DB_SSL_CONFIG_TYPE = /^pulumi-nodejs:dynamic\/([A-Za-z0-9.]+):DbSslConfig$/;

/** The family of a `DbSslConfig` resource type, or undefined for any other type. */
export function dbSslConfigFamily(type: string): string | undefined {
  return DB_SSL_CONFIG_TYPE.exec(type)?.[1];
}

export function databaseKind(
  type: string,
  extra: readonly DatabaseKind[] = [],
): DatabaseKind | undefined {
  return [...extra, ...DATABASE_KINDS].find((k) => k.type === type);
}
