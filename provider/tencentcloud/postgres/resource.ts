/**
 * `tencentcloud.postgres.DbSslConfig`: SSL on a TencentDB for PostgreSQL instance. Declare one
 * next to each instance; `pulumi up` converges it, `pulumi refresh` reports changes made by hand.
 */
import * as pulumi from "@pulumi/pulumi";
import { FamilyDbSslConfig, type FamilyResourceSpec } from "../../core/resource-args";
import postgresShim = require("../../shims/tencentcloud-postgres");
import { FAMILY, POSTGRES_SECRET_OUTPUTS } from "./consts";

export interface DbSslConfigArgs {
  /** The instance ID (`postgres-...`, or `pgro-...` for a read-only instance). Changing it replaces the resource. */
  instanceId: pulumi.Input<string>;
  /** Region of the instance; defaults to `tencentcloud:region`. Changing it replaces the resource. */
  region?: pulumi.Input<string>;
  /** SSL on (default) or off. */
  sslEnabled?: pulumi.Input<boolean>;
  /**
   * The IP address the certificate protects: a primary's private or public IP; for a read-only
   * instance its own IP or its read-only group's IP. Required when SSL is on, ignored when off.
   * Changing it while SSL is on updates the certificate in place.
   */
  connectAddress?: pulumi.Input<string>;
  /** On delete: `retain` (default) leaves SSL as it is; `disable` turns it off (a restart). */
  onDelete?: pulumi.Input<"disable" | "retain">;
  /** How long `up` waits for the cloud (default 15). Pulumi's customTimeouts do not reach dynamic providers. */
  timeoutMinutes?: pulumi.Input<number>;
}

const SPEC: FamilyResourceSpec = {
  outputs: ["connectAddress", "caUrl", "caCert", "pendingChange"],
  secrets: POSTGRES_SECRET_OUTPUTS,
};

export class DbSslConfig extends FamilyDbSslConfig {
  declare readonly connectAddress: pulumi.Output<string | undefined>;
  /** Where to download the CA certificate. */
  declare readonly caUrl: pulumi.Output<string | undefined>;
  /** The CA certificate PEM (cloud-disk instances only). Secret. */
  declare readonly caCert: pulumi.Output<string | undefined>;
  /** A change accepted for the switch window (task `WaitSwitch`): refresh later. */
  declare readonly pendingChange: pulumi.Output<string | undefined>;

  constructor(name: string, args: DbSslConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super({ shim: postgresShim, module: FAMILY, spec: SPEC }, name, args, opts);
  }
}
