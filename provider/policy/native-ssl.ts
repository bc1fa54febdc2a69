/**
 * SSL declared through a cloud's own Pulumi provider instead of a `DbSslConfig`. Property names
 * and values as those providers define them:
 * - `alicloud:rds/instance:Instance` `sslAction` (`Open`, `Close`, `Update`; the read writes the
 *   live state back: `Open`/`Close`): pulumi/pulumi-alicloud `sdk/nodejs/rds/instance.ts`, and
 *   aliyun/terraform-provider-alicloud `resource_alicloud_db_instance.go`
 *   (`convertRdsInstanceSslActionResponse`).
 * - `alicloud:mongodb/instance:Instance` `sslAction` (`Open`, `Close`, `Update`):
 *   pulumi/pulumi-alicloud `sdk/nodejs/mongodb/instance.ts`; `ssl_action` on
 *   `alicloud_mongodb_sharding_instance` in the alicloud provider 1.266.0 schema (cdktf bindings),
 *   which the bridge names `sslAction`.
 * - `alicloud:kvstore/instance:Instance` `sslEnable` (`Enable`, `Disable`, `Update`):
 *   pulumi/pulumi-alicloud `sdk/nodejs/kvstore/instance.ts`.
 * - `tencentcloud:Postgresql/instanceSslConfig:InstanceSslConfig`, a resource of its own with
 *   `dbInstanceId` and `sslEnabled` (boolean); its delete sends nothing:
 *   tencentcloudstack/pulumi-tencentcloud `sdk/nodejs/postgresql/instanceSslConfig.ts`,
 *   terraform-provider-tencentcloud `resource_tc_postgresql_instance_ssl_config.go`.
 * - `opentelekomcloud:index/rdsInstanceV3:RdsInstanceV3` `sslEnable` (boolean, MySQL only):
 *   opentelekomcloud/terraform-provider-opentelekomcloud `resource_opentelekomcloud_rds_instance_v3.go`.
 * - `huaweicloud:Rds/instance:Instance` `sslEnable` (boolean, MySQL):
 *   huaweicloud/pulumi-huaweicloud `sdk/go/huaweicloud/rds/instance.go`.
 *
 * A stack policy sees each resource's outputs (pulumi/pulumi `step_generator.go`,
 * AnalyzeResources), and these settings are computed (the Alibaba RDS read writes the live state
 * back into `sslAction`), so a value there may be declared by the program or only read. A property listed in the resource's
 * `ignoreChanges` is never applied by its provider: it does not count.
 */
import type { PolicyResource } from "@pulumi/policy";
import { knownString, readProp, UNKNOWN } from "./props";

/** SSL as a database's own provider declares it. */
export interface NativeSsl {
  /** The property that holds it, e.g. `sslAction`. */
  property: string;
  /** The separate SSL resource that holds it (Tencent), or undefined: the database itself. */
  resource?: { type: string; name: string };
  /** The value as the provider holds it, e.g. `"Open"` or `true`. */
  value: unknown;
  /** True when the value keeps SSL on. */
  on: boolean;
}

interface SettingOnDatabase {
  property: string;
  /** Values that keep SSL on, and values that turn it off; anything else is not counted. */
  on: readonly unknown[];
  off: readonly unknown[];
}

const ACTION = { property: "sslAction", on: ["Open", "Update"], off: ["Close"] } as const;
const KVSTORE = { property: "sslEnable", on: ["Enable", "Update"], off: ["Disable"] } as const;
const RDS_V3 = { property: "sslEnable", on: [true], off: [false] } as const;

/** Database types whose own resource carries the SSL setting. */
export const SSL_ON_DATABASE: Readonly<Record<string, SettingOnDatabase>> = {
  "alicloud:rds/instance:Instance": ACTION,
  "alicloud:mongodb/instance:Instance": ACTION,
  "alicloud:mongodb/shardingInstance:ShardingInstance": ACTION,
  "alicloud:kvstore/instance:Instance": KVSTORE,
  "opentelekomcloud:index/rdsInstanceV3:RdsInstanceV3": RDS_V3,
  "huaweicloud:Rds/instance:Instance": RDS_V3,
};

/** Separate SSL resources: type token -> the database type they configure. */
export const SSL_RESOURCES: Readonly<Record<string, { database: string }>> = {
  "tencentcloud:Postgresql/instanceSslConfig:InstanceSslConfig": {
    database: "tencentcloud:Postgresql/instance:Instance",
  },
};

const ignored = (r: PolicyResource, property: string) =>
  (r.opts?.ignoreChanges ?? []).includes(property);

function onDatabase(database: PolicyResource): NativeSsl | undefined {
  const setting = SSL_ON_DATABASE[database.type];
  if (!setting || ignored(database, setting.property)) return undefined;
  const value = readProp(database.props, setting.property);
  if (value === UNKNOWN) return undefined;
  const on = setting.on.includes(value);
  if (!on && !setting.off.includes(value)) return undefined;
  return { property: setting.property, value, on };
}

/** True when the SSL resource's `dbInstanceId` names the database (by value or dependency). */
function namesDatabase(ssl: PolicyResource, database: PolicyResource, id?: string): boolean {
  const sources = ssl.propertyDependencies?.dbInstanceId ?? [];
  if (sources.some((d) => d.urn === database.urn)) return true;
  const named = readProp(ssl.props, "dbInstanceId");
  return id !== undefined && named !== UNKNOWN && knownString(named) === id;
}

function separateResource(
  database: PolicyResource,
  id: string | undefined,
  resources: readonly PolicyResource[],
): NativeSsl | undefined {
  for (const r of resources) {
    if (SSL_RESOURCES[r.type]?.database !== database.type) continue;
    if (ignored(r, "sslEnabled") || !namesDatabase(r, database, id)) continue;
    const value = readProp(r.props, "sslEnabled");
    if (typeof value !== "boolean") continue;
    return { property: "sslEnabled", resource: { type: r.type, name: r.name }, value, on: value };
  }
  return undefined;
}

/** The database's SSL as its own provider declares it, or undefined when it declares none. */
export function nativeSsl(
  database: PolicyResource,
  id: string | undefined,
  resources: readonly PolicyResource[],
): NativeSsl | undefined {
  return onDatabase(database) ?? separateResource(database, id, resources);
}

/** `its own sslAction is "Open"`, or `<type> "name" sets sslEnabled: true`, for messages. */
export function describeNative(native: NativeSsl): string {
  const value = JSON.stringify(native.value);
  const { resource, property } = native;
  return resource
    ? `${resource.type} "${resource.name}" sets ${property}: ${value}`
    : `its own ${property} is ${value}`;
}

/** How to keep one of the two declarations without a write. */
export function keepOneFix(native: NativeSsl): string {
  return native.resource
    ? `remove ${native.resource.type} "${native.resource.name}" (its delete sends nothing) or the DbSslConfig`
    : `add ignoreChanges: ["${native.property}"] to the database, or remove the DbSslConfig`;
}
