/**
 * RDS task APIs as `@alicloud/rds20140815` 15.4.0 models them:
 *
 * - DescribeHistoryTasks (`DescribeHistoryTasksRequest.d.ts`, `...ResponseBody.d.ts`): all engines (API
 *   page "Supported database engines: MySQL, PostgreSQL, SQL Server",
 *   https://www.alibabacloud.com/help/en/rds/developer-reference/api-rds-2014-08-15-describehistorytasks).
 *   `FromStartTime` and `ToStartTime` are required (SDK: "This parameter is required"); tasks whose start
 *   time is in [From, To] are listed; From earlier than 30 days ago counts as 30 days ago. `InstanceId`,
 *   `Status`, `TaskId`, `TaskType` take comma-separated lists. `Items` is an array.
 * - DescribeTasks (`DescribeTasksRequest.d.ts`, `...ResponseBody.d.ts`): "Queries the tasks in the Waiting
 *   or Executing state on an ApsaraDB RDS for SQL Server instance. You can call the DescribeHistoryTasks
 *   operation to query the tasks on an ApsaraDB RDS for MySQL or ApsaraDB RDS for PostgreSQL instance"
 *   (https://www.alibabacloud.com/help/en/rds/developer-reference/api-rds-2014-08-15-describetasks; the
 *   MySQL page says "This operation is phased out"). So it lists in-flight tasks of SQL Server instances
 *   only and answers an empty list for the other engines. Its `Status` has only the example "2" and no
 *   documented values: this emulator says `Waiting` (lag) and `Executing` (SSL_MODIFYING), after the
 *   page's own words; a provider should read presence in the list, not the value.
 */
import type { Params } from "../request-log";
import { commonErrors } from "./alibaba-errors";
import type { RdsInstance } from "./rds-instances";
import { IN_FLIGHT_TASK_STATUSES, type RdsTaskLog, type RdsTaskView } from "./rds-tasks";

const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

/** Alibaba writes task times as `2022-02-03T11:31:03Z`; DescribeTasks as `2020-11-20T01:00Z`. */
const secondsTime = (ms: number | undefined): string =>
  ms === undefined ? "" : new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const minutesTime = (ms: number | undefined): string =>
  ms === undefined ? "" : new Date(ms).toISOString().replace(/:\d\d\.\d{3}Z$/, "Z");

const DB_TYPES = { MySQL: "mysql", PostgreSQL: "pgsql", SQLServer: "mssql" } as const;

function listParam(params: Params, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined || value === "") return undefined;
  return value.split(",").map((v) => v.trim());
}

function timeParam(params: Params, name: string): number {
  const ms = Date.parse(params[name] ?? "");
  if (!Number.isFinite(ms)) throw commonErrors.invalidParameter(name);
  return ms;
}

function page(params: Params, min: number, max: number, fallback: number) {
  const size = params.PageSize === undefined ? fallback : Number(params.PageSize);
  const number = params.PageNumber === undefined ? 1 : Number(params.PageNumber);
  if (!Number.isInteger(size) || size < min || size > max)
    throw commonErrors.invalidParameter("PageSize");
  if (!Number.isInteger(number) || number < 1) throw commonErrors.invalidParameter("PageNumber");
  return { size, number, slice: <T>(all: T[]) => all.slice((number - 1) * size, number * size) };
}

function historyItem(task: RdsTaskView): Record<string, unknown> {
  return {
    ActionInfo: "",
    CallerSource: "User",
    CallerUid: "1234567890123456",
    CurrentStepName: task.currentStepName,
    DbType: DB_TYPES[task.engine],
    EndTime: secondsTime(task.endedAt),
    InstanceId: task.instanceId,
    InstanceName: task.instanceId,
    InstanceType: "Instance",
    Product: "rds",
    Progress: task.progress,
    ReasonCode: "",
    RegionId: task.regionId,
    RemainTime: task.remainSeconds,
    StartTime: secondsTime(task.startedAt),
    Status: task.status,
    TaskDetail: "{}",
    TaskId: task.taskId,
    TaskType: task.taskType,
    Uid: "1234567890123456",
  };
}

function matches(task: RdsTaskView, params: Params): boolean {
  const keep = (name: string, value: string) => {
    const wanted = listParam(params, name);
    return wanted === undefined || wanted.includes(value);
  };
  return (
    keep("InstanceId", task.instanceId) &&
    keep("Status", task.status) &&
    keep("TaskId", task.taskId) &&
    keep("TaskType", task.taskType) &&
    (params.RegionId === undefined || params.RegionId === task.regionId)
  );
}

export function describeHistoryTasks(
  tasks: RdsTaskLog,
  params: Params,
  now: number,
): Record<string, unknown> {
  const from = Math.max(timeParam(params, "FromStartTime"), now - THIRTY_DAYS_MS);
  const to = timeParam(params, "ToStartTime");
  const paging = page(params, 10, 100, 10);
  // Task times on the wire have whole seconds: compare at that precision.
  const second = (ms: number) => Math.floor(ms / 1000) * 1000;
  const found = tasks
    .list(now)
    .filter((t) => second(t.startedAt) >= second(from) && second(t.startedAt) <= to)
    .filter((t) => matches(t, params));
  return {
    Items: paging.slice(found).map(historyItem),
    PageNumber: paging.number,
    PageSize: paging.size,
    TotalCount: found.length,
  };
}

function progressInfo(task: RdsTaskView): Record<string, unknown> {
  return {
    BeginTime: minutesTime(task.startedAt),
    CurrentStepName: task.currentStepName,
    DBName: "",
    ExpectedFinishTime: "",
    FinishTime: "",
    Progress: String(task.progress),
    ProgressInfo: "",
    Remain: task.remainSeconds,
    Status: task.status === "Scheduled" ? "Waiting" : "Executing",
    StepProgressInfo: task.status === "Scheduled" ? "0/1" : "1/1",
    StepsInfo: "",
    TaskAction: task.taskType,
    TaskErrorCode: "",
    TaskErrorMessage: "",
    TaskId: task.taskId,
  };
}

export function describeTasks(
  tasks: RdsTaskLog,
  instance: RdsInstance,
  params: Params,
  now: number,
): Record<string, unknown> {
  const paging = page(params, 30, 100, 30);
  const start = params.StartTime ? timeParam(params, "StartTime") : undefined;
  const end = params.EndTime ? timeParam(params, "EndTime") : undefined;
  const found =
    instance.engine !== "SQLServer"
      ? []
      : tasks
          .list(now, instance.id)
          .filter((t) => IN_FLIGHT_TASK_STATUSES.includes(t.status))
          .filter((t) => params.TaskAction === undefined || params.TaskAction === t.taskType)
          .filter((t) => start === undefined || t.startedAt >= start)
          .filter((t) => end === undefined || t.startedAt <= end);
  const items = paging.slice(found).map(progressInfo);
  return {
    Items: { TaskProgressInfo: items },
    PageNumber: paging.number,
    PageRecordCount: items.length,
    TotalRecordCount: found.length,
  };
}
