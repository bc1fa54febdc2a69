/**
 * Offline defaults and validation for `alicloud.mongodb.DbSslConfig` (seed 000 ModifyDBInstanceSSL:
 * `SwitchMode` 0/1, `ForceEncryption` 0/1). Rules that need the instance (topology, version,
 * storage) are checked before any write by the driver's `validateLive`.
 */
import { checkProperties, isUnknown, type CheckFailure } from "../../core/validation/check-failure";
import { checkTable } from "../../core/validation/input-schema";
import { DDS_INPUTS, DDS_SETTING_NAMES } from "./schema";

export function ddsDefaults(raw: Record<string, unknown>): Record<string, unknown> {
  return { switchMode: DDS_INPUTS.switchMode.default, ...raw };
}

export function validateDdsInputs(inputs: Record<string, unknown>): CheckFailure[] {
  const failures = checkProperties(inputs, checkTable(DDS_INPUTS, DDS_SETTING_NAMES));
  // ForceEncryption accepts only SSL connections (seed 000): it cannot hold with SSL off.
  if (
    inputs.forceEncryption === true &&
    inputs.sslEnabled === false &&
    !isUnknown(inputs.sslEnabled)
  ) {
    failures.push({
      property: "forceEncryption",
      reason: "forceEncryption: true requires sslEnabled: true (it allows SSL connections only)",
    });
  }
  return failures;
}
