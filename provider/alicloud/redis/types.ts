import type { BaseLiveSsl, BaseSslInputs } from "../../core/driver";

/**
 * Plain (resolved) inputs of `alicloud.redis.DbSslConfig`. ModifyInstanceSSL takes only
 * `InstanceId` and `SSLEnabled` (seed 002): no family setting beyond the shared inputs; the minimum
 * TLS version is ModifyInstanceConfig's, out of scope (alibaba.md §1.3).
 */
export type RedisSslInputs = BaseSslInputs;

/** What DescribeInstanceAttribute + DescribeInstanceSSL report, normalised. */
export interface RedisLiveSsl extends BaseLiveSsl {
  engine?: string;
  engineVersion?: string;
  /** `double` (master-replica) or `single` (standalone). */
  nodeType?: string;
  architectureType?: string;
  /** `CertCommonName`, while SSL is on. */
  certificateCommonName?: string;
  /** `CertDownloadURL` (the CA chain to give clients), while SSL is on. */
  caDownloadUrl?: string;
  /** The SSL read was refused because the engine has no TLS (IncorrectEngineVersion): code and text. */
  sslUnsupported?: string;
}
