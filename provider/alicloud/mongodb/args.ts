// Generated from the input schema (schema.ts) by `npm run gen:inputs`
// (tests/docs/generate-inputs.ts); do not edit: change the schema and run it again.
import type * as pulumi from "@pulumi/pulumi";

/** The inputs of `alicloud.mongodb.DbSslConfig`. */
export interface DbSslConfigArgs {
  /**
   * The MongoDB instance ID (`dds-...`).
   *
   * Required. Allowed: an ApsaraDB for MongoDB instance id: "dds-" followed by lowercase letters
   * and digits, such as "dds-bp2235xxxxxxxx". Changing it replaces the resource.
   */
  instanceId: pulumi.Input<string>;
  /**
   * Region of the instance; defaults to `alicloud:region`.
   *
   * Allowed: an Alibaba Cloud region id where RDS, MongoDB and Tair are offered (one of the 70
   * ids of the SDKs' endpoint maps), such as "cn-hangzhou" or "ap-southeast-1". Changing it
   * replaces the resource.
   */
  region?: pulumi.Input<string>;
  /**
   * SSL on or off. Every change restarts the instance.
   *
   * Allowed: `true` or `false`. Default: `true`.
   */
  sslEnabled?: pulumi.Input<boolean>;
  /**
   * When the cloud applies a change: `immediately` (SwitchMode 0) or `maintenanceWindow`
   * (SwitchMode 1: `up` returns once the change is accepted; the outputs' `pendingChange` says
   * it is scheduled, and a later refresh shows it applied).
   *
   * Allowed: one of `"immediately"`, `"maintenanceWindow"`. Default: `"immediately"`.
   */
  switchMode?: pulumi.Input<"immediately" | "maintenanceWindow">;
  /**
   * Accept SSL connections only (on cloud disks). Sent with Open or Update: changing it while
   * SSL stays on needs a certificate renewal (a new `rotateTrigger`).
   *
   * Allowed: `true` or `false`. Engines: MongoDB 7.0, MongoDB 8.0.
   */
  forceEncryption?: pulumi.Input<boolean>;
  /**
   * Change this value to renew the certificate (SSLAction Update; restarts the instance).
   *
   * Allowed: any string.
   */
  rotateTrigger?: pulumi.Input<string>;
  /**
   * Renew when the live certificate expires within this many days.
   *
   * Allowed: an integer from 1 to 180 (cloud certificates are valid for one year, so a longer
   * window would renew on every up).
   */
  renewBeforeDays?: pulumi.Input<number>;
  /**
   * On delete: `retain` leaves SSL as it is; `disable` turns it off (a restart).
   *
   * Allowed: one of `"disable"`, `"retain"`. Default: `"retain"`.
   */
  onDelete?: pulumi.Input<"disable" | "retain">;
  /**
   * How long `up` waits for the cloud, in minutes. Pulumi's customTimeouts do not reach dynamic
   * providers.
   *
   * Allowed: a number from 1 to 1440. Default: `120`.
   */
  timeoutMinutes?: pulumi.Input<number>;
}
