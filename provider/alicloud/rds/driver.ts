/**
 * The ApsaraDB RDS family driver: read = DescribeDBInstanceAttribute + DescribeDBInstanceSSL,
 * write = ModifyDBInstanceSSL, one poll = status, lock and the SSL read. Deciding when a change
 * has finished, waiting, retrying and validation plumbing are provider/core.
 */
import { X509Certificate } from "node:crypto";
import type { CheckFailure } from "../../core/validation/check-failure";
import type {
  DriverContext,
  SentAction,
  SettleObservation,
  SslAction,
  SslDriver,
} from "../../core/driver";
import { INSTANCE_GONE } from "../../core/driver";
import { isGone } from "../../core/cloud/errors";
import { alibabaRegion } from "../client";
import { RDS_INPUT_FORMATS } from "../formats";
import {
  describe,
  describeAttribute,
  describeSsl,
  describeUnfinishedTask,
  modifySsl,
  unfinishedTask,
} from "./calls";
import {
  FAMILY,
  RDS_DEFAULT_TIMEOUT_MINUTES,
  RDS_EXPECTED_DURATION_MS,
  RDS_SETTLE_GRACE_MS,
} from "./consts";
import { ENGINE_SETTINGS, RDS_SECRET_NAMES, RDS_SETTING_NAMES } from "./schema";
import { rdsDefaults, validateRdsInputs } from "./inputs";
import type { RdsLiveSsl, RdsSslInputs } from "./types";
import {
  differingSettings,
  expandModifyRequest,
  instanceCondition,
  sentSettings,
  unsupportedSettings,
} from "./wire";

function plan(
  inputs: RdsSslInputs,
  live: RdsLiveSsl,
  applied: Record<string, unknown>,
  rotate: boolean,
): SslAction | undefined {
  if (!inputs.sslEnabled) return live.sslEnabled ? "close" : undefined;
  if (!live.sslEnabled) return "open";
  const changed = differingSettings(inputs, live as unknown as Record<string, unknown>, applied);
  // A new endpoint needs a certificate issued for it: that is the renewal call (seed 001,
  // ConnectionString "for which the server certificate needs to be created or updated").
  if (rotate || changed.includes("connectionString")) return "update";
  return changed.length > 0 ? "reconfigure" : undefined;
}

/** Engine rules (seed 001: most settings are PostgreSQL-only), checked before any write (F5). */
function validateLive(inputs: RdsSslInputs, live: RdsLiveSsl): CheckFailure[] {
  if (!inputs.sslEnabled) return [];
  return unsupportedSettings(inputs, live.engine).map((property) => ({
    property,
    reason:
      `${property} cannot be set on a ${live.engine} instance (ModifyDBInstanceSSL accepts it ` +
      `only on ${enginesAccepting(property)})`,
  }));
}

function enginesAccepting(property: string): string {
  const engines = Object.keys(ENGINE_SETTINGS).filter((e) => ENGINE_SETTINGS[e].includes(property));
  return engines.join(" or ");
}

/** `reconfigure` sends only what differs from what the instance shows or was last sent. */
function changedSettings(
  inputs: RdsSslInputs,
  action: SslAction,
  live: RdsLiveSsl,
  applied: Record<string, unknown>,
): string[] {
  return action === "reconfigure" ? differingSettings(inputs, asRecord(live), applied) : [];
}

/** The settings the write carries, also when its answer is lost (issue 17.2). */
function intended(
  inputs: RdsSslInputs,
  action: SslAction,
  live: RdsLiveSsl,
  applied: Record<string, unknown>,
): Record<string, unknown> {
  return sentSettings(inputs, action, changedSettings(inputs, action, live, applied));
}

async function send(
  ctx: DriverContext,
  inputs: RdsSslInputs,
  action: SslAction,
  live: RdsLiveSsl,
  applied: Record<string, unknown>,
): Promise<SentAction> {
  const changed = changedSettings(inputs, action, live, applied);
  const params = expandModifyRequest(inputs, action, live, changed);
  const requestId = await modifySsl(ctx, inputs, params);
  return { action, requestId, applied: sentSettings(inputs, action, changed) };
}

/** One poll: the status first; the SSL read only once the instance is Running again. */
async function observe(
  ctx: DriverContext,
  inputs: RdsSslInputs,
  sent: SentAction,
  before: RdsLiveSsl,
): Promise<SettleObservation<RdsLiveSsl>> {
  let attribute;
  try {
    attribute = await describeAttribute(ctx, inputs);
  } catch (error) {
    if (isGone(error)) return INSTANCE_GONE;
    throw error;
  }
  const condition = instanceCondition(attribute);
  if (!condition.steady) {
    return {
      state: condition.status,
      steady: false,
      targetShown: false,
      terminal: condition.terminal,
    };
  }
  // Still Running: during the lag only the task center shows that the change has not run yet.
  // Its RemainTime is the waiter's hint; polls while the status shows the change read no task
  // (one call a poll), so the hint comes from the lag's polls (docs/BENCHMARKS.md).
  const task = await unfinishedTask(ctx, inputs);
  if (task) {
    const { description, remainingMs } = task;
    return {
      state: `${condition.status} (${description})`,
      steady: false,
      targetShown: false,
      remainingMs,
    };
  }
  const live = await describeSsl(ctx, inputs, attribute);
  const expiryChanged =
    live.certificateExpiresAt !== undefined &&
    live.certificateExpiresAt !== before.certificateExpiresAt;
  return {
    state: `${live.status}, SSL ${live.sslEnabled ? "on" : "off"}`,
    steady: true,
    targetShown: shows(inputs, live, sent, expiryChanged),
    evidence: expiryChanged && sent.action !== "close" ? "expiryChanged" : undefined,
    failure:
      live.lastModifyStatus === "failed"
        ? `the cloud reports the SSL change failed: ${live.modifyStatusReason ?? "no reason given"}`
        : undefined,
    // PostgreSQL keeps LastModifyStatus=failed from an earlier change until the next one runs.
    failureMayBeStale: before.lastModifyStatus === "failed",
    live, // what `describe` reads: the attribute and the SSL read of this poll
  };
}

