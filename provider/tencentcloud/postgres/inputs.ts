/**
 * Offline validation for `tencentcloud.postgres.DbSslConfig` (seed 003). The shared check
 * already validates instanceId, region (the seed's 18 regions), sslEnabled and onDelete, and
 * rejects rotateTrigger / renewBeforeDays because this API has no renewal (driver `actions`).
 */
import { checkProperties, isKnown, type CheckFailure } from "../../core/validation/check-failure";
import { checkTable } from "../../core/validation/input-schema";
import { POSTGRES_INPUTS, POSTGRES_SETTING_NAMES } from "./schema";

export function validatePostgresInputs(inputs: Record<string, unknown>): CheckFailure[] {
  const failures = checkProperties(inputs, checkTable(POSTGRES_INPUTS, POSTGRES_SETTING_NAMES));
  // "this parameter is required when enabling SSL or modifying the SSL-protected connection
  // address. it will be ignored when disabling SSL" (seed 003, ConnectAddress).
  if (inputs.sslEnabled === true && inputs.connectAddress === undefined) {
    failures.push({
      property: "connectAddress",
      reason:
        "connectAddress is required when sslEnabled is true: the IP address the certificate " +
        "protects (a primary's private or public IP; for a read-only instance its own IP or its " +
        "read-only group's IP)",
    });
  }
  return failures;
}

/** Addresses compare as the cloud prints them; IPv6 case and surrounding space do not count. */
export function sameAddress(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (typeof v === "string" ? v.trim().toLowerCase() : v);
  return isKnown(a) && norm(a) === norm(b);
}
