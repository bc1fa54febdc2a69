/**
 * ApsaraDB RDS 2014-08-15: DescribeDBInstanceAttribute, DescribeDBInstanceSSL, ModifyDBInstanceSSL.
 * Field names are the wire names of the `@alicloud/rds20140815` 15.4.0 models (`names()`), and the
 * engine-specific spellings are those of alibaba.md §1.1: MySQL and SQL Server say `Yes`/`No`,
 * PostgreSQL says `on`/`off` (and `1`/`0` for RequireUpdate).
 */
import type { VirtualClock } from "../virtual-clock";
import type { Params } from "../request-log";
import { rdsErrors } from "./alibaba-errors";
import type { AlibabaService } from "./alibaba-service";
import {
  startModify,
  visibleSsl,
  visibleStatus,
  type RdsInstance,
  type RdsSslState,
} from "./rds-instances";
import { planModify } from "./rds-ssl-modify";
import type { RdsInstanceStore } from "./rds-store";

export const RDS_VERSION = "2014-08-15";
/** RequireUpdate turns on when the certificate expires within this many ms. */
const RENEWAL_WINDOW_MS = 30 * 24 * 3600 * 1000;

/** ISO 8601 UTC without milliseconds, as Alibaba writes times (`2022-10-11T08:16:43Z`). */
const alibabaTime = (ms: number | undefined): string =>
  ms === undefined ? "" : new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

function attribute(instance: RdsInstance, now: number): Record<string, unknown> {
  return {
    Items: {
      DBInstanceAttribute: [
        {
          DBInstanceId: instance.id,
          DBInstanceStatus: visibleStatus(instance, now),
          Engine: instance.engine,
          EngineVersion: instance.engineVersion,
          ConnectionString: instance.connectionString,
          Port: String(instance.port),
          RegionId: instance.regionId,
          ZoneId: `${instance.regionId}-i`,
          DBInstanceType: "Primary",
          DBInstanceNetType: "Intranet",
          LockMode: "Unlock",
          LockReason: "",
        },
      ],
    },
  };
}

function requiresUpdate(ssl: RdsSslState, now: number): boolean {
  return ssl.sslEnabled && ssl.expiresAt !== undefined && ssl.expiresAt - now < RENEWAL_WINDOW_MS;
}

function commonSsl(ssl: RdsSslState): Record<string, string> {
  return {
    ConnectionString: ssl.sslEnabled ? (ssl.connectionString ?? "") : "",
    SSLExpireTime: ssl.sslEnabled ? alibabaTime(ssl.expiresAt) : "",
  };
}

function postgresSsl(ssl: RdsSslState, now: number): Record<string, string> {
  const requireUpdate = requiresUpdate(ssl, now);
  const custom = ssl.caType === "custom";
  return {
    SSLEnabled: ssl.sslEnabled ? "on" : "off",
    RequireUpdate: requireUpdate ? "1" : "0",
    RequireUpdateItem: requireUpdate ? "serverCert" : "",
    RequireUpdateReason: requireUpdate ? "certificate expires within 30 days" : "",
    SSLCreateTime: ssl.sslEnabled && !custom ? alibabaTime(ssl.createdAt) : "",
    CAType: ssl.caType,
    ServerCert: custom ? (ssl.serverCert ?? "") : "",
    ServerKey: custom ? (ssl.serverKey ?? "") : "",
    ServerCAUrl: ssl.sslEnabled && !custom ? "https://emulator.invalid/ApsaraDB-CA-Chain.zip" : "",
    ClientCACert: ssl.clientCaEnabled ? (ssl.clientCaCert ?? "") : "",
    ClientCACertExpireTime: "not supported",
    ClientCertRevocationList: ssl.clientCrlEnabled ? (ssl.clientCertRevocationList ?? "") : "",
    ACL: ssl.acl ?? "",
    ReplicationACL: ssl.replicationAcl ?? "",
    LastModifyStatus: ssl.lastModifyStatus,
    ModifyStatusReason: "",
  };
}

function yesNoSsl(instance: RdsInstance, ssl: RdsSslState, now: number): Record<string, string> {
  const body: Record<string, string> = {
    SSLEnabled: ssl.sslEnabled ? "Yes" : "No",
    RequireUpdate: requiresUpdate(ssl, now) ? "Yes" : "No",
    ForceEncryption: ssl.forceEncryption,
  };
  if (instance.engine === "SQLServer") body.TlsVersion = ssl.tlsVersion ?? "1.2";
  else body.CAType = ssl.caType;
  return body;
}

function describeSsl(instance: RdsInstance, now: number): Record<string, string> {
  const ssl = visibleSsl(instance, now);
  const specific =
    instance.engine === "PostgreSQL" ? postgresSsl(ssl, now) : yesNoSsl(instance, ssl, now);
  return { ...commonSsl(ssl), ...specific };
}

export function rdsService(
  store: RdsInstanceStore,
  clock: Pick<VirtualClock, "now">,
): AlibabaService {
  const instanceFor = (params: Params): RdsInstance => {
    const instance = store.find(params.DBInstanceId);
    if (!instance) throw rdsErrors.instanceNotFound();
    return instance;
  };
  return {
    name: "rds",
    product: "Rds",
    hostId: "rds.aliyuncs.com",
    version: RDS_VERSION,
    busyError: rdsErrors.incorrectInstanceState,
    actions: {
      DescribeDBInstanceAttribute: {
        write: false,
        required: ["DBInstanceId"],
        handle: (params) => attribute(instanceFor(params), clock.now()),
      },
      DescribeDBInstanceSSL: {
        write: false,
        required: ["DBInstanceId"],
        handle: (params) => describeSsl(instanceFor(params), clock.now()),
      },
      ModifyDBInstanceSSL: {
        write: true,
        required: ["DBInstanceId", "ConnectionString"],
        handle: (params) => {
          const instance = instanceFor(params);
          const now = clock.now();
          startModify(instance, now, planModify(instance, params, now));
          return {};
        },
      },
    },
  };
}
