import type { BaseLiveSsl, BaseSslInputs } from "../../core/driver";
import type { ACL_VALUES, CA_TYPES, TLS_VERSIONS } from "./consts";

export type RdsAcl = (typeof ACL_VALUES)[number];

/** Plain (resolved) inputs of `alicloud.rds.DbSslConfig`, as the provider receives them. */
export interface RdsSslInputs extends BaseSslInputs {
  connectionString?: string;
  caType?: (typeof CA_TYPES)[number];
  serverCert?: string;
  serverKey?: string;
  clientCaEnabled?: boolean;
  clientCaCert?: string;
  clientCrlEnabled?: boolean;
  clientCertRevocationList?: string;
  acl?: RdsAcl;
  replicationAcl?: RdsAcl;
  forceEncryption?: boolean;
  tlsVersion?: (typeof TLS_VERSIONS)[number];
}

/** What DescribeDBInstanceAttribute + DescribeDBInstanceSSL report, normalised. */
export interface RdsLiveSsl extends BaseLiveSsl {
  engine: string;
  engineVersion?: string;
  connectionString?: string;
  caType?: string;
  serverCert?: string;
  serverCaUrl?: string;
  clientCaEnabled?: boolean;
  clientCaCert?: string;
  clientCrlEnabled?: boolean;
  clientCertRevocationList?: string;
  acl?: string;
  replicationAcl?: string;
  forceEncryption?: boolean;
  tlsVersion?: string;
  lastModifyStatus?: string;
  modifyStatusReason?: string;
}
