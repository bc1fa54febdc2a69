import type { BaseLiveSsl, BaseSslInputs } from "../../core/driver";
import type { PlainInputs } from "../../core/validation/input-schema";
import type { ACL_VALUES } from "./consts";
import type { RDS_OWN_INPUTS } from "./schema";

export type RdsAcl = (typeof ACL_VALUES)[number];

/** Plain (resolved) inputs of `alicloud.rds.DbSslConfig`, as the provider receives them. */
export interface RdsSslInputs extends BaseSslInputs, PlainInputs<typeof RDS_OWN_INPUTS> {}

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
