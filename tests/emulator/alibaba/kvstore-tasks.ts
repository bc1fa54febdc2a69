/**
 * The R-KVStore task center: one task per accepted ModifyInstanceSSL, visible from acceptance (during
 * the lag too, when the instance still reads Normal) and kept after its instance is deleted.
 *
 * Two APIs show it, with two id spaces, as the SDK examples do (`@alicloud/r-kvstore20150101` 6.4.0):
 * - ModifyInstanceSSL answers `TaskId` "32184****" (numeric string), the id DescribeTaskDetail takes
 *   (its example `674546459`); DescribeTaskDetail `Status` is `RUNNING` or `COMPLETED` (the API page,
 *   https://www.alibabacloud.com/help/zh/redis/developer-reference/api-r-kvstore-2015-01-01-describetaskdetail,
 *   lists exactly those two). A task that ended otherwise (instance deleted, console change) no longer
 *   runs, so it reads `COMPLETED` there: only the SSL read tells whether the change landed.
 * - DescribeHistoryTasks lists `t-…` ids (its example `t-83br18hloy3faf****`) with `Status` Scheduled
 *   (the lag), Running, Succeed, Failed, Canceled (`DescribeHistoryTasksRequest.d.ts`).
 */
import { randomBytes } from "node:crypto";
import { reportedProgress, reportedRemainingMs, type EstimateErrorMode } from "../estimate-errors";

/** Undocumented: no page names the task type of an SSL change. Providers must not depend on it. */
export const KVSTORE_SSL_TASK_TYPE = "ModifyInstanceSSL";

export type KvstoreHistoryStatus = "Scheduled" | "Running" | "Succeed" | "Failed" | "Canceled";

export interface KvstoreTask {
  taskId: string;
  /** KVSTORE_SSL_TASK_TYPE for an SSL change; other kinds (a backup) for tasks added by tests. */
  taskType: string;
  historyTaskId: string;
  instanceId: string;
  regionId: string;
  acceptedAt: number;
  modifyingAt: number;
  completesAt: number;
  ended?: { at: number; status: "Failed" | "Canceled" };
}

export interface KvstoreTaskView {
  taskId: string;
  taskType: string;
  historyTaskId: string;
  instanceId: string;
  regionId: string;
  detailStatus: "RUNNING" | "COMPLETED";
  historyStatus: KvstoreHistoryStatus;
  startedAt: number;
  endedAt?: number;
  progress: number;
  remainSeconds: number;
}

function historyStatus(task: KvstoreTask, now: number): KvstoreHistoryStatus {
  if (task.ended && now >= task.ended.at) return task.ended.status;
  if (now < task.modifyingAt) return "Scheduled";
  return now < task.completesAt ? "Running" : "Succeed";
}

/** `skewMs`: how far the task centre's clock runs ahead of the API's (shown start and end times). */
export function kvstoreTaskView(
  task: KvstoreTask,
  now: number,
  skewMs = 0,
  estimate: EstimateErrorMode = "none",
): KvstoreTaskView {
  const status = historyStatus(task, now);
  const running = status === "Scheduled" || status === "Running";
  const [elapsed, total] = [now - task.acceptedAt, Math.max(1, task.completesAt - task.acceptedAt)];
  return {
    taskId: task.taskId,
    taskType: task.taskType,
    historyTaskId: task.historyTaskId,
    instanceId: task.instanceId,
    regionId: task.regionId,
    detailStatus: running ? "RUNNING" : "COMPLETED",
    historyStatus: status,
    startedAt: task.acceptedAt + skewMs,
    endedAt: running ? undefined : (task.ended?.at ?? task.completesAt) + skewMs,
    progress: running ? reportedProgress(estimate, elapsed, total) : 100,
    remainSeconds: running ? Math.ceil(reportedRemainingMs(estimate, elapsed, total) / 1000) : 0,
  };
}

export class KvstoreTaskLog {
  private tasks: KvstoreTask[] = [];
  private next = 321840001;
  /** The task centre's clock runs this far ahead of the API's (negative: behind). */
  skewMs = 0;
  /** The estimate error of each instance's tasks (the emulator's shared EstimateErrors). */
  estimateOf: (instanceId: string) => EstimateErrorMode = () => "none";

  /** An SSL change's task, or with `taskType` a task of another kind (a backup, a restart). */
  add(task: Omit<KvstoreTask, "taskId" | "historyTaskId" | "taskType"> & { taskType?: string }) {
    const entry: KvstoreTask = {
      ...task,
      taskType: task.taskType ?? KVSTORE_SSL_TASK_TYPE,
      taskId: String(this.next++),
      historyTaskId: `t-${randomBytes(8).toString("hex")}`,
    };
    this.tasks.push(entry);
    return entry;
  }

  find(taskId: string): KvstoreTask | undefined {
    return this.tasks.find((t) => t.taskId === taskId);
  }

  /** Ends a task that has not landed yet (no-op for one that already finished). */
  end(taskId: string, status: "Failed" | "Canceled", now: number): void {
    const task = this.find(taskId);
    if (task && !task.ended && now < task.completesAt) task.ended = { at: now, status };
  }

  /** Views at `now`, newest first. */
  list(now: number, instanceId?: string): KvstoreTaskView[] {
    return this.tasks
      .filter((t) => instanceId === undefined || t.instanceId === instanceId)
      .map((t) => kvstoreTaskView(t, now, this.skewMs, this.estimateOf(t.instanceId)))
      .sort((a, b) => b.startedAt - a.startedAt);
  }

  clear(): void {
    this.tasks = [];
  }
}
