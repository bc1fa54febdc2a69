/**
 * Alibaba Cloud error answers: HTTP status >= 400 and a JSON body
 * `{RequestId, HostId, Code, Message, Recommend}` (alibaba.md §4.5). The SDK turns `Code` containing
 * "Throttling" into ThrottlingError (reading `x-acs-retry-after`), other 4xx into ClientError, 5xx into
 * ServerError. Messages are Alibaba's own (common codes: https://help.aliyun.com/document_detail/48054.html;
 * RDS SSL codes: seed 001, the ModifyDBInstanceSSL page).
 */
export class AlibabaError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorBody(
  error: AlibabaError,
  requestId: string,
  hostId: string,
  product: string,
): Record<string, string> {
  const query = new URLSearchParams({ q: error.code, product, requestId });
  return {
    RequestId: requestId,
    HostId: hostId,
    Code: error.code,
    Message: error.message,
    Recommend: `https://api.aliyun.com/troubleshoot?${query.toString()}`,
  };
}

const e = (status: number, code: string, message: string) => () =>
  new AlibabaError(status, code, message);

/** Common (gateway) errors. */
export const commonErrors = {
  incompleteSignature: e(
    400,
    "IncompleteSignature",
    "The request signature does not conform to Alibaba Cloud standards.",
  ),
  signatureDoesNotMatch: e(
    400,
    "SignatureDoesNotMatch",
    "The request signature does not conform to Alibaba Cloud standards.",
  ),
  accessKeyNotFound: e(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."),
  missingSecurityToken: e(
    400,
    "MissingSecurityToken",
    "SecurityToken is mandatory for this action.",
  ),
  actionNotFound: e(
    404,
    "InvalidAction.NotFound",
    "Specified api is not found, please check your url and method.",
  ),
  invalidVersion: e(400, "InvalidVersion", "Specified parameter Version is not valid."),
  throttling: (retryAfterMs: number) =>
    new AlibabaError(400, "Throttling.User", "Request was denied due to user flow control.", {
      "x-acs-retry-after": String(retryAfterMs),
    }),
  serviceUnavailable: e(
    503,
    "ServiceUnavailable",
    "The request has failed due to a temporary failure of the server.",
  ),
  internalError: e(
    500,
    "InternalError",
    "The request processing has failed due to some unknown error, exception or failure.",
  ),
  invalidParameter: (name: string) =>
    new AlibabaError(400, "InvalidParameter", `The specified parameter "${name}" is not valid.`),
  /** The gateway's answer to a missing required parameter, e.g. `MissingConnectionString`. */
  missingParameter: (name: string) =>
    new AlibabaError(400, `Missing${name}`, `${name} is mandatory for this action.`),
};

/**
 * The ApsaraDB answers the SSL APIs of RDS, DDS and R-KVStore share, word for word (seeds 000, 001,
 * 002 and the RDS API error tables): each product's table spreads the ones it documents.
 */
export const apsaraErrors = {
  incorrectCharacterType: e(
    403,
    "IncorrectCharacterType",
    "Current DB instance CharacterType does not support this operation.",
  ),
  incorrectEngineVersion: e(
    403,
    "IncorrectEngineVersion",
    "Current engine version does not support operations.",
  ),
  incorrectInstanceState: e(
    403,
    "IncorrectDBInstanceState",
    "Current DB instance state does not support this operation.",
  ),
  incorrectLockMode: e(
    403,
    "IncorrectDBInstanceLockMode",
    "Current DB instance lock mode does not support this operation.",
  ),
  enabledSslNotSupport: e(
    404,
    "EnabledSSLNotSupport",
    "Specified region does not support enable ssl.",
  ),
};

/**
 * RDS errors: the eight of seed 001 plus instance state, lock mode and existence. The state and lock
 * messages are those of the RDS API error tables (e.g. "403 IncorrectDBInstanceLockMode: Current DB
 * instance lock mode does not support this operation. The operation failed. The RDS instance is locked.";
 * "OperationDenied.DBInstanceStatus: Operation is denied by the current database instance status.").
 */
export const rdsErrors = {
  invalidServerCertOrPrivateKey: e(
    400,
    "InvalidServerCertOrPrivateKey",
    "Specify server certificate or private key is invalid.",
  ),
  invalidClientCaCert: e(400, "InvalidClientCACert", "Specify client ca certificate is invalid."),
  invalidClientCrl: e(
    400,
    "InvalidClientCrl",
    "Specify client certificate revocation list is invalid.",
  ),
  invalidCaType: e(400, "InvalidCAType.NotFound", "Specify ca type is not found."),
  invalidAcl: e(400, "InvalidACL.NotFound", "Specify acl is not found."),
  invalidSslStatus: e(400, "InvalidSSLStatus", "Specify ssl status is invalid."),
  clientCrlPermission: e(
    403,
    "InvalidClientCrl.Permission",
    "Client ca certificate is set first if need to set client certificate revocation list.",
  ),
  aclPermission: e(
    403,
    "InvalidACL.Permission",
    "Client ca certificate is set first if need to set acl.",
  ),
  incorrectInstanceState: apsaraErrors.incorrectInstanceState,
  incorrectLockMode: apsaraErrors.incorrectLockMode,
  operationDeniedStatus: e(
    403,
    "OperationDenied.DBInstanceStatus",
    "Operation is denied by the current database instance status.",
  ),
  instanceNotFound: e(
    404,
    "InvalidDBInstanceId.NotFound",
    "Specified instance does not exist or not support.",
  ),
};
