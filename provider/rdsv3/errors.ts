/**
 * RDS v3 errors by exact code (tencent-huawei.md §2.6): the body is `{"error_code","error_msg"}`
 * (`errCode`/`errMsg` from some gateways, `error.code`/`error.message` in Huawei's SDK parser), the
 * request id is the `X-Request-Id` answer header (the API gateway also puts `request_id` in the body).
 */
import { CloudApiError, type ErrorSubject, type RetryClass } from "../core/cloud/errors";
import { AUTH_CODES, BUSY_CODES, NOT_FOUND_CODES } from "./consts";

export class RdsV3ApiError extends CloudApiError {}

/** Network failures the request may or may not have survived. */
const NETWORK_CODES = ["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "ECONNABORTED"];

/**
 * 429 is throttling whatever its code (OTC status_codes.rst: "retry after Retry-After"). Busy
 * codes prove the write did not run; a 5xx or a network error does not.
 */
export function classifyRdsV3(code: string, httpStatus?: number): RetryClass {
  if (httpStatus === 429) return "throttled";
  if (BUSY_CODES.includes(code)) return "busy";
  if (NOT_FOUND_CODES.includes(code)) return "gone";
  if (NETWORK_CODES.includes(code)) return "network";
  if (httpStatus !== undefined && httpStatus >= 500) return "unavailable";
  return "final";
}

export interface ErrorAnswer {
  status: number;
  body: string;
  requestId?: string;
  retryAfter?: string;
}

/** An HTTP error answer as a typed error; the message keeps the cloud's text, never a header. */
export function toRdsV3Error(
  subject: ErrorSubject,
  action: string,
  answer: ErrorAnswer,
  credentialHint: string,
): RdsV3ApiError {
  const parsed = parseErrorBody(answer.body);
  const code = parsed.code ?? `HTTP${answer.status}`;
  const hint = AUTH_CODES.includes(code) || answer.status === 401 ? ` (${credentialHint})` : "";
  const message =
    parsed.message ??
    (parsed.json ? `HTTP ${answer.status} without an error message` : notJson(answer));
  return new RdsV3ApiError(subject, {
    action,
    code,
    requestId: answer.requestId ?? parsed.requestId,
    httpStatus: answer.status,
    retryClass: classifyRdsV3(code, answer.status),
    retryAfterMs: retryAfterMs(answer.retryAfter),
    cloudMessage: message + hint,
  });
}

/** A request that got no answer: it may have run. */
export function networkError(subject: ErrorSubject, action: string, code: string): RdsV3ApiError {
  return new RdsV3ApiError(subject, {
    action,
    code,
    retryClass: classifyRdsV3(code),
    cloudMessage: "the request got no answer (network error)",
  });
}

interface ParsedError {
  json: boolean;
  code?: string;
  message?: string;
  requestId?: string;
}

function parseErrorBody(body: string): ParsedError {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return { json: false };
  }
  if (doc === null || typeof doc !== "object") return { json: false };
  const nested = (doc.error ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  return {
    json: true,
    code: text(doc.error_code) ?? text(doc.errCode) ?? text(nested.code),
    message: text(doc.error_msg) ?? text(doc.errMsg) ?? text(nested.message),
    requestId: text(doc.request_id),
  };
}

/** A proxy's or load balancer's HTML page: say so without echoing it. */
function notJson(answer: ErrorAnswer): string {
  const start = answer.body.slice(0, 20).replace(/[^A-Za-z0-9 <>/=.:_-]/g, "");
  return start === ""
    ? `HTTP ${answer.status} with an empty body`
    : `HTTP ${answer.status} without a JSON body; it starts with "${start}"`;
}

/** `Retry-After` in seconds (or an HTTP date), as milliseconds. */
function retryAfterMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}
