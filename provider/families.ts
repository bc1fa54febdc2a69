/**
 * The family registry: module path -> driver, loaded lazily so that one family's SDK is never
 * loaded by another family's resources.
 */
import type { BaseLiveSsl, BaseSslInputs, SslDriver } from "./core/driver";

type AnyDriver = SslDriver<BaseSslInputs, BaseLiveSsl>;

const loaders: Record<string, () => AnyDriver> = {
  "alicloud.rds": () => require("./alicloud/rds/driver").rdsDriver,
  "tencentcloud.postgres": () => require("./tencentcloud/postgres/driver").postgresDriver,
  "opentelekomcloud.rds": () => require("./rdsv3/driver").openTelekomCloudRdsDriver,
  "huaweicloud.rds": () => require("./rdsv3/driver").huaweiCloudRdsDriver,
  "alicloud.mongodb": () => require("./alicloud/mongodb/driver").ddsDriver,
  "alicloud.redis": () => require("./alicloud/redis/driver").redisDriver,
};

export const FAMILIES = Object.keys(loaders);

export function driverFor(family: string): AnyDriver {
  const load = loaders[family];
  if (!load)
    throw new Error(`pulumi-dbssl: unknown family "${family}"; known: ${FAMILIES.join(", ")}`);
  return load();
}
