/**
 * One Redis poll while a change settles (`redisDriver.observe`): the write's task, the task
 * centre's estimate when the waiter asks, the instance and the SSL read. Facts only: the core
 * decides when the change has finished (ARCHITECTURE F2).
 */
import type { DriverContext, PollWants, SentAction, SettleObservation } from "../../core/driver";
import { INSTANCE_GONE } from "../../core/driver";
import { CloudApiError, isGone } from "../../core/cloud/errors";
import { notice } from "../../core/log";
import { AlibabaApiError } from "../errors";
import {
  describeAttribute,
  describeSsl,
  describeTaskStatus,
  describeUnfinishedTask,
  unfinishedTask,
} from "./calls";
import { FAMILY, STEADY_STATUS } from "./consts";
import type { RedisLiveSsl, RedisSslInputs } from "./types";
import { readTaskStatus, unexplainedStatus, type TaskProgress } from "./task-status";
import { attributeOf, instanceCondition } from "./wire";

/**
 * The change's task by the TaskId the write answered (DescribeTaskDetail, task-status.ts);
 * undefined without one (the answer was lost) or when the detail is refused.
 */
async function taskDetail(
  ctx: DriverContext,
  inputs: RedisSslInputs,
  sent: SentAction,
): Promise<TaskProgress | undefined> {
  if (!sent.taskId) return undefined;
  try {
    return readTaskStatus(sent.taskId, await describeTaskStatus(ctx, inputs, sent.taskId));
  } catch (error) {
    if (!(error instanceof AlibabaApiError) || error.retryClass !== "final") throw error;
    return undefined;
  }
}

/** Without the task's detail: any unfinished task of the instance in DescribeHistoryTasks. */
async function anyUnfinishedTask(
  ctx: DriverContext,
  inputs: RedisSslInputs,
  detail?: TaskProgress,
): Promise<TaskProgress> {
  const unfinished = await describeUnfinishedTask(ctx, inputs);
  const state = [unfinished, detail?.state].filter(Boolean).join("; ") || undefined;
  return { running: unfinished !== undefined, state, unknownStatus: detail?.unknownStatus };
}

/**
 * One poll. With the write's TaskId the task comes first and decides while it runs (one call a
 * poll, as Tencent's and RDS v3's waits, plus the task centre's estimate when the waiter asks);
 * once it is COMPLETED, the SSL read. Without one, the status first, then any unfinished task.
 */
export async function observe(
  ctx: DriverContext,
  inputs: RedisSslInputs,
  sent: SentAction,
  before: RedisLiveSsl,
  wants: PollWants,
): Promise<SettleObservation<RedisLiveSsl>> {
  let detail, attribute;
  try {
    detail = await taskDetail(ctx, inputs, sent);
    if (detail?.running) return await runningTask(ctx, inputs, detail, wants);
    if (detail?.done) return await finishedTask(ctx, inputs, sent, before, detail);
    attribute = await describeAttribute(ctx, inputs);
  } catch (error) {
    if (isGone(error)) {
      return INSTANCE_GONE;
    }
    throw error;
  }
  const condition = instanceCondition(attribute);
  if (!condition.steady) {
    const { status, terminal } = condition;
    return { state: status, steady: false, targetShown: false, terminal };
  }
  // Still Normal: during the lag only the task shows that the change has not run yet. A task
  // status we cannot read leaves it to the task centre and the SSL read (task-status.ts).
  const task =
    detail && !detail.unknownStatus ? detail : await anyUnfinishedTask(ctx, inputs, detail);
  if (task.running) {
    return { state: `${condition.status} (${task.state})`, steady: false, targetShown: false };
  }
  return steadyObservation(
    ctx,
    inputs,
    sent,
    before,
    task,
    await describeSsl(ctx, inputs, attribute),
  );
}

/**
 * The write's task still RUNNING. Its detail has no estimate (DescribeTaskDetail answers
 * `BeginTime` and `Status` only), the task centre's entry has `RemainTime`: read when the waiter
 * asks (remaining-estimate.ts `wantsSample`), so most polls stay one call. A hint: a refused
 * or failed read of it leaves the poll without one rather than failing the wait.
 */
async function runningTask(
  ctx: DriverContext,
  inputs: RedisSslInputs,
  detail: TaskProgress,
  wants: PollWants,
): Promise<SettleObservation<RedisLiveSsl>> {
  const running = { state: detail.state!, steady: false, targetShown: false };
  if (!wants.remainingTime) return running;
  try {
    return { ...running, remainingMs: (await unfinishedTask(ctx, inputs))?.remainingMs };
  } catch (error) {
    if (error instanceof CloudApiError && !isGone(error)) return running;
    throw error;
  }
}

/**
 * The write's task COMPLETED: the SSL read decides, and the task is trusted for steadiness (it
 * restarts the instance and ends when it is back: a task still running shows RUNNING). So the
 * instance is not read again: its engine and architecture are what the read before the write
 * found (an SSL switch changes neither), its status the one a finished task leaves. That keeps
 * an instant change at the API's minimum + 1 (docs/BENCHMARKS.md "Minimum calls").
 */
async function finishedTask(
  ctx: DriverContext,
  inputs: RedisSslInputs,
  sent: SentAction,
  before: RedisLiveSsl,
  detail: TaskProgress,
): Promise<SettleObservation<RedisLiveSsl>> {
  const attribute = { ...attributeOf(before), instanceStatus: STEADY_STATUS };
  const live = await describeSsl(ctx, inputs, attribute);
  return steadyObservation(ctx, inputs, sent, before, detail, live);
}

/** A poll on a Normal instance with no task running: the SSL read decides, with the task's word. */
function steadyObservation(
  ctx: DriverContext,
  inputs: RedisSslInputs,
  sent: SentAction,
  before: RedisLiveSsl,
  task: TaskProgress,
  live: RedisLiveSsl,
): SettleObservation<RedisLiveSsl> {
  const targetShown = sent.action === "close" ? !live.sslEnabled : live.sslEnabled;
  const expiryChanged =
    live.certificateExpiresAt !== undefined &&
    live.certificateExpiresAt !== before.certificateExpiresAt;
  if (sent.action === "update" && task.done && !expiryChanged) noteFixedExpiry(ctx, inputs, task);
  return {
    state: `${live.status}, SSL ${live.sslEnabled ? "on" : "off"}${task.state ? `, ${task.state}` : ""}`,
    steady: true,
    targetShown,
    evidence: task.done
      ? "task"
      : expiryChanged && sent.action !== "close"
        ? "expiryChanged"
        : undefined,
    failure:
      task.failure ??
      (task.unknownStatus !== undefined && !targetShown
        ? unexplainedStatus(sent.taskId, task.unknownStatus)
        : undefined),
    live, // what `describe` reads: the attribute and the SSL read of this poll
  };
}

/** SSLExpiredTime is the CA's expiry (SDK model): a renewal need not move it; say so once. */
function noteFixedExpiry(ctx: DriverContext, inputs: RedisSslInputs, task: TaskProgress): void {
  const window =
    inputs.renewBeforeDays === undefined
      ? ""
      : "; renewBeforeDays compares that date, so it would ask again: prefer rotateTrigger";
  notice(
    ctx,
    `${FAMILY} ${inputs.instanceId}: certificate updated (${task.state}); SSLExpiredTime ` +
      `(the CA certificate's expiry) did not change${window}`,
  );
}
