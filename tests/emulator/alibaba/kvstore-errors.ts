/**
 * R-KVStore error answers. The six codes and messages of seed 002 (ModifyInstanceSSL error table),
 * the "already in that state" faults Terraform meets (alibaba.md §1.3, §5: 400, no documented text,
 * so the messages here are ours), and the not-found code (`InvalidInstanceId.NotFound`, alibaba.md §5).
 */
import { AlibabaError, apsaraErrors } from "./alibaba-errors";
import type { KvstoreRefusal } from "./kvstore-instances";

const e = (status: number, code: string, message: string) => () =>
  new AlibabaError(status, code, message);

export const kvstoreErrors = {
  invalidParametersFormat: e(400, "InvalidParameters.Format", "Specified parameters is not valid."),
  incorrectCharacterType: apsaraErrors.incorrectCharacterType,
  incorrectEngineVersion: apsaraErrors.incorrectEngineVersion,
  incorrectInstanceState: apsaraErrors.incorrectInstanceState,
  incorrectLockMode: apsaraErrors.incorrectLockMode,
  enabledSslNotSupport: apsaraErrors.enabledSslNotSupport,
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
