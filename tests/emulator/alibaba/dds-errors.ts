/**
 * DDS error answers: the nine codes and messages of seed 000 (ModifyDBInstanceSSL error table), the
 * read-side "SSL not supported here" codes Terraform tolerates (alibaba.md §1.2; no documented text,
 * so those messages are ours) and the not-found code.
 */
import { AlibabaError, apsaraErrors } from "./alibaba-errors";
import type { DdsRefusal } from "./dds-instances";

const e = (status: number, code: string, message: string) => () =>
  new AlibabaError(status, code, message);

export const ddsErrors = {
  invalidParam: e(400, "InvalidParam", "Specified parameters is not valid."),
  sslAlreadyEnabled: e(400, "SSLAlreadyEnabled", "SSL have already been enabled."),
  sslAlreadyDisabled: e(400, "SSLAlreadyDisabled", "SSL have already been disabled."),
  sslNotEnabled: e(403, "SSLNotEnabled", "SSL not enabled."),
  incorrectCharacterType: apsaraErrors.incorrectCharacterType,
  incorrectEngineVersion: apsaraErrors.incorrectEngineVersion,
  incorrectInstanceState: apsaraErrors.incorrectInstanceState,
  incorrectLockMode: apsaraErrors.incorrectLockMode,
  enabledSslNotSupport: apsaraErrors.enabledSslNotSupport,
  storageTypeNotSupported: e(
    403,
    "StorageTypeOrInstanceTypeNotSupported",
    "The storage type or instance type of the instance does not support this operation.",
  ),
  singleNodeNotSupport: e(
    403,
    "SingleNodeNotSupport",
    "Single node instances do not support this operation.",
  ),
  instanceNotFound: e(404, "InvalidDBInstanceId.NotFound", "Specified instance does not exist."),
};

export function refusalError(refusal: DdsRefusal): AlibabaError {
  const byCode: Record<DdsRefusal, () => AlibabaError> = {
    InvalidParam: ddsErrors.invalidParam,
    IncorrectCharacterType: ddsErrors.incorrectCharacterType,
    IncorrectEngineVersion: ddsErrors.incorrectEngineVersion,
    IncorrectDBInstanceLockMode: ddsErrors.incorrectLockMode,
    EnabledSSLNotSupport: ddsErrors.enabledSslNotSupport,
  };
  return byCode[refusal]();
}
