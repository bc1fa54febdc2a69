/**
 * Offline validation for `tencentcloud.postgres.DbSslConfig` (seed 003). The shared check
 * already validates instanceId, region (the seed's 18 regions), sslEnabled and onDelete, and
 * rejects rotateTrigger / renewBeforeDays because this API has no renewal (driver `actions`).
 */
import { isIP } from "node:net";
import {
  checkProperties,
  describeValue,
  isKnown,
  type CheckFailure,
} from "../../core/check-failure";

/**
 * An address a PostgreSQL instance can have: a plain dotted IPv4 address (the seed's private and
 * public IPs; the API's network info carries IPv4 `Ip` values), and not one no instance is
 * reachable at (0/8, loopback 127/8, link-local 169.254/16, multicast and reserved 224/3).
 * IPv4-mapped IPv6 (`::ffff:10.0.0.4`), other IPv6 and host names are refused.
 */
export function isInstanceIPv4(v: string): boolean {
  if (isIP(v) !== 4) return false;
  const [a, b] = v.split(".").map(Number);
  return a !== 0 && a !== 127 && a < 224 && !(a === 169 && b === 254);
}

export function validatePostgresInputs(inputs: Record<string, unknown>): CheckFailure[] {
  const failures = checkProperties(inputs, {
    connectAddress: {
      rule: (p, v) =>
        typeof v === "string" && isInstanceIPv4(v)
          ? undefined
          : `${p} must be the instance's IPv4 address as the console shows it (its private or ` +
            `public IP, e.g. "10.0.0.4"; for a read-only instance its own IP or its group's), ` +
            `not a loopback, link-local, multicast or IPv6 address; got ${describeValue(v)}`,
    },
  });
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
