/**
 * `alicloud.rds.DbSslConfig`: SSL/TLS on an ApsaraDB RDS instance (MySQL, PostgreSQL,
 * SQL Server). Declare one next to each instance; `pulumi up` converges it, `pulumi refresh`
 * reports settings changed by hand.
 */
import * as pulumi from "@pulumi/pulumi";
import { FamilyDbSslConfig, type FamilyResourceSpec } from "../../core/resource-args";
import rdsShim = require("../../shims/alicloud-rds");
import { FAMILY, RDS_SECRET_NAMES } from "./consts";
import type { RdsAcl } from "./types";

export interface DbSslConfigArgs {
  /** The RDS instance ID (`rm-...`). Changing it replaces the resource. */
  instanceId: pulumi.Input<string>;
  /** Region of the instance; defaults to `alicloud:region`. Changing it replaces the resource. */
  region?: pulumi.Input<string>;
  /** SSL on (default) or off. */
  sslEnabled?: pulumi.Input<boolean>;
  /** The endpoint the server certificate is issued for; defaults to the instance's endpoint. */
  connectionString?: pulumi.Input<string>;
  /** `aliyun` (cloud certificate, default) or `custom` (MySQL, PostgreSQL). */
  caType?: pulumi.Input<"aliyun" | "custom">;
  /** PEM server certificate (chain) for `caType: "custom"`. Kept secret. */
  serverCert?: pulumi.Input<string>;
  /** PEM private key (not password-protected) for `caType: "custom"`. Kept secret. */
  serverKey?: pulumi.Input<string>;
  /** PostgreSQL: trust a client CA. */
  clientCaEnabled?: pulumi.Input<boolean>;
  /** PostgreSQL: PEM of the CA that issues client certificates. Kept secret. */
  clientCaCert?: pulumi.Input<string>;
  /** PostgreSQL: check client certificates against a CRL (needs the client CA). */
  clientCrlEnabled?: pulumi.Input<boolean>;
  /** PostgreSQL: PEM X.509 CRL. Kept secret. */
  clientCertRevocationList?: pulumi.Input<string>;
  /** PostgreSQL: how clients are verified (needs the client CA). */
  acl?: pulumi.Input<RdsAcl>;
  /** PostgreSQL: how replication clients are verified (needs the client CA). */
  replicationAcl?: pulumi.Input<RdsAcl>;
  /** SQL Server and MySQL: refuse unencrypted connections. */
  forceEncryption?: pulumi.Input<boolean>;
  /** SQL Server: minimum TLS version. */
  tlsVersion?: pulumi.Input<"1.0" | "1.1" | "1.2">;
  /** Change this value to renew the certificate (the cloud's Update action). */
  rotateTrigger?: pulumi.Input<string>;
  /** Renew when the live certificate expires within this many days (1-365). */
  renewBeforeDays?: pulumi.Input<number>;
  /** On delete: `retain` (default) leaves SSL as it is; `disable` turns it off (a restart). */
  onDelete?: pulumi.Input<"disable" | "retain">;
  /** How long `up` waits for the cloud (default 30). Pulumi's customTimeouts do not reach dynamic providers. */
  timeoutMinutes?: pulumi.Input<number>;
}

const SPEC: FamilyResourceSpec = {
  outputs: ["engine", "connectionString", "caType", "serverCaUrl", "serverCert"],
  secrets: RDS_SECRET_NAMES,
};

export class DbSslConfig extends FamilyDbSslConfig {
  declare readonly engine: pulumi.Output<string>;
  declare readonly connectionString: pulumi.Output<string>;
  declare readonly caType: pulumi.Output<string | undefined>;
  declare readonly serverCaUrl: pulumi.Output<string | undefined>;
  declare readonly serverCert: pulumi.Output<string | undefined>;
  declare readonly certificateExpiresAt: pulumi.Output<string | undefined>;
  declare readonly certificateCommonName: pulumi.Output<string | undefined>;
  declare readonly requireUpdate: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: DbSslConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super({ shim: rdsShim, module: FAMILY, spec: SPEC }, name, args, opts);
  }
}
