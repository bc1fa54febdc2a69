/**
 * Server-side verification of Tencent Cloud's TC3-HMAC-SHA256 signature, as the Node SDK computes it
 * (`tencentcloud-sdk-nodejs` 4.1.313 `common/sign.js` `sign3`; tencent-huawei.md §1.4):
 *   canonical = POST\n/\n\ncontent-type:<ct>\nhost:<hostname without port>\n\ncontent-type;host\nsha256(body)
 *   toSign    = TC3-HMAC-SHA256\n<timestamp>\n<date>/<service>/tc3_request\nsha256(canonical)
 *   key       = HMAC(HMAC(HMAC("TC3"+secret, date), service), "tc3_request")
 * The service is the one the credential scope names (the SDK takes `endpoint.split(".")[0]`, so
 * "127" for a loopback endpoint); it must agree with the first label of the Host, as it does for a
 * request the SDK signed. The signed host is the hostname without the port (sign.js `urlObj.hostname`).
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { firstHeader, type IncomingCall } from "../wire-protocol";

export const TC3_ALGORITHM = "TC3-HMAC-SHA256";

/** `AuthFailure.SignatureExpire` beyond this difference from the server's time (tencent-huawei.md §1.4). */
export const TC3_MAX_SKEW_SECONDS = 300;

const AUTHORIZATION_PATTERN =
  /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

export type Tc3Verdict =
  | { ok: true; secretId: string; service: string }
  | {
      ok: false;
      reason: "incomplete" | "unknown-key" | "expired" | "mismatch" | "token";
      secretId?: string;
    };

export interface Tc3Key {
  secretKey: string;
  /** A temporary key is valid only with its token (`X-TC-Token`). */
  token?: string;
}

const sha256Hex = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, data: string) =>
  createHmac("sha256", key).update(data).digest();

/** The hostname of the Host header: `127.0.0.1:8080` -> `127.0.0.1`, `[::1]:80` -> `[::1]`. */
export function hostnameOf(host: string): string {
  return host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d+$/, "");
}

export function tc3Signature(parts: {
  secretKey: string;
  date: string;
  service: string;
  timestamp: string;
  contentType: string;
  host: string;
  signedHeaders: string;
  body: Buffer;
}): string {
  const headers = parts.signedHeaders
    .split(";")
    .map((h) => `${h}:${h === "host" ? parts.host : parts.contentType}\n`)
    .join("");
  const canonical = ["POST", "/", "", headers, parts.signedHeaders, sha256Hex(parts.body)].join(
    "\n",
  );
  const scope = `${parts.date}/${parts.service}/tc3_request`;
  const toSign = [TC3_ALGORITHM, parts.timestamp, scope, sha256Hex(canonical)].join("\n");
  const key = hmac(hmac(hmac(`TC3${parts.secretKey}`, parts.date), parts.service), "tc3_request");
  return createHmac("sha256", key).update(toSign).digest("hex");
}

/** `nowSeconds` is real time: the SDK stamps `X-TC-Timestamp` from the host's own clock. */
export function verifyTc3(
  call: IncomingCall,
  keyOf: (secretId: string) => Tc3Key | undefined,
  nowSeconds: number,
): Tc3Verdict {
  const match = AUTHORIZATION_PATTERN.exec(firstHeader(call, "authorization") ?? "");
  const timestamp = firstHeader(call, "x-tc-timestamp") ?? "";
  const host = hostnameOf(firstHeader(call, "host") ?? "");
  if (!match || !/^\d+$/.test(timestamp) || host === "") return { ok: false, reason: "incomplete" };
  const [, secretId, date, service, signedHeaders, signature] = match;
  // The Node SDK signs exactly these two; the API requires at least them (Signature v3 page).
  if (signedHeaders !== "content-type;host") return { ok: false, reason: "incomplete", secretId };
  const key = keyOf(secretId);
  if (!key) return { ok: false, reason: "unknown-key", secretId };
  if (Math.abs(nowSeconds - Number(timestamp)) > TC3_MAX_SKEW_SECONDS) {
    return { ok: false, reason: "expired", secretId };
  }
  const expected = tc3Signature({
    secretKey: key.secretKey,
    date,
    service,
    timestamp,
    contentType: firstHeader(call, "content-type") ?? "",
    host,
    signedHeaders,
    body: call.rawBody,
  });
  const dateOk = new Date(Number(timestamp) * 1000).toISOString().slice(0, 10) === date;
  const serviceOk = service === host.split(".")[0];
  const same = timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  if (!same || !dateOk || !serviceOk) return { ok: false, reason: "mismatch", secretId };
  if (key.token !== undefined && firstHeader(call, "x-tc-token") !== key.token) {
    return { ok: false, reason: "token", secretId };
  }
  return { ok: true, secretId, service };
}
