/**
 * DescribeDBInstanceSSL: per engine, only the fields that the `@alicloud/rds20140815` 15.4.0 model
 * (`dist/models/DescribeDbinstanceSslresponseBody.d.ts`) says that engine returns. A setting the read does
 * not echo can only be known from what was last sent, so a provider that plans from the read alone never
 * sends it (issue 6 §1.2).
 *
 * | field (wire name)                                  | MySQL | PostgreSQL | SQL Server | d.ts line: comment          |
 * |----------------------------------------------------|-------|------------|------------|-----------------------------|
 * | ConnectionString, SSLExpireTime                    | yes   | yes        | yes        | 60, 182: no engine limit    |
 * | SSLEnabled (Yes/No; PG on/off)                     | yes   | yes        | yes        | 161-174                     |
 * | RequireUpdate (Yes/No; PG 1/0)                     | yes   | yes        | yes        | 119-132                     |
 * | ForceEncryption                                    | -     | -          | yes        | 63: "only for RDS for SQL Server instances" |
 * | TlsVersion                                         | -     | -          | yes        | 209: "only for ApsaraDB RDS for SQL Server" |
 * | CAType                                             | -     | yes        | -          | 18: "only when the instance runs PostgreSQL" |
 * | ServerCert, ServerKey, ServerCAUrl                 | -     | yes        | -          | 193, 201, 185: PostgreSQL only |
 * | ClientCACert, ClientCACertExpireTime, ClientCertRevocationList | - | yes | -          | 29, 37, 47: PostgreSQL only |
 * | ACL, ReplicationACL                                | -     | yes        | -          | 5, 94: PostgreSQL only      |
 * | RequireUpdateItem, RequireUpdateReason, SSLCreateTime | -  | yes        | -          | 135, 143, 151: PostgreSQL only |
 * | LastModifyStatus, ModifyStatusReason               | -     | yes        | -          | 74, 86: PostgreSQL only     |
 *
 * So MySQL echoes neither CAType nor its custom ServerCert (the Modify request model accepts CAType for
 * "MySQL or PostgreSQL", `ModifyDbinstanceSslrequest.d.ts` l.18), and no engine echoes ClientCAEnabled.
 * Certificates, keys and CRLs come back re-wrapped (`pem-echo.ts`).
 */
import { echoPem } from "./pem-echo";
import { visibleSsl, type RdsInstance, type RdsSslState } from "./rds-instances";

/** RequireUpdate turns on when the certificate expires within this many ms. */
const RENEWAL_WINDOW_MS = 30 * 24 * 3600 * 1000;

/** ISO 8601 UTC without milliseconds, as Alibaba writes times (`2022-10-11T08:16:43Z`). */
export const alibabaTime = (ms: number | undefined): string =>
  ms === undefined ? "" : new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

function requiresUpdate(ssl: RdsSslState, now: number): boolean {
  return ssl.sslEnabled && ssl.expiresAt !== undefined && ssl.expiresAt - now < RENEWAL_WINDOW_MS;
}

function everyEngine(instance: RdsInstance, ssl: RdsSslState, now: number) {
  const postgres = instance.engine === "PostgreSQL";
  const on = postgres ? "on" : "Yes";
  const off = postgres ? "off" : "No";
  const update = requiresUpdate(ssl, now);
  return {
    ConnectionString: ssl.sslEnabled ? (ssl.connectionString ?? "") : "",
    SSLExpireTime: ssl.sslEnabled ? alibabaTime(ssl.expiresAt) : "",
    SSLEnabled: ssl.sslEnabled ? on : off,
    RequireUpdate: postgres ? (update ? "1" : "0") : update ? "Yes" : "No",
  };
}

function postgresOnly(instance: RdsInstance, ssl: RdsSslState, now: number) {
  const update = requiresUpdate(ssl, now);
  const custom = ssl.caType === "custom";
  const pem = (value: string | undefined) => echoPem(value, instance.pemEcho) ?? "";
  return {
    RequireUpdateItem: update ? "serverCert" : "",
    RequireUpdateReason: update ? "certificate expires within 30 days" : "",
    SSLCreateTime: ssl.sslEnabled && !custom ? alibabaTime(ssl.createdAt) : "",
    CAType: ssl.caType,
    ServerCert: custom ? pem(ssl.serverCert) : "",
    ServerKey: custom ? pem(ssl.serverKey) : "",
    ServerCAUrl: ssl.sslEnabled && !custom ? "https://emulator.invalid/ApsaraDB-CA-Chain.zip" : "",
    ClientCACert: ssl.clientCaEnabled ? pem(ssl.clientCaCert) : "",
    ClientCACertExpireTime: "not supported",
    ClientCertRevocationList: ssl.clientCrlEnabled ? pem(ssl.clientCertRevocationList) : "",
    ACL: ssl.acl ?? "",
    ReplicationACL: ssl.replicationAcl ?? "",
    LastModifyStatus: ssl.lastModifyStatus,
    ModifyStatusReason: ssl.modifyStatusReason ?? "",
  };
}

function sqlServerOnly(ssl: RdsSslState) {
  return { ForceEncryption: ssl.forceEncryption, TlsVersion: ssl.tlsVersion ?? "1.2" };
}

export function describeSsl(instance: RdsInstance, now: number): Record<string, string> {
  const ssl = visibleSsl(instance, now);
  const common = everyEngine(instance, ssl, now);
  switch (instance.engine) {
    case "PostgreSQL":
      return { ...common, ...postgresOnly(instance, ssl, now) };
    case "SQLServer":
      return { ...common, ...sqlServerOnly(ssl) };
    default:
      return common;
  }
}
