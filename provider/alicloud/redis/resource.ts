/**
 * `alicloud.redis.DbSslConfig`: keeps TLS (SSL) on a Tair / ApsaraDB for Redis instance.
 * The class itself is never serialized; only the shim in `provider/shims/alicloud-redis.ts` is.
 */
import * as pulumi from "@pulumi/pulumi";
import { FamilyDbSslConfig, type FamilyResourceSpec } from "../../core/resource-args";
import redisShim = require("../../shims/alicloud-redis");
import type { DbSslConfigArgs } from "./args";
import { FAMILY } from "./consts";

export type { DbSslConfigArgs };

const SPEC: FamilyResourceSpec = {
  outputs: ["engine", "engineVersion", "caDownloadUrl"],
  secrets: [],
};

/**
 * TLS on a Tair / ApsaraDB for Redis instance, through ModifyInstanceSSL. `up` waits for the
 * change's task; enabling TLS or updating the certificate restarts the instance with a
 * connection blip.
 */
export class DbSslConfig extends FamilyDbSslConfig {
  /** The engine, e.g. `Redis` (DescribeInstanceAttribute `Engine`). */
  declare readonly engine: pulumi.Output<string | undefined>;
  /** The engine version, e.g. `7.0`. */
  declare readonly engineVersion: pulumi.Output<string | undefined>;
  /** `SSLExpiredTime`: documented as the CA certificate's expiry, which an update may not move. */
  declare readonly certificateExpiresAt: pulumi.Output<string | undefined>;
  /** The certificate's common name (`CertCommonName`), while TLS is on. */
  declare readonly certificateCommonName: pulumi.Output<string | undefined>;
  /** Where clients download the CA chain (`CertDownloadURL`), while TLS is on. */
  declare readonly caDownloadUrl: pulumi.Output<string | undefined>;

  constructor(name: string, args: DbSslConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super({ shim: redisShim, module: FAMILY, spec: SPEC }, name, args, opts);
  }
}
