/**
 * Tencent Cloud API 3.0 error answers: always HTTP 200 with `{"Response":{"Error":{"Code","Message"},
 * "RequestId"}}` (tencent-huawei.md §1.5). Common codes: tencentcloud.com/document/product/1140/51177;
 * ModifyDBInstanceSSLConfig's own codes and texts: seed 003 "Error Code".
 */
export class TencentError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const e = (code: string, message: string) => () => new TencentError(code, message);

/** The gateway's (common) errors. */
export const tencentCommonErrors = {
  invalidAuthorization: e(
    "AuthFailure.InvalidAuthorization",
    "The Authorization header is invalid (TC3-HMAC-SHA256 with SignedHeaders content-type;host expected).",
  ),
  secretIdNotFound: e("AuthFailure.SecretIdNotFound", "The SecretId is not found."),
  signatureExpire: e(
    "AuthFailure.SignatureExpire",
    "Signature expired. The X-TC-Timestamp differs from the server time by more than 5 minutes.",
  ),
  signatureFailure: e(
    "AuthFailure.SignatureFailure",
    "The provided credentials could not be validated. Please check your signature is correct.",
  ),
  tokenFailure: e(
    "AuthFailure.TokenFailure",
    "The token is invalid or does not match the SecretId.",
  ),
  invalidAction: e("InvalidAction", "The requested action does not exist."),
  noSuchVersion: e("NoSuchVersion", "The requested version does not exist or is not supported."),
  unsupportedRegion: e("UnsupportedRegion", "The API does not support this region."),
  unsupportedProtocol: e(
    "UnsupportedProtocol",
    "HTTP(S) request protocol error; only POST / with Content-Type application/json is supported here.",
  ),
  missingParameter: (name: string) =>
    new TencentError(
      "MissingParameter",
      `The request is missing a required parameter \`${name}\`.`,
    ),
  invalidParameter: (message: string) => new TencentError("InvalidParameter", message),
  requestLimitExceeded: (count: number, limit: number) =>
    new TencentError(
      "RequestLimitExceeded",
      `Your current request times equals to \`${count}\` in a second, which exceeds the frequency ` +
        `limit \`${limit}\` for a second. Please reduce the frequency of calls.`,
    ),
  internalError: e("InternalError", "An internal error has occurred. Retry your request."),
};

/** ModifyDBInstanceSSLConfig's codes, with the seed's descriptions as messages. */
export const SEED_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  "FailedOperation.DatabaseAccessError":
    "Failed to access database management service. Please try again later. If the problem persists, please contact customer service.",
  "FailedOperation.FailedOperationError": "Operation failed. Please try again later.",
  "FailedOperation.FlowCreateError":
    "Failed to create a task. Please try again later. If the problem persists, please contact customer service.",
  "InvalidParameterValue.InvalidParameterValueError": "Incorrect parameter value",
  "InvalidParameterValue.ParameterCharacterLimitError":
    "The parameter is invalid. Please modify it and try again.",
  "OperationDenied.InstanceAccessDeniedError":
    "You do not have the permission to operate this resource.",
  "OperationDenied.InstanceStatusLimitError":
    "This operation cannot be performed on an instance in this status.",
  "ResourceNotFound.InstanceNotFoundError": "The instance does not exist.",
};

export function seedError(
  code: keyof typeof SEED_ERROR_MESSAGES | string,
  detail = "",
): TencentError {
  const message = SEED_ERROR_MESSAGES[code] ?? "Operation failed.";
  return new TencentError(code, detail ? `${message} ${detail}` : message);
}
