/**
 * ModifyDBInstanceSSL: the checks behind the seed-001 error codes, and the SSL state the instance will
 * read once the change has landed.
 *
 * Parameter semantics (seed 001; alibaba.md §1.1): `SSLEnabled` 0/1, and 2 ("update validity") on SQL
 * Server only; `SSLEnabled=1` on an instance that already has SSL renews the certificate (that is how
 * "update" is sent on MySQL/PostgreSQL); `CAType` defaults to `aliyun` when `SSLEnabled=1`; a custom CA
 * needs a certificate and a key; a CRL or an ACL needs the client CA enabled first.
 */
import { X509Certificate } from "node:crypto";
import type { Params } from "../request-log";
import { commonErrors, rdsErrors } from "./alibaba-errors";
import {
  CERT_VALIDITY_MS,
  disabledSsl,
  modifyPhase,
  type RdsInstance,
  type RdsSslState,
} from "./rds-instances";

const BASE64 = "[A-Za-z0-9+/=\\s]+";
const pemBlock = (label: string) => `-----BEGIN ${label}-----${BASE64}-----END ${label}-----\\s*`;
/** One certificate or a chain (server certificate followed by intermediates). */
const PEM_CERTIFICATE = new RegExp(`^\\s*(${pemBlock("CERTIFICATE")})+$`);
// Unencrypted PKCS#8, SEC1 or PKCS#1 (an `openssl ecparam` EC PARAMETERS block may come first). The
// MySQL custom-certificate doc says the key must not be password-protected, so ENCRYPTED keys and
// legacy `Proc-Type: 4,ENCRYPTED` keys fail the shape check.
const PEM_PRIVATE_KEY = new RegExp(
  `^\\s*(${pemBlock("EC PARAMETERS")})?(${pemBlock("PRIVATE KEY")}|${pemBlock("EC PRIVATE KEY")}|${pemBlock("RSA PRIVATE KEY")})$`,
);
const PEM_CRL = new RegExp(`^\\s*${pemBlock("X509 CRL")}$`);
const ACL_VALUES = ["cert", "prefer", "verify-ca", "verify-full"];
const CA_TYPES = ["aliyun", "custom"];

/** The change a valid request asks for; `target` gives the state at the time it completes. */
export type PlannedModify = (completesAt: number) => RdsSslState;

function flag(params: Params, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === "") return undefined;
  if (value !== "0" && value !== "1") throw commonErrors.invalidParameter(name);
  return value === "1";
}

function sslEnabledParam(instance: RdsInstance, params: Params): number | undefined {
  const value = params.SSLEnabled;
  if (value === undefined || value === "") return undefined;
  const allowed = instance.engine === "SQLServer" ? ["0", "1", "2"] : ["0", "1"];
  if (!allowed.includes(value)) throw rdsErrors.invalidSslStatus();
  return Number(value);
}

function checkCertificates(params: Params, clientCaOn: boolean): void {
  if (params.CAType !== undefined && !CA_TYPES.includes(params.CAType))
    throw rdsErrors.invalidCaType();
  if (params.CAType === "custom") {
    if (
      !PEM_CERTIFICATE.test(params.ServerCert ?? "") ||
      !PEM_PRIVATE_KEY.test(params.ServerKey ?? "")
    ) {
      throw rdsErrors.invalidServerCertOrPrivateKey();
    }
  }
  if (
    flag(params, "ClientCAEnabled") === true &&
    !PEM_CERTIFICATE.test(params.ClientCACert ?? "")
  ) {
    throw rdsErrors.invalidClientCaCert();
  }
  const crlOn = flag(params, "ClientCrlEnabled");
  if (crlOn === true || params.ClientCertRevocationList !== undefined) {
    if (!clientCaOn) throw rdsErrors.clientCrlPermission();
    if (!PEM_CRL.test(params.ClientCertRevocationList ?? "")) throw rdsErrors.invalidClientCrl();
  }
}

function checkAcls(params: Params, clientCaOn: boolean): void {
  for (const name of ["ACL", "ReplicationACL"]) {
    const value = params[name];
    if (value === undefined) continue;
    if (!ACL_VALUES.includes(value)) throw rdsErrors.invalidAcl();
    if (!clientCaOn) throw rdsErrors.aclPermission();
  }
}

