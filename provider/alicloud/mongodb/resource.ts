/**
 * `alicloud.mongodb.DbSslConfig`: SSL/TLS on an ApsaraDB for MongoDB replica set (3.4 or later) or
 * sharded cluster (on ESSDs). Declare one next to each instance; `pulumi up` converges it,
 * `pulumi refresh` reports changes made by hand. Every SSL change restarts the instance.
 */
import * as pulumi from "@pulumi/pulumi";
import { FamilyDbSslConfig, type FamilyResourceSpec } from "../../core/resource-args";
import ddsShim = require("../../shims/alicloud-mongodb");
import type { DbSslConfigArgs } from "./args";
import { FAMILY } from "./consts";

export type { DbSslConfigArgs };

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

/**
 * SSL on an ApsaraDB for MongoDB replica set (3.4 or later) or sharded cluster (on ESSDs), through
 * ModifyDBInstanceSSL. Every SSL change (Open, Close, Update) restarts the instance, now or in its
 * maintenance window (`switchMode`).
 */
export class DbSslConfig extends FamilyDbSslConfig {
  /** `replicate` (replica set) or `sharding` (sharded cluster). */
  declare readonly instanceType: pulumi.Output<string | undefined>;
  /** The MongoDB version, e.g. `4.4` (DescribeDBInstanceAttribute `EngineVersion`). */
  declare readonly engineVersion: pulumi.Output<string | undefined>;
  /** The storage type, e.g. `cloud_essd1` or `local_ssd`. */
  declare readonly storageType: pulumi.Output<string | undefined>;
  /** `HH:mmZ-HH:mmZ`, where `switchMode: "maintenanceWindow"` changes run. */
  declare readonly maintenanceWindow: pulumi.Output<string | undefined>;
  /** When the last change was to apply: `immediately` or `maintenanceWindow`, as declared. */
  declare readonly switchMode: pulumi.Output<string>;
  /** Whether only SSL connections are accepted, as read (or last sent when the cloud omits it). */
  declare readonly forceEncryption: pulumi.Output<boolean | undefined>;
  /** When the SSL certificate expires (ISO 8601), while SSL is on. */
  declare readonly certificateExpiresAt: pulumi.Output<string | undefined>;
  /** The certificate's common name (`CertCommonName`), while SSL is on. */
  declare readonly certificateCommonName: pulumi.Output<string | undefined>;
  /** A change the cloud holds for the maintenance window, if any: a later refresh shows it applied. */
  declare readonly pendingChange: pulumi.Output<string | undefined>;

  constructor(name: string, args: DbSslConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super({ shim: ddsShim, module: FAMILY, spec: SPEC }, name, args, opts);
  }
}
