/**
 * Offline defaults and validation for `alicloud.mongodb.DbSslConfig` (seed 000 ModifyDBInstanceSSL:
 * `SwitchMode` 0/1, `ForceEncryption` 0/1). Rules that need the instance (topology, version,
 * storage) are checked before any write by the driver's `validateLive`.
 */
import { checkProperties, isUnknown, rules, type CheckFailure } from "../../core/check-failure";
import { SWITCH_MODE_NAMES } from "./consts";

export function ddsDefaults(raw: Record<string, unknown>): Record<string, unknown> {
  // The seed's example is SwitchMode 0 (at once); making it explicit keeps outputs honest.
  return { switchMode: "immediately", ...raw };
}

export function validateDdsInputs(inputs: Record<string, unknown>): CheckFailure[] {
  const failures = checkProperties(inputs, {
    switchMode: { rule: rules.oneOf(SWITCH_MODE_NAMES) },
    forceEncryption: { rule: rules.boolean() },
  });
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
