/**
 * `alicloud.mongodb.DbSslConfig`: SSL/TLS on an ApsaraDB for MongoDB replica set (3.4 or later) or
 * sharded cluster (on ESSDs). Declare one next to each instance; `pulumi up` converges it,
 * `pulumi refresh` reports changes made by hand. Every SSL change restarts the instance.
 */
import * as pulumi from "@pulumi/pulumi";
import { FamilyDbSslConfig, type FamilyResourceSpec } from "../../core/resource-args";
import ddsShim = require("../../shims/alicloud-mongodb");
import { FAMILY } from "./consts";

export interface DbSslConfigArgs {
  /** The MongoDB instance ID (`dds-...`). Changing it replaces the resource. */
  instanceId: pulumi.Input<string>;
  /** Region of the instance; defaults to `alicloud:region`. Changing it replaces the resource. */
  region?: pulumi.Input<string>;
  /** SSL on (default) or off. */
  sslEnabled?: pulumi.Input<boolean>;
  /**
   * When the cloud applies a change: `immediately` (default, SwitchMode 0) or
   * `maintenanceWindow` (SwitchMode 1: `up` returns once the change is accepted; the outputs'
   * `pendingChange` says it is scheduled, and a later refresh shows it applied).
   */
  switchMode?: pulumi.Input<"immediately" | "maintenanceWindow">;
  /**
   * Accept SSL connections only (MongoDB 7.0 / 8.0 on cloud disks). Sent with Open or Update:
   * changing it while SSL stays on needs a certificate renewal (a new `rotateTrigger`).
   */
  forceEncryption?: pulumi.Input<boolean>;
  /** Change this value to renew the certificate (SSLAction Update; restarts the instance). */
  rotateTrigger?: pulumi.Input<string>;
  /** Renew when the live certificate expires within this many days (1-180). */
  renewBeforeDays?: pulumi.Input<number>;
  /** On delete: `retain` (default) leaves SSL as it is; `disable` turns it off (a restart). */
  onDelete?: pulumi.Input<"disable" | "retain">;
  /** How long `up` waits for the cloud (default 120). Pulumi's customTimeouts do not reach dynamic providers. */
  timeoutMinutes?: pulumi.Input<number>;
}

const SPEC: FamilyResourceSpec = {
  outputs: [
    "instanceType",
    "engineVersion",
    "storageType",
    "maintenanceWindow",
    "switchMode",
    "forceEncryption",
    "pendingChange",
  ],
  secrets: [],
};

export class DbSslConfig extends FamilyDbSslConfig {
  /** `replicate` or `sharding`. */
  declare readonly instanceType: pulumi.Output<string | undefined>;
  declare readonly engineVersion: pulumi.Output<string | undefined>;
  declare readonly storageType: pulumi.Output<string | undefined>;
  /** `HH:mmZ-HH:mmZ`, where `maintenanceWindow` changes run. */
  declare readonly maintenanceWindow: pulumi.Output<string | undefined>;
  declare readonly switchMode: pulumi.Output<string>;
  declare readonly forceEncryption: pulumi.Output<boolean | undefined>;
  declare readonly certificateExpiresAt: pulumi.Output<string | undefined>;
  declare readonly certificateCommonName: pulumi.Output<string | undefined>;
  /** A change the cloud holds for the maintenance window, if any. */
  declare readonly pendingChange: pulumi.Output<string | undefined>;

  constructor(name: string, args: DbSslConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super({ shim: ddsShim, module: FAMILY, spec: SPEC }, name, args, opts);
  }
}
