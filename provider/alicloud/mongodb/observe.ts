/**
 * One poll of a DDS change (the driver's `observe`): the task centre first, then either the SSL
 * read alone (the change's own task has finished) or the status and the SSL read.
 *
 * Why the task centre first (issue 18 item 4, docs/BENCHMARKS.md "Minimum calls"): while a change
 * runs it lists the change's task (`Scheduled` in the lag, when DescribeDBInstanceAttribute still
 * reads `Running`, alibaba.md §1.1; `Running` while the instance modifies and restarts), so a
 * poll then costs one call, as the status alone cost before. Once the change's own task reads
 * `Succeed`, the change's workflow, restart included, is over (DescribeHistoryTasks `Status`, DDS
 * Go SDK `describe_history_tasks_response_body_model.go`), and the same answer shows whether any
 * other task that may touch the instance is still in flight: the instance is steady without
 * reading DescribeDBInstanceAttribute again. What that call would add, the instance type, engine
 * version, storage type and maintenance window, ModifyDBInstanceSSL cannot change (its parameters
 * are DBInstanceId, SSLAction, SwitchMode and ForceEncryption, seed 000), so the live state keeps
 * what the read before the write read; nothing is claimed that no call returned.
 * Without the own task (not listed, a quiet change, a task type that does not name SSL), the poll
 * reads the status and the SSL state as it always did.
 */
import type { DriverContext, SentAction, SettleObservation } from "../../core/driver";
import { INSTANCE_GONE } from "../../core/driver";
import { isGone } from "../../core/cloud/errors";
import { describeAttribute, describeOpenTasks, describeSsl } from "./calls";
import { POLL_TASK_STATUSES } from "./consts";
import type { DdsLiveSsl, DdsSslInputs } from "./types";
import {
  combineLive,
  describeTask,
  finishedOwnTask,
  inFlightRemainingMs,
  instancePart,
  instancePartOf,
  taskCondition,
  type DdsInstancePart,
} from "./wire";

type Body = Record<string, unknown>;

export async function observeDds(
  ctx: DriverContext,
  inputs: DdsSslInputs,
  sent: SentAction,
  before: DdsLiveSsl,
): Promise<SettleObservation<DdsLiveSsl>> {
  try {
    return await poll(ctx, inputs, sent, before);
  } catch (error) {
    if (isGone(error)) return INSTANCE_GONE;
    throw error;
  }
}

async function poll(
  ctx: DriverContext,
  inputs: DdsSslInputs,
  sent: SentAction,
  before: DdsLiveSsl,
): Promise<SettleObservation<DdsLiveSsl>> {
  const tasks = await describeOpenTasks(ctx, inputs, POLL_TASK_STATUSES);
  const { inFlight, scheduled } = taskCondition(tasks);
  if (scheduled && inputs.switchMode === "maintenanceWindow") {
    return { state: scheduled, steady: true, targetShown: false, scheduled };
  }
  const waiting = inFlight ?? scheduled;
  if (waiting) {
    const remainingMs = inFlightRemainingMs(tasks);
    return { state: waiting, steady: false, targetShown: false, remainingMs };
  }
  const own = finishedOwnTask(tasks, before);
  if (own) {
    const observed = await withSsl(ctx, inputs, sent, before, instancePartOf(before), tasks);
    return { ...observed, state: `${describeTask(own)}; ${observed.state}`, evidence: "task" };
  }
  const instance = instancePart(await describeAttribute(ctx, inputs));
  if (!instance.steady) {
    const { status, terminal } = instance;
    return { state: status, steady: false, targetShown: false, terminal };
  }
  return withSsl(ctx, inputs, sent, before, instance, tasks);
}

/** The SSL read on a steady instance: the target shown, the expiry moved, the live state. */
async function withSsl(
  ctx: DriverContext,
  inputs: DdsSslInputs,
  sent: SentAction,
  before: DdsLiveSsl,
  instance: DdsInstancePart,
  tasks: Body[],
): Promise<SettleObservation<DdsLiveSsl>> {
  const live = combineLive(instance, await describeSsl(ctx, inputs), tasks);
  const expiryChanged =
    live.certificateExpiresAt !== undefined &&
    live.certificateExpiresAt !== before.certificateExpiresAt;
  return {
    state: `${live.status}, SSL ${live.sslEnabled ? "Open" : "Closed"}`,
    steady: true,
    targetShown: shows(live, sent, expiryChanged),
    evidence: expiryChanged && sent.action !== "close" ? "expiryChanged" : undefined,
    live, // what `read` returns: the instance part, this poll's SSL read and task list
  };
}

/** Whether the SSL read shows what `sent` asked for. */
function shows(live: DdsLiveSsl, sent: SentAction, expiryChanged: boolean): boolean {
  if (sent.action === "close") return !live.sslEnabled;
  if (!live.sslEnabled || (sent.action === "update" && !expiryChanged)) return false;
  const force = sent.applied?.forceEncryption;
  return (
    force === undefined || live.forceEncryption === undefined || live.forceEncryption === force
  );
}
