/**
 * DDS wire mapping: the three read answers -> normalised live state (flatten), and declared inputs
 * + action -> ModifyDBInstanceSSL parameters (expand). Wire names: seed 000 and alibaba.md §1.2.
 */
import type { SslAction } from "../../core/driver";
import { blocksSslChange } from "../task-center";
import {
  DDS_RUNNING,
  EXPIRED_LOCK,
  FINISHED_TASK_STATUS,
  FORCE_ENCRYPTION_VERSIONS,
  IN_FLIGHT_TASK_STATUSES,
  SSL_ACTION_WIRE,
  SSL_TASK_TYPE,
  SWITCH_MODES,
  TERMINAL_STATUSES,
  WAITING_TASK_STATUS,
} from "./consts";
import type { DdsLiveSsl, DdsSslInputs } from "./types";

type Body = Record<string, unknown>;
const text = (v: unknown): string | undefined =>
  typeof v === "string" && v !== "" ? v : undefined;

export interface DdsAnswers {
  attribute: Body;
  ssl: Body;
  tasks: Body[];
}

/** Status and lock mode -> steady / terminal (DescribeDBInstanceAttribute `LockMode`). */
export function instanceCondition(attribute: Body) {
  const status = text(attribute.DBInstanceStatus) ?? "unknown";
  const lockMode = text(attribute.LockMode);
  const locked = lockMode !== undefined && lockMode !== "Unlock";
  const terminal = locked
    ? `the instance is locked (LockMode ${lockMode})`
    : TERMINAL_STATUSES.includes(status)
      ? `the instance is ${status}`
      : undefined;
  // Going away (issue 17.10): deleted, released, shut down, or locked because it expired.
  const ending = locked ? lockMode === EXPIRED_LOCK : TERMINAL_STATUSES.includes(status);
  return { status, steady: status === DDS_RUNNING && !terminal, terminal, ending };
}

/** A one-line description of a task, for progress lines and `pendingChange`. */
export function describeTask(task: Body): string {
  const type = text(task.TaskType) ?? "task";
  return `${type} ${text(task.TaskId) ?? "?"} ${text(task.Status) ?? "?"}`;
}

/** In-flight tasks make the instance not steady; a waiting SSL task is a scheduled change. */
/** `RemainTime` of the in-flight task (seconds; the cloud's estimate) in ms, or undefined. */
export function inFlightRemainingMs(tasks: Body[]): number | undefined {
  const task = tasks.find((t) => IN_FLIGHT_TASK_STATUSES.includes(String(t.Status)));
  const seconds = Number(task?.RemainTime);
  return task?.RemainTime !== undefined && Number.isFinite(seconds) && seconds >= 0
    ? seconds * 1000
    : undefined;
}

export function taskCondition(tasks: Body[]): { inFlight?: string; scheduled?: string } {
  // Only tasks that may collide with an SSL change (task-center.ts; not a backup, issue 17.9).
  const inFlight = tasks.find(
    (t) =>
      IN_FLIGHT_TASK_STATUSES.includes(String(t.Status)) &&
      blocksSslChange({ taskType: text(t.TaskType) }),
  );
  const waiting = tasks.find(
    (t) => t.Status === WAITING_TASK_STATUS && SSL_TASK_TYPE.test(String(t.TaskType ?? "")),
  );
  return {
    inFlight: inFlight && describeTask(inFlight),
    scheduled: waiting && `${describeTask(waiting)} (waits for the maintenance window)`,
  };
}

export function flattenLive({ attribute, ssl, tasks }: DdsAnswers): DdsLiveSsl {
  return combineLive(instancePart(attribute), ssl, tasks);
}

/** The instance part of a DescribeDBInstanceAttribute answer. */
export function instancePart(attribute: Body): DdsInstancePart {
  const start = text(attribute.MaintainStartTime);
  const end = text(attribute.MaintainEndTime);
  return {
    ...instanceCondition(attribute),
    instanceType: text(attribute.DBInstanceType),
    engineVersion: text(attribute.EngineVersion),
    storageType: text(attribute.StorageType),
    maintenanceWindow: start && end ? `${start}-${end}` : undefined,
  };
}

/** What DescribeDBInstanceAttribute says of the instance (status, lock, engine, storage, window). */
export type DdsInstancePart = Pick<
  DdsLiveSsl,
  | "status"
  | "steady"
  | "terminal"
  | "ending"
  | "instanceType"
  | "engineVersion"
  | "storageType"
  | "maintenanceWindow"
>;

