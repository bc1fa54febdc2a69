/**
 * Offline defaults and validation for `alicloud.rds.DbSslConfig` (seed 001 ModifyDBInstanceSSL).
 * The combinations checked here are the ones the seed's error codes reject, caught at preview
 * instead: InvalidServerCertOrPrivateKey, InvalidClientCACert, InvalidClientCrl,
 * InvalidCAType.NotFound, InvalidACL.NotFound, InvalidClientCrl.Permission, InvalidACL.Permission.
 */
import {
  checkProperties,
  describeValue,
  isKnown,
  isUnknown,
  unusedWithSslOff,
  type CheckFailure,
} from "../../core/validation/check-failure";
import {
  checkClientCaPem,
  checkCrlPem,
  checkKeyMatchesCertificate,
  checkPrivateKeyPem,
  describeCertificatePem,
} from "../../core/validation/pem";
import { checkTable } from "../../core/validation/input-schema";
import { CERTIFICATE_SETTINGS } from "./consts";
import { RDS_INPUTS, RDS_SETTING_NAMES } from "./schema";

export function rdsDefaults(raw: Record<string, unknown>): Record<string, unknown> {
  // No RDS-specific defaults: an unset caType is left to the cloud, which then uses `aliyun`
  // (seed: "If you set the SSLEnabled parameter to 1, the default value of this parameter is aliyun").
  return raw;
}

export function validateRdsInputs(inputs: Record<string, unknown>, now: Date): CheckFailure[] {
  const failures = checkProperties(inputs, checkTable(RDS_INPUTS, RDS_SETTING_NAMES));
  const bad = new Set(failures.map((f) => f.property));
  const ok = (name: string) => isKnown(inputs[name]) && !bad.has(name);
  if (inputs.sslEnabled === false) {
    return [...failures, ...unusedWithSslOff(inputs, CERTIFICATE_SETTINGS)];
  }
  return [
    ...failures,
    ...validateServerCertificate(inputs, ok, now),
    ...validateClientCa(inputs, ok, now),
    ...validateRenewal(inputs),
  ];
}

/**
 * A custom certificate cannot be renewed by the cloud: ModifyDBInstanceSSL (seed 001) renews only
 * the cloud's own `aliyun` certificate; with CAType=custom it stores the ServerCert/ServerKey it is
 * given, so the expiry never moves and a renewal would only restart the instance and time out.
 */
function validateRenewal(inputs: Record<string, unknown>): CheckFailure[] {
  if (inputs.caType !== "custom") return [];
  return ["rotateTrigger", "renewBeforeDays"]
    .filter((name) => inputs[name] !== undefined)
    .map((property) => ({
      property,
      reason:
        `${property} cannot be used with caType "custom": the cloud cannot renew a custom ` +
        "certificate; renew it by setting a new serverCert and serverKey",
    }));
}

function validateServerCertificate(
  inputs: Record<string, unknown>,
  ok: (name: string) => boolean,
  now: Date,
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (inputs.caType === "custom") {
    for (const name of ["serverCert", "serverKey"]) {
      if (inputs[name] === undefined) {
        failures.push({ property: name, reason: `${name} is required when caType is "custom"` });
      }
    }
  } else if (!isUnknown(inputs.caType)) {
    // An unset caType is the cloud's own certificate (`aliyun`): a certificate sent with it is ignored.
    const caType = inputs.caType === undefined ? "not set (aliyun)" : describeValue(inputs.caType);
    for (const property of ["serverCert", "serverKey"].filter((n) => inputs[n] !== undefined)) {
      failures.push({
        property,
        reason:
          `${property} is only used when caType is "custom" (caType is ${caType}, so the ` +
          `cloud would ignore it); set caType: "custom" or remove ${property}`,
      });
    }
  }
  if (ok("serverCert")) {
    const cert = describeCertificatePem(inputs.serverCert as string, now);
    if (!cert.ok) failures.push({ property: "serverCert", reason: `serverCert ${cert.reason}` });
  }
  if (ok("serverKey")) {
    const reason = checkPrivateKeyPem(inputs.serverKey as string);
    if (reason) failures.push({ property: "serverKey", reason: `serverKey ${reason}` });
    else if (ok("serverCert") && !failures.some((f) => f.property === "serverCert")) {
      const mismatch = checkKeyMatchesCertificate(
        inputs.serverCert as string,
        inputs.serverKey as string,
      );
      if (mismatch) failures.push({ property: "serverKey", reason: `serverKey ${mismatch}` });
    }
  }
  return failures;
}

function validateClientCa(
  inputs: Record<string, unknown>,
  ok: (name: string) => boolean,
  now: Date,
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const clientCaUnsure = isUnknown(inputs.clientCaEnabled);
  if (inputs.clientCaEnabled === true && inputs.clientCaCert === undefined) {
    failures.push({
      property: "clientCaCert",
      reason: "clientCaCert is required when clientCaEnabled is true",
    });
  }
  if (inputs.clientCrlEnabled === true && inputs.clientCertRevocationList === undefined) {
    failures.push({
      property: "clientCertRevocationList",
      reason: "clientCertRevocationList is required when clientCrlEnabled is true",
    });
  }
  // InvalidClientCrl.Permission / InvalidACL.Permission: these need the client CA first.
  for (const name of ["clientCrlEnabled", "clientCertRevocationList", "acl", "replicationAcl"]) {
    const set = inputs[name] !== undefined && inputs[name] !== false;
    if (set && inputs.clientCaEnabled !== true && !clientCaUnsure) {
      failures.push({
        property: name,
        reason: `${name} requires clientCaEnabled: true (client CA)`,
      });
    }
  }
  let caUsable = false;
  if (ok("clientCaCert")) {
    const reason = checkClientCaPem(inputs.clientCaCert as string, now);
    if (reason) failures.push({ property: "clientCaCert", reason: `clientCaCert ${reason}` });
    caUsable = reason === undefined;
  }
  if (ok("clientCertRevocationList")) {
    // InvalidClientCrl: the CRL must come from the client CA, so compare when the CA is readable.
    const ca = caUsable ? (inputs.clientCaCert as string) : undefined;
    const reason = checkCrlPem(inputs.clientCertRevocationList as string, now, ca);
    if (reason) {
      failures.push({
        property: "clientCertRevocationList",
        reason: `clientCertRevocationList ${reason}`,
      });
    }
  }
  return failures;
}
