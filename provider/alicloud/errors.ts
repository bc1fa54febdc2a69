/**
 * Alibaba Cloud error classification by exact code (alibaba.md §5; common codes:
 * https://help.aliyun.com/document_detail/48054.html). The SDK raises ThrottlingError,
 * ClientError or ServerError (each with code, statusCode, requestId, data) or a plain network
 * Error; all become an AlibabaApiError carrying the cloud's code and request id.
 */
import {
  CloudApiError,
  tlsFailureMessage,
  tlsFailureOf,
  type ErrorSubject,
  type RetryClass,
} from "../core/cloud/errors";

/** Request rejected by flow control before it ran: safe to resend after `x-acs-retry-after`. */
export const THROTTLING_CODES = [
  "Throttling",
  "Throttling.User",
  "Throttling.Api",
  "Rejected.Throttling",
];

/** The instance is busy with another change; the request did not run (terraform errors.go l.44). */
export const INSTANCE_BUSY_CODES = [
  "IncorrectDBInstanceState",
  "OperationDenied.DBInstanceStatus",
  "OperationDenied.DBStatus",
  "LockTimeout",
  "ConcurrentTaskExceeded",
];

/** The instance does not exist (any more). */
export const NOT_FOUND_CODES = ["InvalidDBInstanceId.NotFound", "InvalidInstanceId.NotFound"];

/** The credentials are wrong: say which settings to look at (never their values). */
const CREDENTIAL_CODES = [
  "InvalidAccessKeyId.NotFound",
  "SignatureDoesNotMatch",
  "InvalidAccessKeyId.Inactive",
  "InvalidSecurityToken.Expired",
  "InvalidSecurityToken.MismatchWithAccessKey",
];
const CREDENTIAL_HINT =
  " (check alicloud:accessKey / alicloud:secretKey / alicloud:securityToken, or ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY)";

/** Network errors the request may or may not have survived. */
const NETWORK_CODES = [
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "ECONNABORTED",
  "ReadTimeout",
  // httpx's socket idle timer ("ConnectTimeout: Connect <url> failed."): it also fires while an
  // answer is awaited, so a write may have run (issue 17.1).
  "ConnectTimeout",
];

export class AlibabaApiError extends CloudApiError {}

interface SdkError {
  name?: string;
  code?: string;
  statusCode?: number;
  requestId?: string;
  retryAfter?: number;
  data?: { Message?: string; RequestId?: string };
  message?: string;
}

export function classifyAlibabaCode(code: string, httpStatus?: number): RetryClass {
  if (THROTTLING_CODES.includes(code) || code.includes("Throttling")) return "throttled";
  if (INSTANCE_BUSY_CODES.includes(code)) return "busy";
  if (NOT_FOUND_CODES.includes(code)) return "gone";
  if (NETWORK_CODES.includes(code)) return "network";
  if (code === "ServiceUnavailable" || (httpStatus !== undefined && httpStatus >= 500)) {
    return "unavailable";
  }
  return "final";
}

/** Wraps whatever the SDK threw; the message keeps the cloud's text but no URL (it holds PEMs). */
export function toAlibabaApiError(
  subject: ErrorSubject,
  action: string,
  e: unknown,
): AlibabaApiError {
  const err = (e ?? {}) as SdkError;
  if (err.statusCode === undefined && err.name === "SyntaxError") {
    return notJsonError(subject, action, err);
  }
  const isNetwork = err.statusCode === undefined;
  const tls = isNetwork ? tlsFailureOf(err) : undefined;
  if (tls !== undefined) {
    const cloudMessage = tlsFailureMessage(tls, undefined);
    return new AlibabaApiError(subject, { action, code: tls, retryClass: "final", cloudMessage });
  }
  // The SDK builds code and request id with `${...}`, so a JSON body without them reads "undefined".
  const code = isNetwork ? networkCode(err) : (present(err.code) ?? `HTTP${err.statusCode}`);
  return new AlibabaApiError(
    subject,
    {
      action,
      code,
      requestId: present(err.requestId) ?? present(err.data?.RequestId),
      httpStatus: err.statusCode,
      retryClass: classifyAlibabaCode(code, err.statusCode),
      retryAfterMs: Number.isFinite(err.retryAfter) ? err.retryAfter : undefined,
      cloudMessage: cloudMessageOf(err, code, isNetwork),
    },
    // The SDK's own error text embeds the request URL with every parameter: keep it out.
    {},
  );
}

function cloudMessageOf(err: SdkError, code: string, isNetwork: boolean): string {
  if (isNetwork) return "the request got no answer (network error)";
  const message = present(err.data?.Message);
  if (message === undefined) return `HTTP ${err.statusCode} with no error message in its JSON body`;
  return message + (CREDENTIAL_CODES.includes(code) ? CREDENTIAL_HINT : "");
}

/**
 * An answer whose body is not JSON, typically an HTML error page from a proxy or load balancer.
 * `@alicloud/openapi-core` parses the body before it records the HTTP status (client.js, the
 * `readAsJSON` right after `doAction`), so only JSON.parse's SyntaxError reaches us. It may have
 * run, like a 5xx: reads retry it, writes are checked by reading first.
 */
function notJsonError(subject: ErrorSubject, action: string, err: SdkError): AlibabaApiError {
  // JSON.parse quotes the start of the body: `Unexpected token '<', "<html><bod"... is not valid JSON`.
  const quoted = /"(.*?)"(\.\.\.)? is not valid JSON/.exec(err.message ?? "")?.[1];
  const excerpt =
    quoted === undefined ? "" : quoted.replace(/[^A-Za-z0-9 <>/=.:_-]/g, "").slice(0, 20);
  const body = excerpt === "" ? "no JSON body" : `no JSON body; it starts with "${excerpt}"`;
  return new AlibabaApiError(
    subject,
    {
      action,
      code: "InvalidResponse",
      retryClass: "unavailable",
      cloudMessage: `the answer had ${body} (the SDK does not report its HTTP status; an error page from a proxy or load balancer looks like this)`,
    },
    {},
  );
}

/** The SDK's `${undefined}` is a string; treat it, and empty strings, as absent. */
function present(value: string | undefined): string | undefined {
  return value === undefined || value === "" || value === "undefined" ? undefined : value;
}

function networkCode(err: SdkError): string {
  if (err.code && NETWORK_CODES.includes(err.code)) return err.code;
  const message = err.message ?? "";
  const m = /\b(E[A-Z]{4,})\b/.exec(message) ?? /(ReadTimeout|ConnectTimeout)/.exec(message);
  return m ? m[1] : "NetworkError";
}
