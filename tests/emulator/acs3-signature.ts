/**
 * Server-side verification of Alibaba Cloud's ACS3-HMAC-SHA256 request signature.
 *
 * Written here because no npm package verifies ACS3 on the server side: `@alicloud/openapi-core` only
 * signs. This follows the recipe in /work/shared/reference/alibaba.md §4.3, which mirrors
 * `getAuthorization` in `@alicloud/openapi-core/dist/utils.js` (line 725):
 *   canonicalRequest = METHOD\nURI\nsortedQuery(k=rfc3986(v))\nheaders(name:value\n)\nsignedHeaders\nsha256(body)
 *   signature        = hex(HMAC-SHA256(secret, "ACS3-HMAC-SHA256\n" + hex(sha256(canonicalRequest))))
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const ACS3_ALGORITHM = "ACS3-HMAC-SHA256";

const AUTHORIZATION_PATTERN =
  /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/;

/** Headers the SDK always signs; a request that leaves one out is not a valid ACS3 request. */
const REQUIRED_SIGNED_HEADERS = ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-version"];

export interface Acs3Request {
  method: string;
  /** The path as received, without the query ("/"). */
  pathname: string;
  /** Decoded query parameters. */
  query: Record<string, string>;
  /** Node's `req.headersDistinct` (lower-cased names, every value kept). */
  headers: Record<string, string[] | undefined>;
  rawBody: Buffer;
}

export type Acs3Verdict =
  | { ok: true; accessKeyId: string }
  | { ok: false; reason: "incomplete" | "unknown-key"; accessKeyId?: string }
  | { ok: false; reason: "mismatch" | "content-hash"; accessKeyId: string };

/** `encode` of openapi-core utils.js line 315: encodeURIComponent plus RFC 3986's `! ' ( ) *`. */
export function rfc3986Encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

function canonicalQuery(query: Record<string, string>): string {
  // Keys are sorted with JS's default sort and are NOT encoded (utils.js getAuthorizationQueryString).
  return Object.keys(query)
    .sort()
    .map((key) => `${key}=${rfc3986Encode(query[key])}`)
    .join("&");
}

function canonicalHeaders(headers: Acs3Request["headers"], signed: string[]): string {
  return signed
    .map((name) => {
      const values = (headers[name] ?? []).map((v) => v.trim()).sort();
      return `${name}:${values.join(",")}\n`;
    })
    .join("");
}

/** The string the client signed, rebuilt from what the server received. */
export function stringToSign(request: Acs3Request, signedHeaders: string[]): string {
  const canonicalUri = request.pathname
    .replace(/\+/g, "%20")
    .replace(/\*/g, "%2A")
    .replace(/%7E/g, "~");
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri,
    canonicalQuery(request.query),
    canonicalHeaders(request.headers, signedHeaders),
    signedHeaders.join(";"),
    sha256Hex(request.rawBody),
  ].join("\n");
  return `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

export function verifyAcs3(
  request: Acs3Request,
  secretFor: (accessKeyId: string) => string | undefined,
): Acs3Verdict {
  const authorization = request.headers["authorization"]?.[0] ?? "";
  const match = AUTHORIZATION_PATTERN.exec(authorization.trim());
  if (!match) return { ok: false, reason: "incomplete" };
  const [, accessKeyId, signedList, signature] = match;
  const signedHeaders = signedList.split(";");
  if (REQUIRED_SIGNED_HEADERS.some((name) => !signedHeaders.includes(name))) {
    return { ok: false, reason: "incomplete", accessKeyId };
  }
  const secret = secretFor(accessKeyId);
  if (secret === undefined) return { ok: false, reason: "unknown-key", accessKeyId };
  if (request.headers["x-acs-content-sha256"]?.[0] !== sha256Hex(request.rawBody)) {
    return { ok: false, reason: "content-hash", accessKeyId };
  }
  const expected = createHmac("sha256", secret)
    .update(stringToSign(request, signedHeaders))
    .digest();
  const received = Buffer.from(signature, "hex");
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    return { ok: false, reason: "mismatch", accessKeyId };
  }
  return { ok: true, accessKeyId };
}
