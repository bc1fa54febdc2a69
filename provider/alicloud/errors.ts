/**
 * Alibaba Cloud error classification by exact code (alibaba.md §5; common codes:
 * https://help.aliyun.com/document_detail/48054.html). The SDK raises ThrottlingError,
 * ClientError or ServerError (each with code, statusCode, requestId, data) or a plain network
 * Error; all become an AlibabaApiError carrying the cloud's code and request id.
 */
import { CloudApiError, type ErrorSubject, type RetryClass } from "../core/errors";

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
  const isNetwork = err.statusCode === undefined;
  const code = isNetwork ? networkCode(err) : (err.code ?? "UnknownError");
  const cloudMessage = isNetwork
    ? "the request got no answer (network error)"
    : (err.data?.Message ?? "no message") +
      (CREDENTIAL_CODES.includes(code) ? CREDENTIAL_HINT : "");
  return new AlibabaApiError(
    subject,
    {
      action,
      code,
      requestId: err.requestId ?? err.data?.RequestId,
      httpStatus: err.statusCode,
      retryClass: classifyAlibabaCode(code, err.statusCode),
      retryAfterMs: Number.isFinite(err.retryAfter) ? err.retryAfter : undefined,
      cloudMessage,
    },
    // The SDK's own error text embeds the request URL with every parameter: keep it out.
    {},
  );
}

function networkCode(err: SdkError): string {
  if (err.code && NETWORK_CODES.includes(err.code)) return err.code;
  const m = /\b(E[A-Z]{4,})\b/.exec(err.message ?? "") ?? /(ReadTimeout)/.exec(err.message ?? "");
  return m ? m[1] : "NetworkError";
}
