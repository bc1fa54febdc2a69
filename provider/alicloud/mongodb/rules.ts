/**
 * What DDS refuses, in plain words, before anything is sent: the seed's requirements on the live
 * instance (F5), and a forceEncryption change that would need a certificate renewal.
 *
 * Seed 000: "The instance is a replica set instance or a sharded cluster instance. The replica
 * set instance must be version 3.4 or later. The sharded cluster instance must use Enhanced SSDs
 * (ESSDs)." ForceEncryption: MongoDB 7.0 and 8.0 with cloud disks (seed 000, Terraform doc).
 *
 * ForceEncryption has no action of its own: `SSLAction` is required and is Open, Close or Update
 * (seed 000). With SSL on, Open answers SSLAlreadyEnabled and Update renews the certificate and
 * restarts the instance; Terraform's only tested use sends it with Open on a closed instance
 * (resource_alicloud_mongodb_instance_test.go, `ssl_action: Open, force_encryption: 1`). So a
 * forceEncryption change while SSL stays on is sent with Update, and only when the user asks
 * for that renewal (a new rotateTrigger, or a renewal due by renewBeforeDays).
 */
import type { CheckFailure } from "../../core/validation/check-failure";
import type { CloudApiError } from "../../core/cloud/errors";
import type { DdsLiveSsl, DdsSslInputs } from "./types";
import { acceptsForceEncryption, liveForceEncryption } from "./wire";

const REQUIREMENT =
  "ModifyDBInstanceSSL requires a replica set instance of MongoDB 3.4 or later, or a sharded " +
  "cluster instance on ESSDs";

/** Why this instance cannot have SSL turned on, or undefined when it can. */
export function topologyProblem(live: DdsLiveSsl): string | undefined {
  if (live.sslUnsupported)
    return `the cloud says SSL is not supported here (${live.sslUnsupported})`;
  const kind = live.instanceType;
  if (kind === "replicate") {
    return versionAtLeast(live.engineVersion, 3, 4)
      ? undefined
      : `this replica set runs MongoDB ${live.engineVersion ?? "(unknown version)"}`;
  }
  if (kind === "sharding") {
    return live.storageType?.startsWith("cloud_essd")
      ? undefined
      : `this sharded cluster uses ${live.storageType ?? "(unknown storage)"} storage`;
  }
  return `this instance is of type ${kind ?? "(unknown)"}`;
}

function versionAtLeast(version: string | undefined, major: number, minor: number): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version ?? "");
  if (!m) return false;
  return Number(m[1]) > major || (Number(m[1]) === major && Number(m[2]) >= minor);
}

/** Checked before any write (the core calls it after the instance is steady). */
export function validateLive(inputs: DdsSslInputs, live: DdsLiveSsl): CheckFailure[] {
  if (!inputs.sslEnabled) return [];
  const failures: CheckFailure[] = [];
  const problem = live.sslEnabled ? undefined : topologyProblem(live);
  if (problem) {
    failures.push({
      property: "sslEnabled",
      reason: `SSL cannot be enabled: ${problem}; ${REQUIREMENT}`,
    });
  }
  if (
    inputs.forceEncryption === true &&
    !acceptsForceEncryption(live) &&
    live.forceEncryption !== true
  ) {
    failures.push({
      property: "forceEncryption",
      reason:
        `forceEncryption needs MongoDB 7.0 or 8.0 on cloud disks; this instance runs ` +
        `${live.engineVersion ?? "(unknown version)"} on ${live.storageType ?? "(unknown storage)"}`,
    });
  }
  return failures;
}

/** The message for a forceEncryption change without a renewal (preview and up say the same). */
export function forceEncryptionNeedsRenewal(want: boolean, have: boolean): string {
  return (
    `forceEncryption cannot change from ${have} to ${want} on its own while SSL stays on: ` +
    "ModifyDBInstanceSSL sends ForceEncryption only with SSLAction Open or Update, and Update " +
    "renews the certificate and restarts the instance. To apply it, also change rotateTrigger " +
    `(renews the certificate now, with a restart), or declare forceEncryption: ${have}`
  );
}

/** With SSL on, a declared forceEncryption different from the instance's (see the file comment). */
export function forceEncryptionBlocked(
  inputs: DdsSslInputs,
  live: DdsLiveSsl,
  applied: Record<string, unknown>,
): CheckFailure | undefined {
  const have = liveForceEncryption(live, applied);
  if (inputs.forceEncryption === undefined || inputs.forceEncryption === have) return undefined;
  return {
    property: "forceEncryption",
    reason: forceEncryptionNeedsRenewal(inputs.forceEncryption, have),
  };
}

/** The cloud's "already in that state" answer that matches the action sent (F3). */
export function alreadyInState(action: string, error: CloudApiError): boolean {
  return (
    (action === "open" && error.code === "SSLAlreadyEnabled") ||
    (action === "close" && error.code === "SSLAlreadyDisabled")
  );
}