/** Whether the SSL read shows what `sent` asked for (only what the engine echoes is compared). */
function shows(
  inputs: RdsSslInputs,
  live: RdsLiveSsl,
  sent: SentAction,
  expiryChanged: boolean,
): boolean {
  if (live.lastModifyStatus === "setting") return false;
  if (sent.action === "close") return !live.sslEnabled;
  if (!live.sslEnabled) return false;
  if (sent.action === "update" && !expiryChanged) return false;
  // Settings the engine does not echo count as shown: `applied` (what was sent) stands for them.
  return differingSettings(inputs, asRecord(live), sent.applied ?? {}).length === 0;
}

function outputs(
  inputs: RdsSslInputs,
  live: RdsLiveSsl,
  applied: Record<string, unknown>,
): Record<string, unknown> {
  // Settings exist only while SSL is on; the cloud's answer wins, else what was last sent.
  const setting = (name: (typeof RDS_SETTING_NAMES)[number]) =>
    live.sslEnabled ? (asRecord(live)[name] ?? applied[name]) : undefined;
  const serverCert = setting("serverCert") as string | undefined;
  return {
    instanceId: inputs.instanceId,
    region: inputs.region,
    engine: live.engine,
    sslEnabled: live.sslEnabled,
    certificateExpiresAt: live.certificateExpiresAt,
    certificateCommonName: commonNameOf(serverCert),
    requireUpdate: live.requireUpdate,
    connectionString: live.connectionString,
    serverCaUrl: live.serverCaUrl,
    ...Object.fromEntries(
      RDS_SETTING_NAMES.filter((n) => n !== "connectionString").map((n) => [n, setting(n)]),
    ),
    // Never the key DescribeDBInstanceSSL returns for PostgreSQL: only the one we sent (secret).
    serverKey: live.sslEnabled ? applied.serverKey : undefined,
  };
}

/** The certificate's subject CN; undefined when no certificate was read or sent (aliyun CA). */
function commonNameOf(pem: string | undefined): string | undefined {
  if (!pem) return undefined;
  try {
    const subject = new X509Certificate(pem).subject;
    return /^CN=(.*)$/m.exec(subject)?.[1];
  } catch {
    return undefined;
  }
}

function asRecord(live: RdsLiveSsl): Record<string, unknown> {
  return live as unknown as Record<string, unknown>;
}

const RDS_RESTART = "restarts the instance (a few minutes without connections)";

/**
 * Enabling or disabling SSL, and changing a certificate, restart an RDS instance (MySQL about
 * 3 minutes: docs 96120 and "configure a custom certificate"; SQL Server: doc 95715).
 */
function restartWarning(
  inputs: RdsSslInputs,
  outputs: Record<string, unknown>,
): string | undefined {
  const toggled = inputs.sslEnabled !== outputs.sslEnabled;
  const certChanged =
    inputs.sslEnabled &&
    differingSettings(inputs, outputs, outputs).some(
      (k) => k === "serverCert" || k === "caType" || k === "connectionString",
    );
  if (!toggled && !certChanged && inputs.rotateTrigger === outputs.rotateTrigger) return undefined;
  return `applying this change ${RDS_RESTART}`;
}

export const rdsDriver: SslDriver<RdsSslInputs, RdsLiveSsl> = {
  family: FAMILY,
  defaultTimeoutMinutes: RDS_DEFAULT_TIMEOUT_MINUTES,
  settleGraceMs: RDS_SETTLE_GRACE_MS,
  expectedDurationMs: RDS_EXPECTED_DURATION_MS,
  actions: ["open", "close", "update", "reconfigure"],
  secretOutputs: RDS_SECRET_NAMES,
  inputNames: RDS_SETTING_NAMES,
  sdkPackages: ["@alicloud/rds20140815", "@alicloud/openapi-core", "@alicloud/credentials"],
  inputFormats: RDS_INPUT_FORMATS,
  defaultRegion: (settings) => alibabaRegion({ settings } as DriverContext),
  withDefaults: rdsDefaults,
  validate: validateRdsInputs,
  // Nothing to compare while SSL is declared off: settings exist only with SSL on.
  drifted: (inputs, outputs) =>
    inputs.sslEnabled ? differingSettings(inputs, outputs, outputs) : [],
  restartWarning,
  switchEffect: () => RDS_RESTART,
  read: describe,
  unfinishedChange: describeUnfinishedTask,
  validateLive,
  plan,
  intended,
  send,
  observe,
  outputs,
};
