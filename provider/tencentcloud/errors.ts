/**
 * Tencent Cloud error classification by exact code. The SDK throws `TencentCloudSDKHttpException`
 * (`common/exception/tencent_cloud_sdk_exception.js`) in three shapes (tencent-huawei.md §1.5):
 * `.code` + `.requestId` for an HTTP 200 `Response.Error`; `.httpCode` (no code) for any other
 * HTTP status; only a `.message` for a network failure. All become a TencentApiError carrying the
 * cloud's code and request id.
 */
import { CloudApiError, type ErrorSubject, type RetryClass } from "../core/cloud/errors";

export class TencentApiError extends CloudApiError {}

/**
 * ModifyDBInstanceSSLConfig's business codes (seed 003 "Error Code"), each with what the user
 * should know; the cloud's own message comes first.
 */
export const SEED_CODE_HINTS: Readonly<Record<string, string>> = {
  "FailedOperation.DatabaseAccessError":
    "Tencent's database management service could not be reached; nothing was changed and pulumi-dbssl tries again",
  "FailedOperation.FailedOperationError":
    "the operation failed on Tencent's side; nothing was changed and pulumi-dbssl tries again",
  "FailedOperation.FlowCreateError":
    "Tencent could not create the change task; nothing was changed and pulumi-dbssl tries again",
  "InvalidParameterValue.InvalidParameterValueError":
    "check connectAddress: it must be an IP address of this instance (a primary's private or " +
    "public IP; for a read-only instance its own IP or its read-only group's IP)",
  "InvalidParameterValue.ParameterCharacterLimitError":
    "a parameter (instanceId or connectAddress) has characters or a length the API refuses",
  "OperationDenied.InstanceAccessDeniedError":
    "these credentials may not operate this instance: grant the CAM actions in " +
    "docs/permissions/tencentcloud.postgres (or check the instance belongs to this account)",
  "OperationDenied.InstanceStatusLimitError":
    "the instance's status does not allow this now; pulumi-dbssl waits until it is running",
  "ResourceNotFound.InstanceNotFoundError":
    "no such instance in this region: check instanceId and region",
};

/**
 * "Try again later" answers and busy instances: the request did not run. Terraform's
 * `retryableErrorCode` (tencent-huawei.md §1.6) retries the same family of codes.
 */
export const NOT_RUN_RETRY_CODES = [
  "FailedOperation.DatabaseAccessError",
  "FailedOperation.FailedOperationError",
  "FailedOperation.FlowCreateError",
  "OperationDenied.InstanceStatusLimitError",
  "ResourceInUse",
  "ResourceBusy",
  "ResourceUnavailable",
  "InvalidParameter.ActionInProgress",
];

export const NOT_FOUND_CODES = ["ResourceNotFound.InstanceNotFoundError"];

/** The common signature and credential codes: name the settings to check, never their values. */
const CREDENTIAL_HINT =
  " (check tencentcloud:secretId / tencentcloud:secretKey / tencentcloud:securityToken, or " +
  "TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY / TENCENTCLOUD_SECURITY_TOKEN)";

/**
 * By exact code. A busy or "try again" answer proves the request did not run: a write waits for
 * the instance and is planned again by the core (`busy`), a read is simply resent (`unavailable`
 * is what the per-call retry resends for reads). `InternalError` may have run (Terraform
 * deliberately does not retry it), like any 5xx.
 */
export function classifyTencentCode(code: string, readOnly: boolean): RetryClass {
  if (code === "RequestLimitExceeded" || code.startsWith("RequestLimitExceeded.")) {
    return "throttled";
  }
  // FailedOperation.*: Tencent's side failed and nothing ran (seed 003): the core resends the
  // same write a few times (retry.ts `notRun`). The rest: a busy instance, waited for.
  if (code.startsWith("FailedOperation.") && NOT_RUN_RETRY_CODES.includes(code)) {
    return readOnly ? "unavailable" : "notRun";
  }
  if (NOT_RUN_RETRY_CODES.includes(code)) return readOnly ? "unavailable" : "busy";
  if (NOT_FOUND_CODES.includes(code)) return "gone";
  if (code === "InternalError" || code.startsWith("InternalError.")) return "unavailable";
  if (NETWORK_CODES.includes(code)) return "network";
  if (/^HTTP5\d\d$/.test(code)) return "unavailable";
  return "final";
}

const NETWORK_CODES = [
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "ECONNABORTED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ReadTimeout",
  "NetworkError",
];

interface SdkError {
  code?: string;
  httpCode?: number;
  requestId?: string;
  message?: string;
}

export function toTencentApiError(
  subject: ErrorSubject,
  action: string,
  readOnly: boolean,
  e: unknown,
): TencentApiError {
  const err = (e ?? {}) as SdkError;
  const code = present(err.code) ?? (err.httpCode ? `HTTP${err.httpCode}` : networkCode(err));
  return new TencentApiError(
    subject,
    {
      action,
      code,
      requestId: present(err.requestId),
      httpStatus: err.httpCode,
      retryClass: classifyTencentCode(code, readOnly),
      cloudMessage: cloudMessageOf(err, code),
    },
    // The SDK's network messages embed the request URL; the cause stays out of the chain.
    {},
  );
}

function cloudMessageOf(err: SdkError, code: string): string {
  if (present(err.code) === undefined) {
    return err.httpCode
      ? `HTTP ${err.httpCode} ${printableShort(err.message)} (no Tencent error body: a gateway or proxy answered)`
      : "the request got no answer (network error)";
  }
  const text = printableShort(err.message) || "no message";
  const hint = SEED_CODE_HINTS[code];
  if (hint) return `${text} (${hint})`;
  return code.startsWith("AuthFailure") ? text + CREDENTIAL_HINT : text;
}

/** The errno inside a node-fetch message ("request to URL failed, reason: connect ECONNREFUSED ..."). */
function networkCode(err: SdkError): string {
  const message = err.message ?? "";
  if (/network timeout at/i.test(message)) return "ReadTimeout";
  const m = /\b(E[A-Z_]{4,})\b/.exec(message);
  if (m && NETWORK_CODES.includes(m[1])) return m[1];
  if (/socket hang up/i.test(message)) return "ECONNRESET";
  return "NetworkError";
}

function present(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

/** One line, bounded: control characters (a newline would forge a log line) become spaces. */
function printableShort(text: string | undefined): string {
  return (text ?? "").replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ").slice(0, 300);
}
