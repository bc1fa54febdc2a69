/**
 * ApsaraDB RDS constants (API 2014-08-15). Seed: ModifyDBInstanceSSL
 * (https://www.alibabacloud.com/help/en/rds/developer-reference/api-rds-2014-08-15-modifydbinstancessl);
 * read values: DescribeDBInstanceSSL; statuses: doc 26315.
 */

export const FAMILY = "alicloud.rds";

/** MySQL custom-cert changes restart the instance for ~3 min; Terraform's update timeout is 30 min. */
export const RDS_DEFAULT_TIMEOUT_MINUTES = 30;

/**
 * The waiter's prior per action (docs/BENCHMARKS.md): enabling, disabling or renewing SSL, or
 * changing a certificate, restarts the instance, "about 3 minutes" for MySQL (docs 96120 and
 * "configure a custom certificate"); the other engines document no duration.
 */
export const RDS_EXPECTED_DURATION_MS = {
  open: 180_000,
  close: 180_000,
  update: 180_000,
  reconfigure: 180_000,
} as const;

/** `LockMode` of an instance whose subscription expired: isolated, released unless renewed. */
export const EXPIRED_LOCK = "LockByExpiration";

export const RDS_STATUS = { running: "Running", sslModifying: "SSL_MODIFYING" } as const;

/**
 * Statuses an instance does not leave by waiting (doc 26315 "Instance states"): a write would
 * be refused, so `up` fails at once instead of waiting for its timeout. Locks are read from
 * DescribeDBInstanceAttribute `LockMode` (anything but `Unlock`).
 */
export const TERMINAL_STATUSES: readonly string[] = ["Deleting", "Released", "Stopping", "Stopped"];

/** Without evidence (no transition seen), a steady instance showing the target counts after this. */
export const RDS_SETTLE_GRACE_MS = 60_000;

export const CA_TYPES = ["aliyun", "custom"] as const;
/** ACL and ReplicationACL values (SDK and API doc spell `prefer`; Terraform's docs say `perfer`). */
export const ACL_VALUES = ["cert", "prefer", "verify-ca", "verify-full"] as const;
/** Minimum TLS version, SQL Server only. */
export const TLS_VERSIONS = ["1.0", "1.1", "1.2"] as const;

/** `SSLEnabled` on the wire: 1 enable, 0 disable, 2 update validity (SQL Server only, alibaba.md §2.1). */
export const SSL_ENABLED_WIRE = { open: 1, close: 0, update: 1, updateSqlServer: 2 } as const;

/** DescribeDBInstanceSSL spells booleans per engine: Yes/No (MySQL, SQL Server) or on/off, 1/0 (PG). */
export const TRUE_SPELLINGS = ["yes", "on", "1", "true", "enable", "enabled"];

export type RdsEngine = "MySQL" | "PostgreSQL" | "SQLServer" | "MariaDB" | string;

/**
 * The certificate settings (PostgreSQL takes them all, MySQL the server ones). With `sslEnabled:
 * false` the Close call carries none of them and the cloud keeps no certificate while SSL is off,
 * so `check` refuses each rather than ignoring it.
 */
export const CERTIFICATE_SETTINGS = [
  "caType",
  "serverCert",
  "serverKey",
  "clientCaEnabled",
  "clientCaCert",
  "clientCrlEnabled",
  "clientCertRevocationList",
] as const;
