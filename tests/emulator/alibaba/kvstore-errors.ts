/**
 * R-KVStore error answers. The six codes and messages of seed 002 (ModifyInstanceSSL error table),
 * the "already in that state" faults Terraform meets (alibaba.md §1.3, §5: 400, no documented text,
 * so the messages here are ours), and the not-found code (`InvalidInstanceId.NotFound`, alibaba.md §5).
 */
import { AlibabaError } from "./alibaba-errors";
import type { KvstoreRefusal } from "./kvstore-instances";

const e = (status: number, code: string, message: string) => () =>
  new AlibabaError(status, code, message);

export const kvstoreErrors = {
  invalidParametersFormat: e(400, "InvalidParameters.Format", "Specified parameters is not valid."),
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
  sslEnabledStateExists: e(
    400,
    "SSLEnabledStateExistsFault",
    "The SSL of the instance is already enabled.",
  ),
  sslDisableStateExists: e(
    400,
    "SSLDisableStateExistsFault",
    "The SSL of the instance is already disabled.",
  ),
  instanceNotFound: e(404, "InvalidInstanceId.NotFound", "The specified instance is not found."),
};

export function refusalError(refusal: KvstoreRefusal): AlibabaError {
  switch (refusal) {
    case "IncorrectEngineVersion":
      return kvstoreErrors.incorrectEngineVersion();
    case "IncorrectCharacterType":
      return kvstoreErrors.incorrectCharacterType();
    default:
      return kvstoreErrors.enabledSslNotSupport();
  }
}
