// Declares SSL for a fleet of database instances, across families, listed in stack config:
//
//   pulumi config set --path 'fleet:instances[0].family' alicloud.rds   (or set the JSON at once:)
//   pulumi config set fleet:instances '[{"family":"alicloud.rds","instanceId":"rm-1","sslEnabled":true}]'
//
// Each entry is `{ family, instanceId, name?, ...settings }`; settings are the family's inputs.
import * as pulumi from "@pulumi/pulumi";
import * as dbssl from "pulumi-dbssl";

interface FleetEntry {
  family: string;
  instanceId: string;
  /** Resource name; defaults to `<instanceId>-ssl`. */
  name?: string;
  [setting: string]: unknown;
}

type Declare = (
  name: string,
  args: Record<string, unknown>,
) => { sslEnabled: pulumi.Output<boolean> };

// One line per family as the families land.
const FAMILIES: Record<string, Declare> = {
  "alicloud.rds": (name, args) =>
    new dbssl.alicloud.rds.DbSslConfig(name, args as unknown as dbssl.alicloud.rds.DbSslConfigArgs),
  "tencentcloud.postgres": (name, args) =>
    new dbssl.tencentcloud.postgres.DbSslConfig(
      name,
      args as unknown as dbssl.tencentcloud.postgres.DbSslConfigArgs,
    ),
  "opentelekomcloud.rds": (name, args) =>
    new dbssl.opentelekomcloud.rds.DbSslConfig(
      name,
      args as unknown as dbssl.opentelekomcloud.rds.DbSslConfigArgs,
    ),
  "huaweicloud.rds": (name, args) =>
    new dbssl.huaweicloud.rds.DbSslConfig(
      name,
      args as unknown as dbssl.huaweicloud.rds.DbSslConfigArgs,
    ),
  "alicloud.mongodb": (name, args) =>
    new dbssl.alicloud.mongodb.DbSslConfig(
      name,
      args as unknown as dbssl.alicloud.mongodb.DbSslConfigArgs,
    ),
  "alicloud.redis": (name, args) =>
    new dbssl.alicloud.redis.DbSslConfig(
      name,
      args as unknown as dbssl.alicloud.redis.DbSslConfigArgs,
    ),
};

const entries = new pulumi.Config("fleet").requireObject<FleetEntry[]>("instances");

const fleet: Record<string, pulumi.Output<boolean>> = {};
for (const { family, name, ...args } of entries) {
  const declare = FAMILIES[family];
  if (!declare) {
    throw new Error(
      `fleet:instances: unknown family "${family}" (known: ${Object.keys(FAMILIES).join(", ")})`,
    );
  }
  const resourceName = name ?? `${args.instanceId}-ssl`;
  fleet[resourceName] = declare(resourceName, args).sslEnabled;
}

/** Resource name -> whether SSL is on. */
export const sslEnabled = fleet;
