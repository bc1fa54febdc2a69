/**
 * SDK-HMAC-SHA256, the AK/SK request signature of Huawei Cloud's and Open Telekom Cloud's API
 * gateway (tencent-huawei.md §2.4; Huawei "API Request Signing Guide", AK/SK signing algorithm).
 *
 * Why our own: the only maintained signer on the npm registry is `@huaweicloud/huaweicloud-sdk-core`
 * (checked with `npm view`; no standalone APIG signer package exists there). On import it configures
 * log4js with a stdout appender at debug level and logs every failed request with its full axios
 * config, Authorization and security token included (tencent-huawei.md §2.5 caveat 1), and it pulls
 * in axios, moment and lodash. The algorithm is short and has a published test vector
 * (tests/rdsv3/signer.test.ts checks it).
 *
 * - CanonicalRequest = method, canonical URI (each segment percent-encoded, always ending in "/"),
 *   canonical query (keys sorted), canonical headers (lower-cased, sorted), signed header names,
 *   hex SHA-256 of the body; joined by "\n".
 * - StringToSign = "SDK-HMAC-SHA256\n" + X-Sdk-Date + "\n" + hex SHA-256(CanonicalRequest):
 *   no date, region or service scope.
 * - Signature = hex HMAC-SHA256(SK, StringToSign).
 */
import { createHash, createHmac } from "node:crypto";

export const ALGORITHM = "SDK-HMAC-SHA256";

export interface RequestToSign {
  method: string;
  /** Path as sent, e.g. `/v3/{project}/instances`. */
  path: string;
  /** Query parameters (not yet encoded). */
  query: Record<string, string>;
  /** Header names as sent; every one of them is signed. */
  headers: Record<string, string>;
  body: string;
}

/** RFC 3986 unreserved characters stay, everything else is %XX (upper-case hex). */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function canonicalUri(path: string): string {
  const segments = path.split("/").map((s) => encodeRfc3986(decodeURIComponent(s)));
  const joined = segments.join("/");
  return joined.endsWith("/") ? joined : `${joined}/`;
}

export function canonicalQuery(query: Record<string, string>): string {
  return Object.keys(query)
    .sort()
    .map((k) => `${encodeRfc3986(k)}=${encodeRfc3986(query[k])}`)
    .join("&");
}

export function signedHeaderNames(headers: Record<string, string>): string[] {
  return Object.keys(headers)
    .map((h) => h.toLowerCase())
    .sort();
}

export function canonicalRequest(req: RequestToSign): string {
  const lower = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v.trim()]),
  );
  const names = signedHeaderNames(req.headers);
  return [
    req.method.toUpperCase(),
    canonicalUri(req.path),
    canonicalQuery(req.query),
    names.map((n) => `${n}:${lower[n]}\n`).join(""),
    names.join(";"),
    sha256Hex(req.body),
  ].join("\n");
}

export function stringToSign(canonical: string, sdkDate: string): string {
  return `${ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

export function signature(secretKey: string, toSign: string): string {
  return createHmac("sha256", secretKey).update(toSign, "utf8").digest("hex");
}

/** `YYYYMMDDTHHMMSSZ` in UTC, the X-Sdk-Date format. */
export function sdkDate(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
}

/**
 * The Authorization header for `req`, whose headers must already hold `X-Sdk-Date` (and `Host`);
 * every header in `req.headers` is signed.
 */
export function authorization(req: RequestToSign, accessKey: string, secretKey: string): string {
  const date = Object.entries(req.headers).find(([k]) => k.toLowerCase() === "x-sdk-date")?.[1];
  if (date === undefined) throw new Error("SDK-HMAC-SHA256: X-Sdk-Date must be set and signed");
  const sig = signature(secretKey, stringToSign(canonicalRequest(req), date));
  const names = signedHeaderNames(req.headers).join(";");
  return `${ALGORITHM} Access=${accessKey}, SignedHeaders=${names}, Signature=${sig}`;
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
