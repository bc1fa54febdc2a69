// Generated from the input schema (schema.ts) by `npm run gen:inputs`
// (tests/docs/generate-inputs.ts); do not edit: change the schema and run it again.
import type * as pulumi from "@pulumi/pulumi";

/** The inputs of `alicloud.rds.DbSslConfig`. */
export interface DbSslConfigArgs {
  /**
   * The RDS instance ID (`rm-...`).
   *
   * Required. Allowed: an ApsaraDB RDS instance id: "rm-", "rr-", "pgm-", "pgr-" or "mr-"
   * followed by lowercase letters and digits, such as "rm-uf6wjk5xxxxxxx". Changing it replaces
   * the resource.
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
   * SSL on or off.
   *
   * Allowed: `true` or `false`. Default: `true`.
   */
  sslEnabled?: pulumi.Input<boolean>;
  /**
   * The endpoint the server certificate is issued for; defaults to the instance's endpoint.
   *
   * Allowed: a host name, such as `rm-uf6wjk5xxxxxxx.mysql.rds.aliyuncs.com`.
   */
  connectionString?: pulumi.Input<string>;
  /**
   * Who issues the server certificate: `aliyun`, the cloud (what it uses when this is not set),
   * or `custom`, the `serverCert` given here.
   *
   * Allowed: one of `"aliyun"`, `"custom"`. Engines: PostgreSQL, MySQL.
   */
  caType?: pulumi.Input<"aliyun" | "custom">;
  /**
   * PEM server certificate (chain) for `caType: "custom"`.
   *
   * Allowed: a non-empty string. Engines: PostgreSQL, MySQL. Secret: kept secret in inputs,
   * outputs and state.
   */
  serverCert?: pulumi.Input<string>;
  /**
   * PEM private key (not password-protected) for `caType: "custom"`.
   *
   * Allowed: a non-empty string. Engines: PostgreSQL, MySQL. Secret: kept secret in inputs,
   * outputs and state.
   */
  serverKey?: pulumi.Input<string>;
  /**
   * Trust a client CA (`clientCaCert`).
   *
   * Allowed: `true` or `false`. Engines: PostgreSQL.
   */
  clientCaEnabled?: pulumi.Input<boolean>;
  /**
   * PEM of the CA that issues client certificates.
   *
   * Allowed: a non-empty string. Engines: PostgreSQL. Secret: kept secret in inputs, outputs and
   * state.
   */
  clientCaCert?: pulumi.Input<string>;
  /**
   * Check client certificates against a CRL (needs the client CA).
   *
   * Allowed: `true` or `false`. Engines: PostgreSQL.
   */
  clientCrlEnabled?: pulumi.Input<boolean>;
  /**
   * PEM X.509 CRL issued by the client CA.
   *
   * Allowed: a non-empty string. Engines: PostgreSQL. Secret: kept secret in inputs, outputs and
   * state.
   */
  clientCertRevocationList?: pulumi.Input<string>;
  /**
   * How clients are verified (needs the client CA).
   *
   * Allowed: one of `"cert"`, `"prefer"`, `"verify-ca"`, `"verify-full"`. Engines: PostgreSQL.
   */
  acl?: pulumi.Input<"cert" | "prefer" | "verify-ca" | "verify-full">;
  /**
   * How replication clients are verified (needs the client CA).
   *
   * Allowed: one of `"cert"`, `"prefer"`, `"verify-ca"`, `"verify-full"`. Engines: PostgreSQL.
   */
  replicationAcl?: pulumi.Input<"cert" | "prefer" | "verify-ca" | "verify-full">;
  /**
   * Refuse unencrypted connections.
   *
   * Allowed: `true` or `false`. Engines: MySQL, SQLServer.
   */
  forceEncryption?: pulumi.Input<boolean>;
  /**
   * Minimum TLS version.
   *
   * Allowed: one of `"1.0"`, `"1.1"`, `"1.2"`. Engines: SQLServer.
   */
  tlsVersion?: pulumi.Input<"1.0" | "1.1" | "1.2">;
  /**
   * Change this value to renew the certificate (the cloud's Update action).
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
   * Allowed: a number from 1 to 1440. Default: `30`.
   */
  timeoutMinutes?: pulumi.Input<number>;
}
