/**
 * `alicloud.rds.DbSslConfig`: SSL/TLS on an ApsaraDB RDS instance (MySQL, PostgreSQL,
 * SQL Server). Declare one next to each instance; `pulumi up` converges it, `pulumi refresh`
 * reports settings changed by hand.
 */
import * as pulumi from "@pulumi/pulumi";
import { FamilyDbSslConfig, type FamilyResourceSpec } from "../../core/resource-args";
import rdsShim = require("../../shims/alicloud-rds");
import type { DbSslConfigArgs } from "./args";
import { FAMILY } from "./consts";
import { RDS_SECRET_NAMES } from "./schema";

export type { DbSslConfigArgs };

const SPEC: FamilyResourceSpec = {
  outputs: ["engine", "connectionString", "caType", "serverCaUrl", "serverCert"],
  secrets: RDS_SECRET_NAMES,
};

/**
 * SSL/TLS on an ApsaraDB RDS instance (MySQL, PostgreSQL, SQL Server), through
 * ModifyDBInstanceSSL. `pulumi up` sends one change and waits until the cloud shows it (enabling,
 * disabling or renewing SSL, or changing a certificate, restarts the instance); `pulumi refresh`
 * reports settings changed by hand.
 */
export class DbSslConfig extends FamilyDbSslConfig {
  /** `MySQL`, `PostgreSQL`, `SQLServer` or `MariaDB` (DescribeDBInstanceAttribute `Engine`). */
  declare readonly engine: pulumi.Output<string>;
  /** The endpoint the server certificate is issued for (DescribeDBInstanceSSL `ConnectionString`). */
  declare readonly connectionString: pulumi.Output<string>;
  /** Who issues the server certificate, `aliyun` or `custom`, while SSL is on. */
  declare readonly caType: pulumi.Output<string | undefined>;
  /** Where clients download the CA certificate (`ServerCAUrl`), while SSL is on. */
  declare readonly serverCaUrl: pulumi.Output<string | undefined>;
  /** The server certificate PEM the cloud returns, else the custom one last sent. Secret. */
  declare readonly serverCert: pulumi.Output<string | undefined>;
  /** When the server certificate expires (ISO 8601), while SSL is on. */
  declare readonly certificateExpiresAt: pulumi.Output<string | undefined>;
  /** The subject CN of `serverCert`; unset when no certificate was read or sent. */
  declare readonly certificateCommonName: pulumi.Output<string | undefined>;
  /** The cloud says the certificate must be renewed (`RequireUpdate`): change `rotateTrigger`. */
  declare readonly requireUpdate: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: DbSslConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super({ shim: rdsShim, module: FAMILY, spec: SPEC }, name, args, opts);
  }
}
