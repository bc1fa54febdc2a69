import { AdminError, type AdminRoute } from "../admin-routes";

/** A task-centre entry of another kind than an SSL change (a backup, a restart), added by tests. */
export interface OtherTask {
  /** As DescribeHistoryTasks `TaskType` shows it, e.g. `CreateBackup` or `RestartDBInstance`. */
  taskType: string;
  /** It runs from now for this long (virtual ms). */
  durationMs: number;
}

/** The fields every task centre's log keeps for an `OtherTask` running from `now` (each store adds its own). */
export function otherTaskTimes(
  instance: { id: string; regionId: string },
  task: OtherTask,
  now: number,
) {
  return {
    instanceId: instance.id,
    regionId: instance.regionId,
    acceptedAt: now,
    modifyingAt: now,
    completesAt: now + task.durationMs,
    taskType: task.taskType,
  };
}

/** What the three Alibaba task centres let tests script (addTask, skewTaskClock). */
export interface TaskCentreAdmin {
  addTask(id: string, task: OtherTask): void;
  skewTaskClock(ms: number): void;
}

/** The task-centre admin routes of one service (`prefix`: rds, kvstore, dds). */
export function taskCentreRoutes(prefix: string, admin: TaskCentreAdmin): AdminRoute[] {
  return [
    {
      method: "POST",
      path: new RegExp(`^/${prefix}/instances/([^/]+)/other-tasks$`),
      usage: `POST /__admin/${prefix}/instances/:id/other-tasks {taskType, durationMs} (e.g. a running CreateBackup)`,
      handle: ({ match, body }) => {
        const { taskType, durationMs } = body as Partial<OtherTask>;
        if (typeof taskType !== "string" || taskType === "") {
          throw new AdminError(400, "taskType must be a non-empty string");
        }
        if (typeof durationMs !== "number" || !(durationMs > 0)) {
          throw new AdminError(400, "durationMs must be a number > 0");
        }
        admin.addTask(decodeURIComponent(match[1]), { taskType, durationMs });
        return { added: taskType };
      },
    },
    {
      method: "POST",
      path: new RegExp(`^/${prefix}/task-clock$`),
      usage: `POST /__admin/${prefix}/task-clock {skewMs} (task times stamped skewMs ahead; negative: behind)`,
      handle: ({ body }) => {
        if (typeof body.skewMs !== "number" || !Number.isFinite(body.skewMs)) {
          throw new AdminError(400, "skewMs must be a finite number");
        }
        admin.skewTaskClock(body.skewMs);
        return { skewMs: body.skewMs };
      },
    },
  ];
}
