/**
 * `tencentcloud.postgres.DbSslConfig`: SSL on a TencentDB for PostgreSQL instance. Declare one
 * next to each instance; `pulumi up` converges it, `pulumi refresh` reports changes made by hand.
 */
import * as pulumi from "@pulumi/pulumi";
import { FamilyDbSslConfig, type FamilyResourceSpec } from "../../core/resource-args";
import postgresShim = require("../../shims/tencentcloud-postgres");
import type { DbSslConfigArgs } from "./args";
import { FAMILY, POSTGRES_SECRET_OUTPUTS } from "./consts";

export type { DbSslConfigArgs };

const SPEC: FamilyResourceSpec = {
  outputs: ["connectAddress", "caUrl", "caCert", "pendingChange"],
  secrets: POSTGRES_SECRET_OUTPUTS,
};

/**
 * SSL on a TencentDB for PostgreSQL instance, through ModifyDBInstanceSSLConfig. `up` waits for
 * the change's task; a task held for the switch window ends `up` with `pendingChange` set. The
 * API has no certificate renewal and reports no expiry.
 */
export class DbSslConfig extends FamilyDbSslConfig {
  /** The IP address the certificate protects, as DescribeDBInstanceSSLConfig reports it. */
  declare readonly connectAddress: pulumi.Output<string | undefined>;
  /** Where to download the CA certificate (`CAUrl`). */
  declare readonly caUrl: pulumi.Output<string | undefined>;
  /** The CA certificate PEM (cloud-disk instances only). Secret. */
  declare readonly caCert: pulumi.Output<string | undefined>;
  /** A change accepted for the switch window (task `WaitSwitch`) or paused: refresh later. */
  declare readonly pendingChange: pulumi.Output<string | undefined>;

  constructor(name: string, args: DbSslConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super({ shim: postgresShim, module: FAMILY, spec: SPEC }, name, args, opts);
  }
}
