/**
 * Verifies SDK-HMAC-SHA256 as the Huawei / Open Telekom Cloud API gateway does (tencent-huawei.md
 * §2.4), written apart from the provider's signer so that one bug cannot hide in both: the
 * canonical request is rebuilt from the request as received (path, raw query, the headers named
 * in SignedHeaders, the body), X-Sdk-Date must be signed and within 15 minutes of the emulator's
 * (virtual) clock, and `host` must be signed.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingCall } from "../wire-protocol";

export type SdkHmacVerdict =
  | { ok: true; accessKeyId: string }
  | {
      ok: false;
      reason: "missing" | "malformed" | "unknown-key" | "expired" | "mismatch";
      accessKeyId?: string;
    };

const AUTH =
  /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;
const SKEW_MS = 15 * 60_000;

const hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** Percent-encode all but A-Z a-z 0-9 - _ . ~ (upper-case hex). */
function enc(text: string): string {
  return Array.from(Buffer.from(text, "utf8"))
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
    })
    .join("");
}

function uri(pathname: string): string {
  const path = pathname
    .split("/")
    .map((s) => enc(decodeURIComponent(s)))
    .join("/");
  return path.endsWith("/") ? path : `${path}/`;
}

function query(raw: string): string {
  const pairs = raw
    .split("&")
    .filter((p) => p !== "")
    .map((p) => {
      const at = p.indexOf("=");
      const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
      return at < 0 ? [dec(p), ""] : [dec(p.slice(0, at)), dec(p.slice(at + 1))];
    });
  pairs.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  return pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
}

function parseDate(text: string | undefined): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? "");
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}

export function verifySdkHmac(
  call: IncomingCall,
  secretOf: (accessKeyId: string) => string | undefined,
  now: number,
): SdkHmacVerdict {
  const header = call.headers.authorization?.[0];
  if (!header) return { ok: false, reason: "missing" };
  const m = AUTH.exec(header);
  if (!m) return { ok: false, reason: "malformed" };
  const [, accessKeyId, signedList, sig] = m;
  const names = signedList.split(";");
  const sorted = [...names].sort();
  if (
    names.join(";") !== sorted.join(";") ||
    !names.includes("x-sdk-date") ||
    !names.includes("host")
  ) {
    return { ok: false, reason: "malformed", accessKeyId };
  }
  const secret = secretOf(accessKeyId);
  if (secret === undefined) return { ok: false, reason: "unknown-key", accessKeyId };
  const date = call.headers["x-sdk-date"]?.[0];
  if (!(Math.abs(now - parseDate(date)) <= SKEW_MS))
    return { ok: false, reason: "expired", accessKeyId };
  const payload = call.headers["x-sdk-content-sha256"]?.[0] ?? hex(call.rawBody);
  const canonical = [
    call.method,
    uri(call.pathname),
    query(call.rawQuery),
    names.map((n) => `${n}:${(call.headers[n]?.[0] ?? "").trim()}\n`).join(""),
    signedList,
    payload,
  ].join("\n");
  const toSign = `SDK-HMAC-SHA256\n${date}\n${hex(canonical)}`;
  const expected = createHmac("sha256", secret).update(toSign).digest();
  const ok = timingSafeEqual(expected, Buffer.from(sig, "hex"));
  return ok ? { ok: true, accessKeyId } : { ok: false, reason: "mismatch", accessKeyId };
}
