/**
 * One driver for the RDS v3 API of two clouds (ARCHITECTURE §3.5, F11): read = list the instance by
 * id, write = the SSL switch, one poll = the job (when the PUT returned one) and the instance.
 * Waiting, deciding "finished", retries and validation plumbing are provider/core.
 */
import { checkProperties } from "../core/validation/check-failure";
import { checkTable } from "../core/validation/input-schema";
import { ownInputNames } from "../core/validation/inputs";
import {
  progressRereadAfter,
  remainingFromProgressSince,
} from "../core/lifecycle/remaining-estimate";
import type {
  DriverContext,
  PollWants,
  SentAction,
  SettleObservation,
  SslAction,
  SslDriver,
} from "../core/driver";
import { INSTANCE_GONE } from "../core/driver";
import { CloudApiError, isGone } from "../core/cloud/errors";
import { listInstance, newestRunningTask, showJob, switchSsl } from "./calls";
import { clearChangeMark, markOf, setChangeMark, unfinishedChangeOf } from "./change-mark";
import { cloudRegion, HUAWEI_CLOUD, OPEN_TELEKOM_CLOUD, type RdsV3Cloud } from "./clouds";
import {
  ACTIVE,
  JOB_STATUS,
  NOTHING_TO_PROTECT_STATUSES,
  RDSV3_DEFAULT_TIMEOUT_MINUTES,
  RDSV3_PLACEHOLDER_PRIOR_MS,
  RDSV3_JOB_QUERYABLE_AFTER_MS,
  RDSV3_SETTLE_GRACE_MS,
  TERMINAL_STATUSES,
} from "./consts";
import { canToggle, engineFailures, onDeleteReason, whyNoSwitch } from "./engines";
import { rdsV3InputSchema } from "./schema";
import type { InstanceRecord, RdsV3Inputs, RdsV3Live } from "./types";

/** OTC user guide configuring_an_ssl_connection.rst (tencent-huawei.md §2.3): on and off both reboot. */
const RDSV3_REBOOT = "reboots the instance (connections are interrupted)";

export function toLive(record: InstanceRecord, projectId: string): RdsV3Live {
  const status = record.status ?? "unknown";
  return {
    sslEnabled: record.enable_ssl === true,
    status,
    steady: status === ACTIVE,
    terminal: TERMINAL_STATUSES.includes(status) ? `the instance is ${status}` : undefined,
    ending: NOTHING_TO_PROTECT_STATUSES.includes(status),
    engine: record.datastore?.type ?? "unknown",
    engineVersion: record.datastore?.version,
    projectId,
    changeMark: markOf(record),
  };
}

/** A job's or task's `process`: a percent as a string, "" once it is not running (rds_13_0002/3). */
const percentOf = (process: string | undefined): number => (process ? Number(process) : NaN);

function plan(inputs: RdsV3Inputs, live: RdsV3Live): SslAction | undefined {
  if (inputs.sslEnabled === live.sslEnabled) return undefined;
  return inputs.sslEnabled ? "open" : "close";
}

