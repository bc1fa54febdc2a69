// Generated from the input schema (schema.ts) by `npm run gen:inputs`
// (tests/docs/generate-inputs.ts); do not edit: change the schema and run it again.
import type * as pulumi from "@pulumi/pulumi";

/** The inputs of `alicloud.redis.DbSslConfig`. */
export interface DbSslConfigArgs {
  /**
   * The Tair / Redis instance ID (`r-...`).
   *
   * Required. Allowed: a Tair / Redis instance id: "r-" followed by lowercase letters and
   * digits, such as "r-bp1zxszhcgatnx1234". Changing it replaces the resource.
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
   * TLS on or off.
   *
   * Allowed: `true` or `false`. Default: `true`.
   */
  sslEnabled?: pulumi.Input<boolean>;
  /**
   * Change this value to update the certificate (ModifyInstanceSSL `SSLEnabled=Update`).
   *
   * Allowed: any string.
   */
  rotateTrigger?: pulumi.Input<string>;
  /**
   * Update when `SSLExpiredTime` is within this many days. The cloud documents that date as the
   * CA certificate's expiry, which an update may not move: prefer `rotateTrigger`.
   *
   * Allowed: an integer from 1 to 180 (cloud certificates are valid for one year, so a longer
   * window would renew on every up).
   */
  renewBeforeDays?: pulumi.Input<number>;
  /**
   * On delete: `retain` leaves TLS as it is; `disable` turns it off (a restart).
   *
   * Allowed: one of `"disable"`, `"retain"`. Default: `"retain"`.
   */
  onDelete?: pulumi.Input<"disable" | "retain">;
  /**
   * How long `up` waits for the cloud, in minutes. Pulumi's customTimeouts do not reach dynamic
   * providers.
   *
   * Allowed: a number from 1 to 1440. Default: `60`.
   */
  timeoutMinutes?: pulumi.Input<number>;
}