/** A custom certificate expires when it says; an Alibaba-issued one after a year. */
function certificateExpiry(pem: string | undefined, from: number): number {
  if (pem) {
    try {
      const notAfter = Date.parse(new X509Certificate(pem).validTo);
      if (Number.isFinite(notAfter)) return notAfter;
    } catch {
      // A PEM of the right shape that does not parse (test data): fall back to a year.
    }
  }
  return from + CERT_VALIDITY_MS;
}

function applyClientSettings(next: RdsSslState, params: Params): void {
  const clientCa = flag(params, "ClientCAEnabled");
  if (clientCa !== undefined) {
    next.clientCaEnabled = clientCa;
    next.clientCaCert = clientCa ? params.ClientCACert : undefined;
    if (!clientCa)
      Object.assign(next, { clientCrlEnabled: false, clientCertRevocationList: undefined });
  }
  const crl = flag(params, "ClientCrlEnabled");
  if (crl !== undefined) {
    next.clientCrlEnabled = crl;
    next.clientCertRevocationList = crl ? params.ClientCertRevocationList : undefined;
  }
  if (params.ACL !== undefined) next.acl = params.ACL;
  if (params.ReplicationACL !== undefined) next.replicationAcl = params.ReplicationACL;
  if (params.ForceEncryption !== undefined) next.forceEncryption = params.ForceEncryption;
  if (params.TlsVersion !== undefined) next.tlsVersion = params.TlsVersion;
}

function targetState(
  current: RdsSslState,
  params: Params,
  sslEnabled: number | undefined,
): PlannedModify {
  return (completesAt) => {
    if (sslEnabled === 0) {
      return { ...disabledSsl(), tlsVersion: current.tlsVersion };
    }
    const next: RdsSslState = { ...current, connectionString: params.ConnectionString };
    const caType = params.CAType ?? (sslEnabled === 1 ? "aliyun" : current.caType);
    next.caType = caType === "custom" ? "custom" : "aliyun";
    if (params.CAType !== undefined || sslEnabled !== undefined) {
      next.serverCert = next.caType === "custom" ? params.ServerCert : undefined;
      next.serverKey = next.caType === "custom" ? params.ServerKey : undefined;
    }
    const renews = sslEnabled !== undefined || params.CAType !== undefined;
    if (sslEnabled !== undefined) next.sslEnabled = true;
    if (next.sslEnabled && renews) {
      next.createdAt = completesAt;
      next.expiresAt = certificateExpiry(next.serverCert, completesAt);
    }
    applyClientSettings(next, params);
    next.lastModifyStatus = "success";
    next.modifyStatusReason = undefined;
    return next;
  };
}

/**
 * A locked instance (any LockMode but Unlock) answers 403 IncorrectDBInstanceLockMode; one whose status
 * is not Running, or that is restarting for a Modify, answers its busy code (403
 * IncorrectDBInstanceState by default). During the lag after an accepted Modify the instance still reads
 * Running and, like the real API (issue 6 item 5, measured), ACCEPTS a second Modify: it queues a second
 * restart after the first. `timing.rejectDuringLag` restores the kinder behaviour for a test.
 */
function checkInstanceState(instance: RdsInstance, now: number): void {
  if (instance.lockMode !== "Unlock") throw rdsErrors.incorrectLockMode();
  const phase = modifyPhase(instance, now);
  const lagOk = phase === "lag" && !instance.timing.rejectDuringLag;
  if (instance.status !== "Running" || (phase !== "none" && !lagOk)) {
    throw instance.busyCode === "OperationDenied.DBInstanceStatus"
      ? rdsErrors.operationDeniedStatus()
      : rdsErrors.incorrectInstanceState();
  }
}

/** Validates a ModifyDBInstanceSSL call; throws the AlibabaError the real API would answer. */
export function planModify(instance: RdsInstance, params: Params, now: number): PlannedModify {
  const sslEnabled = sslEnabledParam(instance, params);
  const clientCaOn = flag(params, "ClientCAEnabled") ?? instance.ssl.clientCaEnabled;
  checkCertificates(params, clientCaOn);
  checkAcls(params, clientCaOn);
  checkInstanceState(instance, now);
  // A Modify queued behind one still in its lag applies on top of that one's result.
  return targetState(instance.pending?.target ?? instance.ssl, params, sslEnabled);
}
