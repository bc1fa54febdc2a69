/**
 * The RDS task center: one task per accepted ModifyDBInstanceSSL, visible from the moment the Modify is
 * accepted, so a resumed `up` can see a change that a killed process sent even while the instance still
 * reads Running with the old SSL state (the lag).
 *
 * Status values are those of `DescribeHistoryTasksResponseBodyItems.status` (SDK 15.4.0
 * `DescribeHistoryTasksResponseBody.d.ts`: Scheduled, Running, Succeed, Failed, Cancelling, Canceled,
 * Waiting). The doc says "Scheduled: waiting to be executed" and "CurrentStepName: if this parameter is
 * left empty, the task is not started", so a change in its lag reads `Scheduled` with no step, then
 * `Running` while SSL_MODIFYING, then `Succeed`.
 */
import { randomBytes } from "node:crypto";
import type { RdsEngine } from "./rds-instances";
import { reportedProgress, reportedRemainingMs, type EstimateErrorMode } from "../estimate-errors";

/**
 * The task type / action of an SSL change. No Alibaba page or SDK comment names it: the only documented
 * naming is DescribeTasks `TaskAction` ("the operation that is used by the task, such as
 * CreateDBInstance", `DescribeTasksResponseBody.d.ts`), so the API action name is used for both
 * DescribeTasks `TaskAction` and DescribeHistoryTasks `TaskType` (whose only example is
 * `autotest_dispatch_cases`). A provider should not depend on this value: any task that is not finished
 * means a change is in flight.
 */
export const SSL_TASK_TYPE = "ModifyDBInstanceSSL";

export type RdsTaskStatus =
  "Scheduled" | "Running" | "Succeed" | "Failed" | "Cancelling" | "Canceled" | "Waiting";

/** Statuses of a task that has not finished (the provider must treat these as "change in flight"). */
export const IN_FLIGHT_TASK_STATUSES: readonly RdsTaskStatus[] = [
  "Scheduled",
  "Running",
  "Waiting",
  "Cancelling",
];

export interface RdsTask {
  taskId: string;
  taskType: string;
  instanceId: string;
  engine: RdsEngine;
  regionId: string;
  /** Virtual epoch ms: accepted (task start), SSL_MODIFYING from, landed. */
  acceptedAt: number;
  modifyingAt: number;
  completesAt: number;
  /** Set when the change ended otherwise than by landing (instance deleted, console change). */
  ended?: { at: number; status: "Failed" | "Canceled" };
}

export interface RdsTaskView {
  taskId: string;
  taskType: string;
  instanceId: string;
  status: RdsTaskStatus;
  /** 0-100. */
  progress: number;
  /** Seconds left (0 once finished). */
  remainSeconds: number;
  startedAt: number;
  /** Set once finished. */
  endedAt?: number;
  /** "" before the task has started, "exec_task" after. */
  currentStepName: string;
  engine: RdsEngine;
  regionId: string;
}

function statusAt(task: RdsTask, now: number): RdsTaskStatus {
  if (task.ended && now >= task.ended.at) return task.ended.status;
  if (now < task.modifyingAt) return "Scheduled";
  if (now < task.completesAt) return "Running";
  return "Succeed";
}

function endedAt(task: RdsTask, status: RdsTaskStatus): number | undefined {
  if (status === "Succeed") return task.completesAt;
  return status === "Failed" || status === "Canceled" ? task.ended?.at : undefined;
}

/**
 * `skewMs`: how far the task centre's clock runs ahead of the API's (shown start and end times);
 * `estimate`: how wrong `Progress` and `RemainTime` are (estimate-errors.ts), over the whole
 * task from its acceptance (the lag included).
 */
export function taskView(
  task: RdsTask,
  now: number,
  skewMs = 0,
  estimate: EstimateErrorMode = "none",
): RdsTaskView {
  const status = statusAt(task, now);
  const finished = !IN_FLIGHT_TASK_STATUSES.includes(status);
  const [elapsed, total] = [now - task.acceptedAt, Math.max(1, task.completesAt - task.acceptedAt)];
  return {
    taskId: task.taskId,
    taskType: task.taskType,
    instanceId: task.instanceId,
    status,
    progress: finished ? 100 : reportedProgress(estimate, elapsed, total),
    remainSeconds: finished ? 0 : Math.ceil(reportedRemainingMs(estimate, elapsed, total) / 1000),
    startedAt: task.acceptedAt + skewMs,
    endedAt: skewed(endedAt(task, status), skewMs),
    currentStepName: status === "Scheduled" ? "" : "exec_task",
    engine: task.engine,
    regionId: task.regionId,
  };
}

const skewed = (ms: number | undefined, skewMs: number) =>
  ms === undefined ? undefined : ms + skewMs;

/** Every task, kept after its instance is deleted (the real task center keeps 30 days). */
export class RdsTaskLog {
  private tasks: RdsTask[] = [];
  /** The task centre's clock runs this far ahead of the API's (negative: behind). */
  skewMs = 0;
  /** The estimate error of each instance's tasks (the emulator's shared EstimateErrors). */
  estimateOf: (instanceId: string) => EstimateErrorMode = () => "none";

  /** An SSL change's task, or with `taskType` a task of another kind (a backup, a restart). */
  add(task: Omit<RdsTask, "taskId" | "taskType"> & { taskType?: string }): RdsTask {
    const entry: RdsTask = {
      ...task,
      taskId: `t-${randomBytes(8).toString("hex")}`,
      taskType: task.taskType ?? SSL_TASK_TYPE,
    };
    this.tasks.push(entry);
    return entry;
  }

  /** Ends a task that has not landed yet (no-op for one that already finished). */
  end(taskId: string, status: "Failed" | "Canceled", now: number): void {
    const task = this.tasks.find((t) => t.taskId === taskId);
    if (task && !task.ended && now < task.completesAt) task.ended = { at: now, status };
  }

  /** Views at `now`, newest first. */
  list(now: number, instanceId?: string): RdsTaskView[] {
    return this.tasks
      .filter((t) => instanceId === undefined || t.instanceId === instanceId)
      .map((t) => taskView(t, now, this.skewMs, this.estimateOf(t.instanceId)))
      .sort((a, b) => b.startedAt - a.startedAt);
  }

  clear(): void {
    this.tasks = [];
  }
}