export function rdsV3Driver(cloud: RdsV3Cloud): SslDriver<RdsV3Inputs, RdsV3Live> {
  const schema = rdsV3InputSchema(cloud);
  const ownInputs = ownInputNames(schema);
  async function read(ctx: DriverContext, inputs: RdsV3Inputs): Promise<RdsV3Live> {
    const { record, projectId } = await listInstance(ctx, cloud, inputs);
    return toLive(record, projectId);
  }

  async function send(
    ctx: DriverContext,
    inputs: RdsV3Inputs,
    action: SslAction,
  ): Promise<SentAction> {
    // The evidence a crash in the cloud's lag would otherwise erase (change-mark.ts).
    await setChangeMark(ctx, cloud, inputs, action);
    const { requestId, jobId } = await switchSsl(ctx, cloud, inputs, action === "open");
    if (!jobId) return { action, requestId };
    // A poll before the job can be queried costs two calls and can end nothing.
    return { action, requestId, taskId: jobId, observableAfterMs: RDSV3_JOB_QUERYABLE_AFTER_MS };
  }

  /** The instance part of a poll: the flag must show the target on an ACTIVE instance. */
  async function instanceObservation(
    ctx: DriverContext,
    inputs: RdsV3Inputs,
    sent: SentAction,
  ): Promise<SettleObservation<RdsV3Live>> {
    let live: RdsV3Live;
    try {
      live = await read(ctx, inputs);
    } catch (error) {
      if (isGone(error)) return INSTANCE_GONE;
      throw error;
    }
    return {
      state: `${live.status}, SSL ${live.sslEnabled ? "on" : "off"}`,
      steady: live.steady,
      targetShown: live.sslEnabled === (sent.action === "open"),
      terminal: live.terminal,
      live, // `read` itself
    };
  }

  /**
   * Per wait, when the instant task list is worth reading again beside the waiter's asking: never
   * once it showed no running task while the instance rebooted; else when its progress can have
   * grown enough to say more (`progressRereadAfter`).
   */
  const nextTaskRead = new WeakMap<SentAction, number>();

  /**
   * Without a job (OTC's answer is `{}` or an empty 202) the instance decides. While it reboots,
   * the instant task list may show the switch with a `process`: the only estimate this cloud can
   * give, read when the waiter asks (`PollWants`). Neither cloud documents that the list shows
   * an SSL switch (calls.ts), so once it shows nothing running while the instance reboots it is
   * not read again in this wait: a cloud that leaves the switch out costs one call, not one a poll.
   * A whole percent is coarse early on, and one read is not a trend: it is read again as the
   * progress grows (`progressRereadAfter`), a handful of calls per change. A hint: a refused
   * read leaves the poll without one rather than failing the wait.
   */
  async function observeWithoutJob(
    ctx: DriverContext,
    inputs: RdsV3Inputs,
    sent: SentAction,
    wants: PollWants,
  ): Promise<SettleObservation<RdsV3Live>> {
    const seen = await instanceObservation(ctx, inputs, sent);
    if (seen.steady || seen.gone || seen.terminal) return seen;
    const now = ctx.clock.now();
    const next = nextTaskRead.get(sent);
    if (next === undefined ? !wants.remainingTime : now < next) return seen;
    try {
      const task = await newestRunningTask(ctx, cloud, inputs);
      if (!task) {
        nextTaskRead.set(sent, Infinity);
        return seen;
      }
      const percent = percentOf(task.process);
      const elapsed = now - (sent.answeredAt ?? now);
      const rereadAfter = progressRereadAfter(percent, elapsed);
      if (rereadAfter === undefined) nextTaskRead.delete(sent);
      else nextTaskRead.set(sent, now - elapsed + rereadAfter);
      const remainingMs = remainingFromProgressSince(percent, sent, now);
      const state = `${seen.state}, task ${task.name ?? task.id} ${task.process || "?"} %`;
      return { ...seen, state, remainingMs };
    } catch (error) {
      if (!(error instanceof CloudApiError) || isGone(error)) throw error;
      nextTaskRead.set(sent, Infinity);
      return seen;
    }
  }

  /** With a job: Running is proof the change runs, Failed ends it, Completed lets the instance decide. */
  async function observe(
    ctx: DriverContext,
    inputs: RdsV3Inputs,
    sent: SentAction,
    wants: PollWants,
  ): Promise<SettleObservation<RdsV3Live>> {
    if (!sent.taskId) return observeWithoutJob(ctx, inputs, sent, wants);
    const job = await showJob(ctx, cloud, inputs, sent.taskId);
    const name = `job ${sent.taskId}`;
    if (job?.status === JOB_STATUS.failed) {
      // A job fails when its instance is deleted under it: gone is gone (a delete has nothing
      // left to close), not a failed change. One more read, on this path only.
      const seen = await instanceObservation(ctx, inputs, sent);
      if (seen.gone) return seen;
      const failure = `the cloud reports ${name} Failed: ${job.fail_reason || "no reason given"}`;
      return { state: `${name} Failed`, steady: false, targetShown: false, failure };
    }
    if (job && job.status !== JOB_STATUS.completed) {
      // The job's `process` percentage over the time since the write: the waiter's hint.
      const percent = percentOf(job.process);
      const remainingMs = remainingFromProgressSince(percent, sent, ctx.clock.now());
      return { state: `${name} ${job.status}`, steady: false, targetShown: false, remainingMs };
    }
    const seen = await instanceObservation(ctx, inputs, sent);
    if (!job) return { ...seen, state: `${seen.state} (${name} not visible yet)` };
    return { ...seen, evidence: "task" };
  }

  /** Preview lines (the dynamic host drops detailed diffs, pulumi-dynamic.md P9). */
  function restartWarning(inputs: RdsV3Inputs, outputs: Record<string, unknown>) {
    const engine = typeof outputs.engine === "string" ? outputs.engine : undefined;
    const toggled = inputs.sslEnabled !== outputs.sslEnabled;
    if (engine !== undefined && !canToggle(engine)) {
      if (toggled) return `up will refuse this change: ${whyNoSwitch(cloud, engine)}`;
      if (inputs.onDelete === "disable" && outputs.sslEnabled === true) {
        return `up will refuse this: ${onDeleteReason(cloud, engine)}`;
      }
      return undefined;
    }
    // OTC user guide configuring_an_ssl_connection.rst (tencent-huawei.md §2.3).
    if (toggled) return `enabling or disabling SSL ${RDSV3_REBOOT}`;
    return undefined;
  }

  return {
    family: cloud.family,
    defaultTimeoutMinutes: RDSV3_DEFAULT_TIMEOUT_MINUTES,
    settleGraceMs: RDSV3_SETTLE_GRACE_MS,
    expectedDurationMs: RDSV3_PLACEHOLDER_PRIOR_MS,
    // No certificate renewal call exists (seed 004): rotateTrigger/renewBeforeDays fail at check (F7).
    actions: ["open", "close"],
    secretOutputs: [],
    inputNames: ownInputs,
    sdkPackages: [], // own signer over node:https (signer.ts says why)
    inputFormats: cloud.formats,
    replaceOn: ownInputs.filter((name) => schema[name].replaces === true),
    defaultRegion: (settings) => cloudRegion(cloud, settings),
    withDefaults: (raw) => raw,
    validate: (inputs) => checkProperties(inputs, checkTable(schema, ownInputs)),
    drifted: () => [], // sslEnabled is compared by the core; projectId replaces
    restartWarning,
    switchEffect: () => RDSV3_REBOOT,
    read,
    unfinishedChange: async (ctx, _inputs, live) => unfinishedChangeOf(ctx, live),
    changeOver: (ctx, inputs, live) => clearChangeMark(ctx, cloud, inputs, live),
    validateLive: (inputs, live) => engineFailures(cloud, inputs, live),
    plan: (inputs, live) => plan(inputs, live),
    send: (ctx, inputs, action) => send(ctx, inputs, action),
    observe: (ctx, inputs, sent, _before, wants) => observe(ctx, inputs, sent, wants),
    outputs: (inputs, live) => ({
      instanceId: inputs.instanceId,
      region: inputs.region,
      projectId: live.projectId,
      engine: live.engine,
      engineVersion: live.engineVersion,
      sslEnabled: live.sslEnabled,
      instanceStatus: live.status,
    }),
  };
}

export const openTelekomCloudRdsDriver = rdsV3Driver(OPEN_TELEKOM_CLOUD);
export const huaweiCloudRdsDriver = rdsV3Driver(HUAWEI_CLOUD);
