/**
 * The inputs of `alicloud.mongodb.DbSslConfig`, described once (core/validation/input-schema.ts): `check`,
 * the generated `args.ts` and the README table come from here. Seed 000 ModifyDBInstanceSSL
 * (`SwitchMode` 0/1, `ForceEncryption` 0/1).
 */
import { familyInputSchema } from "../../core/validation/inputs";
import type { InputSpec } from "../../core/validation/input-schema";
import {
  DDS_DEFAULT_TIMEOUT_MINUTES,
  DDS_INPUT_FORMATS,
  FORCE_ENCRYPTION_VERSIONS,
  SWITCH_MODE_NAMES,
} from "./consts";

export const DDS_OWN_INPUTS = {
  switchMode: {
    type: { kind: "oneOf", values: SWITCH_MODE_NAMES },
    // The seed's example is SwitchMode 0 (at once); making it explicit keeps outputs honest.
    default: "immediately",
    doc:
      "When the cloud applies a change: `immediately` (SwitchMode 0) or `maintenanceWindow` " +
      "(SwitchMode 1: `up` returns once the change is accepted; the outputs' `pendingChange` says " +
      "it is scheduled, and a later refresh shows it applied).",
  },
  forceEncryption: {
    type: { kind: "boolean" },
    doc:
      "Accept SSL connections only (on cloud disks). Sent with Open or Update: changing it while " +
      "SSL stays on needs a certificate renewal (a new `rotateTrigger`).",
    engines: FORCE_ENCRYPTION_VERSIONS.map((v) => `MongoDB ${v}`),
  },
} as const satisfies Record<string, InputSpec>;

export const DDS_INPUTS = familyInputSchema(
  DDS_INPUT_FORMATS,
  {
    instanceId: "The MongoDB instance ID (`dds-...`).",
    region: "Region of the instance; defaults to `alicloud:region`.",
    sslEnabled: "SSL on or off. Every change restarts the instance.",
    rotateTrigger:
      "Change this value to renew the certificate (SSLAction Update; restarts the instance).",
    renewBeforeDays: "Renew when the live certificate expires within this many days.",
    onDelete: "On delete: `retain` leaves SSL as it is; `disable` turns it off (a restart).",
    timeoutMinutes: {
      doc: "How long `up` waits for the cloud, in minutes. Pulumi's customTimeouts do not reach dynamic providers.",
      default: DDS_DEFAULT_TIMEOUT_MINUTES,
    },
  },
  DDS_OWN_INPUTS,
);

/** The family's own inputs (the driver's `inputNames`). */
export const DDS_SETTING_NAMES = Object.keys(
  DDS_OWN_INPUTS,
) as readonly (keyof typeof DDS_OWN_INPUTS)[];
