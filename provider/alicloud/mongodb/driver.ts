/**
 * The ApsaraDB for MongoDB (DDS) family driver: read = DescribeDBInstanceAttribute +
 * DescribeDBInstanceSSL + DescribeHistoryTasks, write = ModifyDBInstanceSSL (`SSLAction`
 * Open/Close/Update, `SwitchMode`, `ForceEncryption`), one poll = the task centre, then the SSL
 * read, with the status only when the change's own task has not finished (observe.ts).
 * Waiting, deciding when a change has finished, retries and validation plumbing are provider/core.
 */
import type { DriverContext, SentAction, SslAction, SslDriver } from "../../core/driver";
import { CloudApiError, DbSslError, LiveValidationError } from "../../core/cloud/errors";
import { alibabaRegion } from "../client";
import { describeAttribute, describeOpenTasks, describeSsl, modifySsl } from "./calls";
import {
  DDS_DEFAULT_TIMEOUT_MINUTES,
  DDS_INPUT_FORMATS,
  DDS_SETTLE_GRACE_MS,
  FAMILY,
  POLL_TASK_STATUSES,
} from "./consts";
import { observeDds } from "./observe";
import { ddsDefaults, validateDdsInputs } from "./inputs";
import { DDS_SETTING_NAMES } from "./schema";
import {
  alreadyInState,
  forceEncryptionBlocked,
  forceEncryptionNeedsRenewal,
  validateLive,
} from "./rules";
import type { DdsLiveSsl, DdsSslInputs } from "./types";
import {
  acceptsForceEncryption,
  expandModifyRequest,
  flattenLive,
  sendsForceEncryption,
} from "./wire";

/**
 * The waiter's prior per action (docs/BENCHMARKS.md): Open, Update and Close restart the instance
 * (seed 000 "Note"), "minutes" (alibaba.md §1.2, §6) with no figure; 3 minutes is the restart the
 * same platform documents for RDS MySQL (alibaba.md §1.1), an inference for MongoDB.
 */
const DDS_EXPECTED_DURATION_MS = { open: 180_000, close: 180_000, update: 180_000 } as const;

async function read(ctx: DriverContext, inputs: DdsSslInputs): Promise<DdsLiveSsl> {
  const attribute = await describeAttribute(ctx, inputs);
  const ssl = await describeSsl(ctx, inputs);
  const tasks = await describeOpenTasks(ctx, inputs, POLL_TASK_STATUSES);
  return flattenLive({ attribute, ssl, tasks });
}

function plan(
  inputs: DdsSslInputs,
  live: DdsLiveSsl,
  applied: Record<string, unknown>,
  rotate: boolean,
): SslAction | undefined {
  if (!inputs.sslEnabled) return live.sslEnabled ? "close" : undefined;
  if (!live.sslEnabled) return "open";
  if (rotate) return "update";
  const blocked = forceEncryptionBlocked(inputs, live, applied);
  if (blocked)
    throw new LiveValidationError({ family: FAMILY, instanceId: inputs.instanceId }, [blocked]);
  return undefined;
}

async function send(
  ctx: DriverContext,
  inputs: DdsSslInputs,
  action: SslAction,
  live: DdsLiveSsl,
): Promise<SentAction> {
  if (action === "reconfigure") throw new Error("alicloud.mongodb never plans reconfigure");
  const params = expandModifyRequest(inputs, action, live);
  const applied =
    action === "close"
      ? { forceEncryption: undefined }
      : sendsForceEncryption(inputs, live)
        ? { forceEncryption: inputs.forceEncryption }
        : {};
  try {
    const requestId = await modifySsl(ctx, inputs, params);
    return { action, requestId, applied, scheduled: inputs.switchMode === "maintenanceWindow" };
  } catch (error) {
    if (error instanceof CloudApiError && alreadyInState(action, error)) {
      return { action, requestId: error.requestId, alreadyInState: true };
    }
    throw error;
  }
}

function outputs(
  inputs: DdsSslInputs,
  live: DdsLiveSsl,
  applied: Record<string, unknown>,
): Record<string, unknown> {
  return {
    instanceId: inputs.instanceId,
    region: inputs.region,
    instanceType: live.instanceType,
    engineVersion: live.engineVersion,
    storageType: live.storageType,
    maintenanceWindow: live.maintenanceWindow,
    sslEnabled: live.sslEnabled,
    certificateExpiresAt: live.certificateExpiresAt,
    certificateCommonName: live.certificateCommonName,
    // Read back when the cloud returns it, else the value last sent; nothing while SSL is off.
    forceEncryption: live.sslEnabled
      ? (live.forceEncryption ?? applied.forceEncryption)
      : undefined,
  };
}

/**
 * Offline: with SSL on before and after, a forceEncryption change needs a renewal (rules.ts).
 * Without one the preview fails here, naming the fix, rather than restarting the instance.
 */
function drifted(inputs: DdsSslInputs, stored: Record<string, unknown>): string[] {
  if (!inputs.sslEnabled || stored.sslEnabled !== true || inputs.forceEncryption === undefined) {
    return [];
  }
  const have = stored.forceEncryption === true;
  if (inputs.forceEncryption === have) return [];
  const renewing = (inputs.rotateTrigger ?? null) !== (stored.rotateTrigger ?? null);
  const supported = acceptsForceEncryption(stored as unknown as DdsLiveSsl);
  if (!renewing && supported) {
    throw new DbSslError(
      { family: FAMILY, instanceId: inputs.instanceId },
      forceEncryptionNeedsRenewal(inputs.forceEncryption, have),
    );
  }
  return ["forceEncryption"];
}

/** Open, Update and Close all restart a MongoDB instance (seed 000 "Note"). */
function restartWarning(inputs: DdsSslInputs, stored: Record<string, unknown>): string | undefined {
  const toggled = inputs.sslEnabled !== stored.sslEnabled;
  const renewing = (inputs.rotateTrigger ?? null) !== (stored.rotateTrigger ?? null);
  if (!toggled && !(inputs.sslEnabled && renewing)) return undefined;
  return `applying this change ${ddsRestart(inputs, stored)}`;
}

function ddsRestart(inputs: DdsSslInputs, stored: Record<string, unknown> = {}): string {
  const when =
    inputs.switchMode === "maintenanceWindow"
      ? `in its maintenance window${stored.maintenanceWindow ? ` (${String(stored.maintenanceWindow)})` : ""}`
      : "now";
  return `restarts the MongoDB instance ${when} (SSL Open, Update and Close all restart it)`;
}

export const ddsDriver: SslDriver<DdsSslInputs, DdsLiveSsl> = {
  family: FAMILY,
  defaultTimeoutMinutes: DDS_DEFAULT_TIMEOUT_MINUTES,
  settleGraceMs: DDS_SETTLE_GRACE_MS,
  expectedDurationMs: DDS_EXPECTED_DURATION_MS,
  actions: ["open", "close", "update"],
  secretOutputs: [],
  inputNames: DDS_SETTING_NAMES,
  sdkPackages: ["@alicloud/openapi-core", "@alicloud/credentials"],
  inputFormats: DDS_INPUT_FORMATS,
  defaultRegion: (settings) => alibabaRegion({ settings } as DriverContext),
  withDefaults: ddsDefaults,
  validate: validateDdsInputs,
  drifted,
  restartWarning,
  switchEffect: (_enabled, inputs) => ddsRestart(inputs),
  read,
  validateLive,
  plan,
  send,
  observe: observeDds,
  outputs,
};
