/**
 * The TencentDB for PostgreSQL family driver: read = DescribeDBInstanceAttribute +
 * DescribeDBInstanceSSLConfig (+ DescribeTasks while running), write = ModifyDBInstanceSSLConfig,
 * one poll = DescribeTasks on the returned TaskId, then (once it says Success) the SSL read alone. No renewal action exists
 * (seed 003), so `actions` omits `update` and the core refuses rotateTrigger/renewBeforeDays.
 */
import { remainingFromProgressSince } from "../../core/lifecycle/remaining-estimate";
import type {
  DriverContext,
  SentAction,
  SettleObservation,
  SslAction,
  SslDriver,
} from "../../core/driver";
import { INSTANCE_GONE } from "../../core/driver";
import { isGone } from "../../core/cloud/errors";
import { TENCENT_SDK_PACKAGE, tencentRegion } from "../client";
import { POSTGRES_INPUT_FORMATS } from "../formats";
import {
  describeInstanceTasks,
  describeSslConfig,
  describeStatus,
  describeTask,
  modifySslConfig,
  type SslConfigAnswer,
} from "./calls";
import {
  FAMILY,
  POSTGRES_DEFAULT_TIMEOUT_MINUTES,
  POSTGRES_SECRET_OUTPUTS,
  POSTGRES_SETTLE_GRACE_MS,
  RUNNING,
  TASK_STATUS,
  TERMINAL_STATUSES,
} from "./consts";
import { sameAddress, validatePostgresInputs } from "./inputs";
import { POSTGRES_SETTING_NAMES } from "./schema";
import { PENDING_TASK_STATUSES, pendingLine } from "./pending";
import type { PostgresLiveSsl, PostgresSslInputs, PostgresTask } from "./types";

/** Live state; the task list is read only while the instance reads `running` (it is busy else). */
async function read(ctx: DriverContext, inputs: PostgresSslInputs): Promise<PostgresLiveSsl> {
  const status = await describeStatus(ctx, inputs);
  const ssl = await describeSslConfig(ctx, inputs);
  const tasks = status === RUNNING ? await describeInstanceTasks(ctx, inputs) : [];
  const running = tasks.find((t) => t.Status === TASK_STATUS.running);
  const waiting = tasks.find((t) => PENDING_TASK_STATUSES.includes(t.Status ?? ""));
  const terminal = TERMINAL_STATUSES.includes(status) ? `the instance is ${status}` : undefined;
  return {
    status,
    steady: status === RUNNING && !running && !terminal,
    terminal,
    // Every terminal status is an instance going away (isolated, recycled, offline; 17.10).
    ending: terminal !== undefined,
    inFlight: running && describeTaskLine(running),
    // A task waiting for the switch window or paused holds the instance: no second write.
    scheduled: waiting && pendingLine(waiting, describeTaskLine(waiting)),
    ...sslPart(ssl),
  };
}

/** What DescribeDBInstanceSSLConfig says, normalised (empty strings are absent values). */
function sslPart(ssl: SslConfigAnswer) {
  return {
    sslEnabled: ssl.SSLEnabled === true,
    connectAddress: ssl.ConnectAddress || undefined,
    caUrl: ssl.CAUrl || undefined,
    caCert: ssl.CACert || undefined,
  };
}

function plan(inputs: PostgresSslInputs, live: PostgresLiveSsl): SslAction | undefined {
  if (!inputs.sslEnabled) return live.sslEnabled ? "close" : undefined;
  if (!live.sslEnabled) return "open";
  // A new protected address while SSL stays on: SSLEnabled=true with the new ConnectAddress.
  return sameAddress(inputs.connectAddress, live.connectAddress) ? undefined : "reconfigure";
}

async function send(
  ctx: DriverContext,
  inputs: PostgresSslInputs,
  action: SslAction,
): Promise<SentAction> {
  // ConnectAddress "will be ignored when disabling SSL" (seed 003): not sent then.
  const enable = action !== "close";
  const answer = await modifySslConfig(ctx, inputs, {
    DBInstanceId: inputs.instanceId,
    SSLEnabled: enable,
    ...(enable ? { ConnectAddress: inputs.connectAddress } : {}),
  });
  // TaskId 0 means "nothing to wait for" on the proxy API (tencent-huawei.md §1.1): no task to poll.
  const taskId = answer.taskId === "0" ? undefined : answer.taskId;
  return { action, requestId: answer.requestId, taskId };
}

/** One poll: the task first; the SSL read once it says Success (or when there is no task id). */
async function observe(
  ctx: DriverContext,
  inputs: PostgresSslInputs,
  sent: SentAction,
  before: PostgresLiveSsl,
): Promise<SettleObservation<PostgresLiveSsl>> {
  if (sent.taskId === undefined) return observeLive(ctx, inputs, sent);
  const task = await describeTask(ctx, inputs, sent.taskId);
  const line = task ? describeTaskLine(task) : `task ${sent.taskId} not listed yet`;
  // DescribeTasks `Progress` (0-100) over the time since the write: the waiter's hint (issue 18).
  const remainingMs = remainingFromProgressSince(task?.Progress, sent, ctx.clock.now());
  const waiting = { state: line, steady: false, targetShown: false, remainingMs };
  switch (task?.Status) {
    case undefined:
      return { ...waiting, steady: true }; // not listed yet: no evidence either way
    case TASK_STATUS.success:
      return { ...(await observeSslAfter(ctx, inputs, sent, before, line)), evidence: "task" };
    case TASK_STATUS.waitSwitch:
    case TASK_STATUS.pause:
      return { ...waiting, scheduled: pendingLine(task, line) };
    case TASK_STATUS.fail:
      return {
        ...waiting,
        failure: `${line}: ${task.TaskDetail?.Message || "the cloud gave no detail"}`,
      };
    default:
      return waiting;
  }
}

