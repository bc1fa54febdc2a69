/**
 * The Tair / ApsaraDB for Redis family driver: read = DescribeInstanceAttribute +
 * DescribeInstanceSSL, write = ModifyInstanceSSL (Enable / Disable / Update, answers a TaskId), one
 * poll = the task, the status, the SSL read. The SSL read never shows a renewal (it reads `Enable`
 * before and after, and its expiry is the CA's), so a renewal's evidence is its task (F2).
 * Waiting, deciding when a change has finished, retries and validation plumbing are provider/core.
 */
import type { CheckFailure } from "../../core/validation/check-failure";
import type {
  DriverContext,
  SentAction,
  SettleObservation,
  SslAction,
  PollWants,
  SslDriver,
} from "../../core/driver";
import { INSTANCE_GONE } from "../../core/driver";
import { CloudApiError, isGone } from "../../core/cloud/errors";
import { notice } from "../../core/log";
import { alibabaRegion } from "../client";
import { AlibabaApiError } from "../errors";
import {
  describe,
  describeAttribute,
  describeSsl,
  describeTaskStatus,
  describeUnfinishedTask,
  modifySsl,
  unfinishedTask,
} from "./calls";
import {
  ALREADY_IN_STATE,
  ERROR_ADVICE,
  FAMILY,
  REDIS_DEFAULT_TIMEOUT_MINUTES,
  REDIS_SETTLE_GRACE_MS,
  SSL_ENABLED_WIRE,
  STEADY_STATUS,
} from "./consts";
import { REDIS_INPUT_FORMATS } from "./schema";
import type { RedisLiveSsl, RedisSslInputs } from "./types";
import { readTaskStatus, unexplainedStatus, type TaskProgress } from "./task-status";
import { attributeOf, instanceCondition } from "./wire";

/**
 * The waiter's prior per action (docs/BENCHMARKS.md). Tair documents only that the restart is a
 * "second-level connection blip" (alibaba.md §1.3), not how long the task takes: this is the
 * emulator's observed duration (tests/emulator/alibaba: 12 s before the change shows, 30 s of
 * change), not a cloud's figure.
 * PLACEHOLDER until a real change is timed: the first change of this family measured in a
 * process replaces it there (core/lifecycle/learned-durations.ts), and a resource's own
 * `lastChangeSeconds` replaces it for that resource's next change.
 */
const REDIS_PLACEHOLDER_PRIOR_MS = { open: 42_000, close: 42_000, update: 42_000 } as const;

/** Enable issues a fresh certificate, so `rotate` on a closed instance is an open. */
function plan(
  inputs: RedisSslInputs,
  live: RedisLiveSsl,
  _applied: Record<string, unknown>,
  rotate: boolean,
): SslAction | undefined {
  if (!inputs.sslEnabled) return live.sslEnabled ? "close" : undefined;
  if (!live.sslEnabled) return "open";
  return rotate ? "update" : undefined;
}

/**
 * What the live instance must offer before TLS is turned on (F5): an engine whose SSL read is not
 * refused (IncorrectEngineVersion, seed 002: "Update the minor version and try again"), and the
 * master-replica architecture (Tair "Enable TLS encryption" prerequisites; `NodeType` single is a
 * standalone instance).
 */
function validateLive(inputs: RedisSslInputs, live: RedisLiveSsl): CheckFailure[] {
  if (!inputs.sslEnabled) return [];
  if (live.sslUnsupported) {
    return [
      {
        property: "sslEnabled",
        reason:
          `the cloud refuses TLS for this instance (DescribeInstanceSSL answered ` +
          `${live.sslUnsupported}). ${ERROR_ADVICE.IncorrectEngineVersion}`,
      },
    ];
  }
  if (!live.sslEnabled && live.nodeType === "single") {
    return [
      {
        property: "sslEnabled",
        reason:
          "TLS needs the master-replica architecture (NodeType double); this instance is " +
          "standalone (NodeType single)",
      },
    ];
  }
  return [];
}

async function send(
  ctx: DriverContext,
  inputs: RedisSslInputs,
  action: SslAction,
): Promise<SentAction> {
  const wire = SSL_ENABLED_WIRE[action as keyof typeof SSL_ENABLED_WIRE];
  try {
    const { requestId, taskId } = await modifySsl(ctx, inputs, wire);
    return { action, requestId, taskId };
  } catch (error) {
    // Only the answer that matches what was sent confirms it (Update on a closed instance is an error).
    if (error instanceof AlibabaApiError && ALREADY_IN_STATE[error.code] === action) {
      return { action, requestId: error.requestId, alreadyInState: true };
    }
    throw error;
  }
}

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
async function observe(
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

function outputs(inputs: RedisSslInputs, live: RedisLiveSsl): Record<string, unknown> {
  return {
    instanceId: inputs.instanceId,
    region: inputs.region,
    engine: live.engine,
    engineVersion: live.engineVersion,
    sslEnabled: live.sslEnabled,
    certificateExpiresAt: live.certificateExpiresAt,
    certificateCommonName: live.certificateCommonName,
    caDownloadUrl: live.caDownloadUrl,
  };
}

/** Tair's TLS docs name enabling and updating as restarting; disabling is not said to (alibaba.md §1.3). */
const REDIS_RESTART = "restarts the instance (connections drop for a few seconds)";

/** Enabling TLS and updating the certificate restart the instance (alibaba.md §1.3: a blip of seconds). */
function restartWarning(
  inputs: RedisSslInputs,
  outputs: Record<string, unknown>,
): string | undefined {
  if (!inputs.sslEnabled) return undefined;
  const opening = outputs.sslEnabled !== true;
  const renewing = (inputs.rotateTrigger ?? null) !== (outputs.rotateTrigger ?? null);
  if (!opening && !renewing) return undefined;
  return (
    `${opening ? "enabling TLS" : "updating the certificate"} ${REDIS_RESTART}; ` +
    "clients must trust the CA at caDownloadUrl"
  );
}

export const redisDriver: SslDriver<RedisSslInputs, RedisLiveSsl> = {
  family: FAMILY,
  defaultTimeoutMinutes: REDIS_DEFAULT_TIMEOUT_MINUTES,
  settleGraceMs: REDIS_SETTLE_GRACE_MS,
  expectedDurationMs: REDIS_PLACEHOLDER_PRIOR_MS,
  actions: ["open", "close", "update"],
  secretOutputs: [],
  inputNames: [],
  sdkPackages: ["@alicloud/r-kvstore20150101", "@alicloud/openapi-core", "@alicloud/credentials"],
  inputFormats: REDIS_INPUT_FORMATS,
  defaultRegion: (settings) => alibabaRegion({ settings } as DriverContext),
  // ModifyInstanceSSL has no setting besides SSLEnabled (seed 002): nothing to default or check.
  withDefaults: (raw) => raw,
  validate: () => [],
  drifted: () => [],
  restartWarning,
  switchEffect: (enabled) => (enabled ? REDIS_RESTART : undefined),
  read: describe,
  unfinishedChange: describeUnfinishedTask,
  validateLive,
  plan,
  send,
  observe,
  outputs,
};
