// Generated from the input schema (schema.ts) by `npm run gen:inputs`
// (tests/docs/generate-inputs.ts); do not edit: change the schema and run it again.
import type * as pulumi from "@pulumi/pulumi";

/** The inputs of `tencentcloud.postgres.DbSslConfig`. */
export interface DbSslConfigArgs {
  /**
   * The instance ID (`postgres-...`, or `pgro-...` for a read-only instance).
   *
   * Required. Allowed: a TencentDB for PostgreSQL instance id: "postgres-" (or "pgro-" for a
   * read-only instance) followed by lowercase letters and digits, such as "postgres-5gevh7gr".
   * Changing it replaces the resource.
   */
  instanceId: pulumi.Input<string>;
  /**
   * Region of the instance; defaults to `tencentcloud:region`.
   *
   * Allowed: a region where TencentDB for PostgreSQL offers ModifyDBInstanceSSLConfig
   * (ap-bangkok, ap-beijing, ap-chengdu, ap-chongqing, ap-guangzhou, ap-hongkong, ap-jakarta,
   * ap-nanjing, ap-seoul, ap-shanghai, ap-shanghai-fsi, ap-shenzhen-fsi, ap-singapore, ap-tokyo,
   * eu-frankfurt, na-ashburn, na-siliconvalley, sa-saopaulo). Changing it replaces the resource.
   */
  region?: pulumi.Input<string>;
  /**
   * SSL on or off.
   *
   * Allowed: `true` or `false`. Default: `true`.
   */
  sslEnabled?: pulumi.Input<boolean>;
  /**
   * The IP address the certificate protects: a primary's private or public IP; for a read-only
   * instance its own IP or its read-only group's IP. Required when SSL is on, ignored when off.
   * Changing it while SSL is on updates the certificate in place.
   *
   * Allowed: a plain IPv4 address of the instance (not loopback, link-local, multicast or IPv6),
   * such as "10.0.0.4".
   */
  connectAddress?: pulumi.Input<string>;
  /**
   * On delete: `retain` leaves SSL as it is; `disable` turns it off.
   *
   * Allowed: one of `"disable"`, `"retain"`. Default: `"retain"`.
   */
  onDelete?: pulumi.Input<"disable" | "retain">;
  /**
   * How long `up` waits for the cloud, in minutes. Pulumi's customTimeouts do not reach dynamic
   * providers.
   *
   * Allowed: a number from 1 to 1440. Default: `15`.
   */
  timeoutMinutes?: pulumi.Input<number>;
}
