/**
 * The DDS task center behind DescribeHistoryTasks: one task per accepted ModifyDBInstanceSSL, visible
 * at once. Statuses are those of the DDS SDK (`describe_history_tasks_response_body_model.go`):
 * `Waiting` ("waiting for scheduled time": a SwitchMode=1 change before its window), `Scheduled`
 * ("waiting to be executed": the lag), `Running`, `Succeed`, `Failed` (instance deleted meanwhile),
 * `Canceled` (replaced by a console change). The task type of an SSL change is not documented; the
 * action name is used, as in the RDS emulator. A scheduled task's StartTime is its window.
 */
import { reportedProgress, reportedRemainingMs, type EstimateErrorMode } from "../estimate-errors";
import { randomBytes } from "node:crypto";
import type { Params } from "../request-log";
import { ddsErrors } from "./dds-errors";

export const DDS_SSL_TASK_TYPE = "ModifyDBInstanceSSL";

export type DdsTaskStatus = "Waiting" | "Scheduled" | "Running" | "Succeed" | "Failed" | "Canceled";

export interface DdsTask {
  taskId: string;
  /** DDS_SSL_TASK_TYPE for an SSL change; other kinds (a backup) for tasks added by tests. */
  taskType?: string;
  instanceId: string;
  regionId: string;
  acceptedAt: number;
  modifyingAt: number;
  completesAt: number;
  scheduled: boolean;
  ended?: { at: number; status: "Failed" | "Canceled" };
}

export interface DdsTaskView {
  taskId: string;
  instanceId: string;
  status: DdsTaskStatus;
  startTime: string;
  endTime?: string;
}

function statusAt(task: DdsTask, now: number): DdsTaskStatus {
  if (task.ended && now >= task.ended.at) return task.ended.status;
  if (now >= task.completesAt) return "Succeed";
  if (now >= task.modifyingAt) return "Running";
  return task.scheduled ? "Waiting" : "Scheduled";
}

/** `yyyy-MM-ddTHH:mmZ`, the SDK examples' spelling of task times. */
const minutes = (ms: number) => new Date(ms).toISOString().slice(0, 16) + "Z";
/** The request format (`yyyy-MM-ddTHH:mm:ssZ`); anything else is InvalidParam. */
const REQUEST_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

export class DdsTaskLog {
  private tasks: DdsTask[] = [];
  /** The task centre's clock runs this far ahead of the API's (negative: behind). */
  skewMs = 0;
  /** A task is listed by DescribeHistoryTasks only this long after its change was accepted. */
  listLagMs = 0;
  /** The estimate error of each instance's tasks (the emulator's shared EstimateErrors). */
  estimateOf: (instanceId: string) => EstimateErrorMode = () => "none";

  add(task: Omit<DdsTask, "taskId">): DdsTask {
    const added = { ...task, taskId: `t-${randomBytes(8).toString("hex")}` };
    this.tasks.push(added);
    return added;
  }

  find(taskId: string): DdsTask | undefined {
    return this.tasks.find((t) => t.taskId === taskId);
  }

  end(taskId: string, status: "Failed" | "Canceled", at: number): void {
    const task = this.find(taskId);
    if (task && statusAt(task, at) !== "Succeed") task.ended = { at, status };
  }

  view(task: DdsTask, now: number): DdsTaskView {
    const status = statusAt(task, now);
    const done = ["Succeed", "Failed", "Canceled"].includes(status);
    return {
      taskId: task.taskId,
      instanceId: task.instanceId,
      status,
      startTime: new Date(
        (task.scheduled ? task.modifyingAt : task.acceptedAt) + this.skewMs,
      ).toISOString(),
      endTime: done
        ? new Date((task.ended?.at ?? task.completesAt) + this.skewMs).toISOString()
        : undefined,
    };
  }

  list(now: number, instanceId?: string): DdsTaskView[] {
    return this.tasks
      .filter((t) => instanceId === undefined || t.instanceId === instanceId)
      .map((t) => this.view(t, now))
      .reverse();
  }

  clear(): void {
    this.tasks = [];
  }

  /** DescribeHistoryTasks: tasks whose start time is in [FromStartTime, ToStartTime]. */
  describe(params: Params, now: number): Record<string, unknown> {
    const from = params.FromStartTime;
    const to = params.ToStartTime;
    if (!REQUEST_TIME.test(from) || !REQUEST_TIME.test(to)) throw ddsErrors.invalidParam();
    const size = Number(params.PageSize ?? 10);
    const page = Number(params.PageNumber ?? 1);
    if (!Number.isInteger(size) || size < 10 || size > 100) throw ddsErrors.invalidParam();
    if (!Number.isInteger(page) || page < 1) throw ddsErrors.invalidParam();
    const list = (name: string) => (params[name] ? params[name].split(",") : undefined);
    const [ids, statuses, taskIds] = [list("InstanceId"), list("Status"), list("TaskId")];
    const items = this.tasks
      .filter((t) => now >= t.acceptedAt + this.listLagMs)
      .map((t) => ({ task: t, view: this.view(t, now) }))
      .filter(({ task, view }) => {
        const start = Date.parse(view.startTime);
        return (
          start >= Date.parse(from) &&
          start <= Date.parse(to) &&
          (!ids || ids.includes(task.instanceId)) &&
          (!statuses || statuses.includes(view.status)) &&
          (!taskIds || taskIds.includes(task.taskId))
        );
      })
      .reverse();
    return {
      Items: items
        .slice((page - 1) * size, page * size)
        .map(({ task, view }) => wireTask(task, view, now, this.estimateOf(task.instanceId))),
      PageNumber: page,
      PageSize: size,
      TotalCount: items.length,
    };
  }
}

function wireTask(
  task: DdsTask,
  view: DdsTaskView,
  now: number,
  estimate: EstimateErrorMode,
): Record<string, unknown> {
  const total = Math.max(1, task.completesAt - task.modifyingAt);
  const elapsed = now - task.modifyingAt;
  const progress = view.status === "Running" ? reportedProgress(estimate, elapsed, total) : 0;
  return {
    TaskId: task.taskId,
    TaskType: task.taskType ?? DDS_SSL_TASK_TYPE,
    InstanceId: task.instanceId,
    InstanceName: task.instanceId,
    InstanceType: "Instance",
    Product: "dds",
    DbType: "mongodb",
    RegionId: task.regionId,
    Status: view.status,
    StartTime: minutes(Date.parse(view.startTime)),
    EndTime: view.endTime ? minutes(Date.parse(view.endTime)) : "",
    Progress: view.status === "Succeed" ? 100 : progress,
    RemainTime: Math.ceil(
      reportedRemainingMs(estimate, now - task.acceptedAt, task.completesAt - task.acceptedAt) /
        1000,
    ),
    CurrentStepName: view.status === "Running" ? "exec_task" : "",
    CallerSource: "User",
  };
}
