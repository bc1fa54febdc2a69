/**
 * R-KVStore DescribeHistoryTasks, as `@alicloud/r-kvstore20150101` 6.4.0 models it
 * (`DescribeHistoryTasksRequest.d.ts`): `FromStartTime` and `ToStartTime` required
 * (`yyyy-MM-ddTHH:mm:ssZ`, From at most 30 days back), `InstanceId`, `Status`, `TaskId`, `TaskType`
 * comma lists, `PageSize` 10-100 (default 10). Tasks whose start time is in the window are listed,
 * newest first; `Items` is an array.
 */
import type { Params } from "../request-log";
import { commonErrors } from "./alibaba-errors";
import type { KvstoreTaskLog, KvstoreTaskView } from "./kvstore-tasks";

const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

const apiTime = (ms: number | undefined) =>
  ms === undefined ? "" : new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

function timeParam(params: Params, name: string): number {
  const ms = Date.parse(params[name] ?? "");
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(params[name] ?? "") || !Number.isFinite(ms)) {
    throw commonErrors.invalidParameter(name);
  }
  return ms;
}

function listParam(params: Params, name: string): string[] | undefined {
  const value = params[name];
  return value === undefined || value === "" ? undefined : value.split(",").map((v) => v.trim());
}

function item(task: KvstoreTaskView): Record<string, unknown> {
  return {
    ActionInfo: "",
    CallerSource: "User",
    CallerUid: "1234567890123456",
    CurrentStepName: task.historyStatus === "Scheduled" ? "" : "exec_task",
    DbType: "redis",
    EndTime: apiTime(task.endedAt),
    InstanceId: task.instanceId,
    InstanceName: task.instanceId,
    InstanceType: "Instance",
    Product: "kvstore",
    Progress: task.progress,
    ReasonCode: "",
    RegionId: task.regionId,
    RemainTime: task.remainSeconds,
    StartTime: apiTime(task.startedAt),
    Status: task.historyStatus,
    TaskDetail: "{}",
    TaskId: task.historyTaskId,
    TaskType: task.taskType,
    Uid: "1234567890123456",
  };
}

function matches(task: KvstoreTaskView, params: Params): boolean {
  const keep = (name: string, value: string) => {
    const wanted = listParam(params, name);
    return wanted === undefined || wanted.includes(value);
  };
  return (
    keep("InstanceId", task.instanceId) &&
    keep("Status", task.historyStatus) &&
    keep("TaskId", task.historyTaskId) &&
    keep("TaskType", task.taskType) &&
    (params.RegionId === undefined || params.RegionId === task.regionId)
  );
}

export function describeKvstoreHistoryTasks(
  tasks: KvstoreTaskLog,
  params: Params,
  now: number,
): Record<string, unknown> {
  const from = Math.max(timeParam(params, "FromStartTime"), now - THIRTY_DAYS_MS);
  const to = timeParam(params, "ToStartTime");
  const size = params.PageSize === undefined ? 10 : Number(params.PageSize);
  const page = params.PageNumber === undefined ? 1 : Number(params.PageNumber);
  if (!Number.isInteger(size) || size < 10 || size > 100)
    throw commonErrors.invalidParameter("PageSize");
  if (!Number.isInteger(page) || page < 1) throw commonErrors.invalidParameter("PageNumber");
  const second = (ms: number) => Math.floor(ms / 1000) * 1000;
  const found = tasks
    .list(now)
    .filter((t) => second(t.startedAt) >= second(from) && second(t.startedAt) <= to)
    .filter((t) => matches(t, params));
  return {
    Items: found.slice((page - 1) * size, page * size).map(item),
    PageNumber: page,
    PageSize: size,
    TotalCount: found.length,
  };
}
