/**
 * `alicloud.redis.DbSslConfig`: keeps TLS (SSL) on a Tair / ApsaraDB for Redis instance.
 * The class itself is never serialized; only the shim in `provider/shims/alicloud-redis.ts` is.
 */
import * as pulumi from "@pulumi/pulumi";
import { FamilyDbSslConfig, type FamilyResourceSpec } from "../../core/resource-args";
import redisShim = require("../../shims/alicloud-redis");
import { FAMILY } from "./consts";

export interface DbSslConfigArgs {
  /** The Tair / Redis instance ID (`r-...`). Changing it replaces the resource. */
  instanceId: pulumi.Input<string>;
  /** Region of the instance; defaults to `alicloud:region`. Changing it replaces the resource. */
  region?: pulumi.Input<string>;
  /** TLS on (default) or off. */
  sslEnabled?: pulumi.Input<boolean>;
  /** Change this value to update the certificate (ModifyInstanceSSL `SSLEnabled=Update`). */
  rotateTrigger?: pulumi.Input<string>;
  /**
   * Update when `SSLExpiredTime` is within this many days. The cloud documents that date as the CA
   * certificate's expiry, which an update may not move: prefer `rotateTrigger`.
   */
  renewBeforeDays?: pulumi.Input<number>;
  /** On delete: `retain` (default) leaves TLS as it is; `disable` turns it off (a restart). */
  onDelete?: pulumi.Input<"disable" | "retain">;
  /** How long `up` waits for the cloud (default 60). Pulumi's customTimeouts do not reach dynamic providers. */
  timeoutMinutes?: pulumi.Input<number>;
}

const SPEC: FamilyResourceSpec = {
  outputs: ["engine", "engineVersion", "caDownloadUrl"],
  secrets: [],
};

export class DbSslConfig extends FamilyDbSslConfig {
  declare readonly engine: pulumi.Output<string | undefined>;
  declare readonly engineVersion: pulumi.Output<string | undefined>;
  /** `SSLExpiredTime`: documented as the CA certificate's expiry. */
  declare readonly certificateExpiresAt: pulumi.Output<string | undefined>;
  declare readonly certificateCommonName: pulumi.Output<string | undefined>;
  /** Where clients download the CA chain (`CertDownloadURL`). */
  declare readonly caDownloadUrl: pulumi.Output<string | undefined>;

  constructor(name: string, args: DbSslConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super({ shim: redisShim, module: FAMILY, spec: SPEC }, name, args, opts);
  }
}