/** The instance part of a live state read earlier (a poll that trusts a finished task, driver.ts). */
export function instancePartOf(live: DdsLiveSsl): DdsInstancePart {
  const { status, terminal, ending, instanceType, engineVersion, storageType } = live;
  return {
    status,
    steady: status === DDS_RUNNING && !terminal,
    terminal,
    ending,
    instanceType,
    engineVersion,
    storageType,
    maintenanceWindow: live.maintenanceWindow,
  };
}

/** The instance part, the SSL read and the task list -> the normalised live state. */
export function combineLive(instance: DdsInstancePart, ssl: Body, tasks: Body[]): DdsLiveSsl {
  const { inFlight, scheduled } = taskCondition(tasks);
  const enabled = ssl.SSLStatus === "Open"; // `Open` / `Closed` (the request verb is `Close`)
  return {
    ...instance,
    steady: instance.steady && !inFlight,
    inFlight,
    scheduled,
    sslEnabled: enabled,
    certificateExpiresAt: enabled ? iso(ssl.SSLExpiredTime) : undefined,
    certificateCommonName: enabled ? text(ssl.CertCommonName) : undefined,
    forceEncryption: ssl.ForceEncryption === undefined ? undefined : ssl.ForceEncryption === "1",
    sslUnsupported: text(ssl.unsupported),
    sslTaskIds: sslTasks(tasks).map((t) => String(t.TaskId)),
  };
}

/** The SSL changes among the listed tasks (SSL_TASK_TYPE: an inference, see consts.ts). */
function sslTasks(tasks: Body[]): Body[] {
  return tasks.filter((t) => SSL_TASK_TYPE.test(String(t.TaskType ?? "")) && text(t.TaskId));
}

/**
 * The task of the change just sent, finished: an SSL task that `Succeed`ed and that the read
 * before the write did not list (DDS's write answers only a RequestId, so a new task id is how
 * the change's own task is told from an earlier one; no clock is compared, task times may be
 * skewed). Undefined when `before` listed no tasks (it was not read with the finished status).
 */
export function finishedOwnTask(tasks: Body[], before: DdsLiveSsl): Body | undefined {
  const known = before.sslTaskIds;
  if (known === undefined) return undefined;
  return sslTasks(tasks).find(
    (t) => t.Status === FINISHED_TASK_STATUS && !known.includes(String(t.TaskId)),
  );
}

function iso(v: unknown): string | undefined {
  const t = typeof v === "string" ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

/** MongoDB 7.0 / 8.0 on cloud disks (seed 000; Terraform `force_encryption` doc). */
export function acceptsForceEncryption(live: DdsLiveSsl): boolean {
  const major = /^(\d+\.\d+)/.exec(live.engineVersion ?? "")?.[1] ?? "";
  return (
    FORCE_ENCRYPTION_VERSIONS.includes(major) && live.storageType?.startsWith("cloud_") === true
  );
}

/** The forceEncryption the instance has: read back, else last sent, else off (never set). */
export function liveForceEncryption(live: DdsLiveSsl, applied: Record<string, unknown>): boolean {
  if (live.forceEncryption !== undefined) return live.forceEncryption;
  return applied.forceEncryption === true;
}

/** Declared forceEncryption differs from the instance's (only meaningful with SSL on). */
export function forceEncryptionDiffers(
  inputs: DdsSslInputs,
  live: DdsLiveSsl,
  applied: Record<string, unknown>,
): boolean {
  return (
    inputs.forceEncryption !== undefined &&
    inputs.forceEncryption !== liveForceEncryption(live, applied)
  );
}

/**
 * ModifyDBInstanceSSL parameters. `ForceEncryption` travels with Open and Update when declared
 * and the instance has the feature (a declared `false` on an instance without it needs nothing).
 */
export function expandModifyRequest(
  inputs: DdsSslInputs,
  action: Exclude<SslAction, "reconfigure">,
  live: DdsLiveSsl,
): Record<string, string> {
  const params: Record<string, string> = {
    DBInstanceId: inputs.instanceId,
    SSLAction: SSL_ACTION_WIRE[action],
    SwitchMode: SWITCH_MODES[inputs.switchMode] ?? SWITCH_MODES.immediately,
  };
  if (action !== "close" && sendsForceEncryption(inputs, live)) {
    params.ForceEncryption = inputs.forceEncryption ? "1" : "0";
  }
  return params;
}

export function sendsForceEncryption(inputs: DdsSslInputs, live: DdsLiveSsl): boolean {
  return inputs.forceEncryption !== undefined && acceptsForceEncryption(live);
}
