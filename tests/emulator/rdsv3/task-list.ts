/**
 * "Querying Instant Tasks", `GET /v3/{project_id}/tasklist` (OTC rds_13_0002, Huawei rds_06_0138,
 * API Explorer name ListTasks): the task centre's instant tasks, filtered by `id`, `instance_id`,
 * `order_id`, `name`, `status` and creation time (`start_time`/`end_time`, UNIX milliseconds),
 * paged by `offset` and `limit` (1-50, default 10). Each task carries only the documented fields:
 * `process` is a percent as a string, "" once Completed or Failed; `end_time` is the *planned*
 * end, which the page's example shows two hours after `create_time` (a deadline, not a forecast).
 * The page does not say which task types it lists nor in which order: oldest first here, so a
 * client that takes the first entry for the newest is wrong.
 */
import type { Params } from "../request-log";
import { rdsV3Errors } from "./errors";
import { otcTime, pagingParam, type RdsV3Reply } from "./handlers";
import type { RdsV3Store } from "./store";

const TASK_LIMIT_MAX = 50;
const TASK_LIMIT_DEFAULT = 10;
const PLANNED_SPAN_MS = 2 * 60 * 60_000;
const STATUSES = ["Running", "Completed", "Failed"];

function timeParam(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw))
    throw rdsV3Errors.parameter(`${name} must be a UNIX time in milliseconds`);
  return Number(raw);
}

export function listTasks(store: RdsV3Store, params: Params): RdsV3Reply {
  const offset = pagingParam(params.offset, "offset", 0, Number.MAX_SAFE_INTEGER, 0);
  const limit = pagingParam(params.limit, "limit", 1, TASK_LIMIT_MAX, TASK_LIMIT_DEFAULT);
  if (params.status !== undefined && !STATUSES.includes(params.status)) {
    throw rdsV3Errors.parameter(`status must be one of ${STATUSES.join(", ")}`);
  }
  const from = timeParam(params.start_time, "start_time") ?? -Infinity;
  const to = timeParam(params.end_time, "end_time") ?? Infinity;
  const matches = store.listedTasks(params.project_id).filter(
    (t) =>
      (params.id === undefined || t.id === params.id) &&
      (params.instance_id === undefined || t.instanceId === params.instance_id) &&
      (params.name === undefined || t.name === params.name) &&
      (params.status === undefined || t.status === params.status) &&
      // No order id: only a paid order has one.
      (params.order_id === undefined || params.order_id === "") &&
      t.created >= from &&
      t.created <= to,
  );
  const tasks = matches.slice(offset, offset + limit).map((t) => ({
    id: t.id,
    name: t.name,
    instance_id: t.instanceId,
    instance_name: t.instanceName,
    instance_status: store.statusOf(t.instanceId),
    order_id: "",
    process: t.status === "Running" ? store.jobProcess(t) : "",
    ...(t.failReason !== undefined && t.status === "Failed" ? { fail_reason: t.failReason } : {}),
    create_time: otcTime(t.created),
    end_time: otcTime(t.created + PLANNED_SPAN_MS),
    status: t.status,
  }));
  const actions = [...new Set(matches.map((t) => t.name))];
  return { status: 200, body: { tasks, actions, total_count: matches.length } };
}