async function observeLive(
  ctx: DriverContext,
  inputs: PostgresSslInputs,
  sent: SentAction,
  taskLine?: string,
): Promise<SettleObservation<PostgresLiveSsl>> {
  let live: PostgresLiveSsl;
  try {
    live = await read(ctx, inputs);
  } catch (error) {
    if (isGone(error)) {
      return INSTANCE_GONE;
    }
    throw error;
  }
  const state = `${taskLine ? `${taskLine}; ` : ""}instance ${describeLive(live)}`;
  return {
    state,
    steady: live.steady,
    targetShown: shows(inputs, live, sent),
    scheduled: taskLine ? undefined : live.scheduled,
    terminal: live.terminal,
    live, // `read` itself
  };
}

/**
 * The poll whose task reads `Success`: the SSL read alone (issue 18 item 4). `Success` is the end
 * of the change (DescribeTasks `Status` Running | Success | WaitSwitch | Fail | Pause, seed 003;
 * Terraform's `tencentcloud_postgresql_instance_ssl_config` ends its wait on it, then reads
 * DescribeDBInstanceSSLConfig alone, tencent-huawei.md §1.7), so the
 * instance need not be read again for steadiness: DescribeDBInstanceAttribute and the instance's
 * task list (two calls) would only show another change begun since, which is not this one's to
 * wait for. The status kept is the one read before the write (outputs carry only the SSL read).
 */
async function observeSslAfter(
  ctx: DriverContext,
  inputs: PostgresSslInputs,
  sent: SentAction,
  before: PostgresLiveSsl,
  taskLine: string,
): Promise<SettleObservation<PostgresLiveSsl>> {
  let ssl: SslConfigAnswer;
  try {
    ssl = await describeSslConfig(ctx, inputs);
  } catch (error) {
    if (isGone(error)) return INSTANCE_GONE;
    throw error;
  }
  const live: PostgresLiveSsl = { status: before.status, steady: true, ...sslPart(ssl) };
  return {
    state: `${taskLine}; SSL ${live.sslEnabled ? "on" : "off"}`,
    steady: true,
    targetShown: shows(inputs, live, sent),
    live,
  };
}

function shows(inputs: PostgresSslInputs, live: PostgresLiveSsl, sent: SentAction): boolean {
  if (sent.action === "close") return !live.sslEnabled;
  return live.sslEnabled && sameAddress(inputs.connectAddress, live.connectAddress);
}

function describeLive(live: PostgresLiveSsl): string {
  const extra = live.inFlight ? ` (${live.inFlight})` : "";
  return `${live.status}${extra}, SSL ${live.sslEnabled ? "on" : "off"}`;
}

function describeTaskLine(task: PostgresTask): string {
  const progress = task.Progress === undefined ? "" : ` ${task.Progress}%`;
  return `task ${task.TaskId ?? "?"}${task.TaskType ? ` ${task.TaskType}` : ""} ${task.Status}${progress}`;
}

/** Only what was read: connectAddress and the CA exist only while SSL is on. */
function outputs(_inputs: PostgresSslInputs, live: PostgresLiveSsl): Record<string, unknown> {
  return {
    sslEnabled: live.sslEnabled,
    connectAddress: live.connectAddress,
    caUrl: live.caUrl,
    caCert: live.caCert,
  };
}

export const postgresDriver: SslDriver<PostgresSslInputs, PostgresLiveSsl> = {
  family: FAMILY,
  defaultTimeoutMinutes: POSTGRES_DEFAULT_TIMEOUT_MINUTES,
  settleGraceMs: POSTGRES_SETTLE_GRACE_MS,
  // No prior: no Tencent document gives a duration (the emulator's was the placeholder); the
  // task's Progress predicts each change's end, the learned durations the rest (issue 18).
  actions: ["open", "close", "reconfigure"],
  secretOutputs: POSTGRES_SECRET_OUTPUTS,
  inputNames: POSTGRES_SETTING_NAMES,
  sdkPackages: [TENCENT_SDK_PACKAGE],
  inputFormats: POSTGRES_INPUT_FORMATS,
  defaultRegion: (settings) => tencentRegion(settings),
  withDefaults: (raw) => raw,
  validate: (inputs) => validatePostgresInputs(inputs),
  // Nothing to compare while SSL is declared off: the address is ignored then (seed 003).
  drifted: (inputs, outputs) =>
    inputs.sslEnabled && !sameAddress(inputs.connectAddress, outputs.connectAddress)
      ? ["connectAddress"]
      : [],
  read,
  plan,
  send,
  observe,
  outputs,
};
