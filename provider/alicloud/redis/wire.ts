/**
 * R-KVStore answers -> normalised live state. Field names are the SDK models' camelCase names
 * (`DescribeInstanceAttributeResponseBody.js`, `DescribeInstanceSslresponseBody.js` names()).
 */
import { STEADY_STATUS, TERMINAL_STATUSES } from "./consts";
import type { RedisLiveSsl } from "./types";

export interface KvstoreAttribute {
  instanceStatus?: string;
  engine?: string;
  engineVersion?: string;
  nodeType?: string;
  architectureType?: string;
}

export interface KvstoreSsl {
  SSLEnabled?: string;
  SSLExpiredTime?: string;
  certCommonName?: string;
  certDownloadURL?: string;
}

/** Status -> steady / terminal (seed 002: changes only while the instance is Normal). */
export function instanceCondition(attribute: KvstoreAttribute) {
  const status = attribute.instanceStatus ?? "unknown";
  const terminal = TERMINAL_STATUSES.includes(status) ? `the instance is ${status}` : undefined;
  // Both terminal statuses are an instance going away (issue 17.10).
  return { status, steady: status === STEADY_STATUS, terminal, ending: terminal !== undefined };
}

/** The attribute fields a live state carries (what `flattenLive` kept of the read). */
export function attributeOf(live: RedisLiveSsl): KvstoreAttribute {
  return {
    instanceStatus: live.status,
    engine: live.engine,
    engineVersion: live.engineVersion,
    nodeType: live.nodeType,
    architectureType: live.architectureType,
  };
}

/** `SSLEnabled` is `Enable` or `Disable` (never `Update`, alibaba.md §1.3). */
export function flattenLive(attribute: KvstoreAttribute, ssl: KvstoreSsl): RedisLiveSsl {
  const enabled = ssl.SSLEnabled === "Enable";
  return {
    ...instanceCondition(attribute),
    engine: attribute.engine || undefined,
    engineVersion: attribute.engineVersion || undefined,
    nodeType: attribute.nodeType || undefined,
    architectureType: attribute.architectureType || undefined,
    sslEnabled: enabled,
    // Documented as the CA certificate's expiry: an Update need not move it.
    certificateExpiresAt: enabled ? iso(ssl.SSLExpiredTime) : undefined,
    certificateCommonName: enabled ? ssl.certCommonName || undefined : undefined,
    caDownloadUrl: enabled ? ssl.certDownloadURL || undefined : undefined,
  };
}

function iso(v: string | undefined): string | undefined {
  const t = v ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}
