/**
 * The inputs of `tencentcloud.postgres.DbSslConfig`, described once (core/validation/input-schema.ts). Seed
 * 003 ModifyDBInstanceSSLConfig: `ConnectAddress` "is required when enabling SSL or modifying the
 * SSL-protected connection address. it will be ignored when disabling SSL". The API has no
 * renewal, so `rotateTrigger` and `renewBeforeDays` are not offered (check refuses them, F7).
 */
import { isIP } from "node:net";
import { describeValue } from "../../core/validation/check-failure";
import { familyInputSchema } from "../../core/validation/inputs";
import type { InputSpec } from "../../core/validation/input-schema";
import { POSTGRES_INPUT_FORMATS } from "../formats";
import { POSTGRES_DEFAULT_TIMEOUT_MINUTES } from "./consts";

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

export const POSTGRES_OWN_INPUTS = {
  connectAddress: {
    type: {
      kind: "custom",
      allowed:
        "a plain IPv4 address of the instance (not loopback, link-local, multicast or IPv6), " +
        'such as "10.0.0.4"',
      rule: (p, v) =>
        typeof v === "string" && isInstanceIPv4(v)
          ? undefined
          : `${p} must be the instance's IPv4 address as the console shows it (its private or ` +
            `public IP, e.g. "10.0.0.4"; for a read-only instance its own IP or its group's), ` +
            `not a loopback, link-local, multicast or IPv6 address; got ${describeValue(v)}`,
    },
    doc:
      "The IP address the certificate protects: a primary's private or public IP; for a " +
      "read-only instance its own IP or its read-only group's IP. Required when SSL is on, " +
      "ignored when off. Changing it while SSL is on updates the certificate in place.",
  },
} as const satisfies Record<string, InputSpec>;

export const POSTGRES_INPUTS = familyInputSchema(
  POSTGRES_INPUT_FORMATS,
  {
    instanceId: "The instance ID (`postgres-...`, or `pgro-...` for a read-only instance).",
    region: "Region of the instance; defaults to `tencentcloud:region`.",
    sslEnabled: "SSL on or off.",
    onDelete: "On delete: `retain` leaves SSL as it is; `disable` turns it off.",
    timeoutMinutes: {
      doc: "How long `up` waits for the cloud, in minutes. Pulumi's customTimeouts do not reach dynamic providers.",
      default: POSTGRES_DEFAULT_TIMEOUT_MINUTES,
    },
  },
  POSTGRES_OWN_INPUTS,
);

/** The family's own inputs (the driver's `inputNames`). */
export const POSTGRES_SETTING_NAMES = Object.keys(
  POSTGRES_OWN_INPUTS,
) as readonly (keyof typeof POSTGRES_OWN_INPUTS)[];
