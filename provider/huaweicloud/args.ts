// Generated from the input schema (schema.ts) by `npm run gen:inputs`
// (tests/docs/generate-inputs.ts); do not edit: change the schema and run it again.
import type * as pulumi from "@pulumi/pulumi";

/** The inputs of `huaweicloud.rds.DbSslConfig`. */
export interface DbSslConfigArgs {
  /**
   * The RDS instance id (`…in01`).
   *
   * Required. Allowed: an RDS v3 instance id: lower-case letters and digits ending in "in" and
   * two digits, such as "ed7cc6166ec24360a5ed5c5c9c2ed726in01". Changing it replaces the
   * resource.
   */
  instanceId: pulumi.Input<string>;
  /**
   * Region of the instance; defaults to the first set of `huaweicloud:region`, `HW_REGION_NAME`.
   *
   * Allowed: a region id such as "cn-north-4" (the region input, or huaweicloud:region,
   * HW_REGION_NAME). Changing it replaces the resource.
   */
  region?: pulumi.Input<string>;
  /**
   * SSL on or off. Only RDS for MySQL can switch it, and each switch reboots the instance; for
   * another engine declare the state it has (Open Telekom Cloud PostgreSQL: `true`).
   *
   * Allowed: `true` or `false`. Default: `true`. Engines: MySQL.
   */
  sslEnabled?: pulumi.Input<boolean>;
  /**
   * The project (tenant) the instance belongs to; defaults to the first set of `HW_PROJECT_ID`.
   *
   * Allowed: a project id: 32 lower-case hex characters such as
   * "0483b6b16e954cb88930a360d2c4e663". Changing it replaces the resource.
   */
  projectId?: pulumi.Input<string>;
  /**
   * On delete: `retain` leaves SSL as it is; `disable` turns it off (MySQL only: a reboot).
   *
   * Allowed: one of `"disable"`, `"retain"`. Default: `"retain"`.
   */
  onDelete?: pulumi.Input<"disable" | "retain">;
  /**
   * How long `up` waits for the cloud, in minutes. Pulumi's customTimeouts do not reach dynamic
   * providers.
   *
   * Allowed: a number from 1 to 1440. Default: `30`.
   */
  timeoutMinutes?: pulumi.Input<number>;
}
