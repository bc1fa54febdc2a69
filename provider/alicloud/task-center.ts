import { taskWindow } from "./task-window";

/**
 * Reading the Alibaba task centre (DescribeHistoryTasks of RDS, R-KVStore and DDS) the same way
 * for the three families, before a write and while a change settles (issue 17 items 4 and 9):
 * - every page (a busy instance lists more tasks than one page holds);
 * - the time window of task-window.ts (skewed task clocks);
 * - only tasks that may collide with an SSL change block a write. No Alibaba page names the task
 *   type of an SSL change, so a task blocks unless its type says it touches neither SSL nor the
 *   instance's availability (a backup, a log upload): a wait is cheaper than a second write.
 */

/** One task as the three APIs list it (field names normalised by each family's call). */
export interface CenterTask {
  instanceId?: string;
  taskId?: string;
  taskType?: string;
  status?: string;
  /** `RemainTime`: the task centre's estimate of the seconds left (SDK model: "estimated"). */
  remainTime?: number;
}

export interface TaskPage<T> {
  items: T[];
  totalCount?: number;
}

/** The largest page the three APIs accept (PageSize 10-100). */
export const TASK_PAGE_SIZE = 100;
/** A bound on pages read per check (5,000 tasks in the window is far beyond any instance's). */
const MAX_TASK_PAGES = 50;

/** Task types that neither touch SSL nor restart the instance: they never hold a write back. */
const UNRELATED_TASK_TYPE = /backup|snapshot|binlog|slowlog|log_?upload|audit|monitor|tag/i;

/** Every page of a DescribeHistoryTasks query, `fetch(pageNumber)` answering one. */
export async function allTaskPages<T>(
  fetch: (pageNumber: number) => Promise<TaskPage<T>>,
): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; page <= MAX_TASK_PAGES; page++) {
    const { items, totalCount } = await fetch(page);
    all.push(...items);
    if (items.length === 0) break;
    if (totalCount !== undefined ? all.length >= totalCount : items.length < TASK_PAGE_SIZE) break;
  }
  return all;
}

/** Whether `task` may collide with an SSL change (see the file comment). */
export function blocksSslChange(task: CenterTask): boolean {
  return !UNRELATED_TASK_TYPE.test(task.taskType ?? "");
}

/** A task an SSL write must wait for: described, and what it says of the time it still needs. */
export interface BlockingTask {
  /** For progress lines and errors: "task t-1 ModifyDBInstanceSSL Running". */
  description: string;
  /** `RemainTime` in ms (the cloud's estimate), when it gives one. */
  remainingMs?: number;
}

/** The first task of `instanceId` in one of `statuses` that blocks an SSL change, or undefined. */
export function blockingTask(
  tasks: CenterTask[],
  instanceId: string,
  statuses: readonly string[],
): BlockingTask | undefined {
  const task = tasks.find(
    (t) => t.instanceId === instanceId && statuses.includes(t.status ?? "?") && blocksSslChange(t),
  );
  if (!task) return undefined;
  const seconds = task.remainTime;
  const remainingMs =
    typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0
      ? seconds * 1000
      : undefined;
  return { description: describeCenterTask(task), remainingMs };
}

export function describeCenterTask(task: CenterTask): string {
  return ["task", task.taskId ?? "?", task.taskType, task.status].filter(Boolean).join(" ");
}

/** The fields RDS's and R-KVStore's DescribeHistoryTasksRequest share (the family adds region). */
export interface HistoryTaskQuery {
  instanceId: string;
  status: string;
  fromStartTime: string;
  toStartTime: string;
  pageSize: number;
  pageNumber: number;
}

/**
 * DescribeHistoryTasks of RDS and R-KVStore (same action, same fields): every page of the tasks
 * in one of `statuses` within the skew-tolerant window, then the one an SSL write must wait for.
 * `page` sends one query through the family's client and answers its body.
 */
export async function blockingHistoryTask(
  instanceId: string,
  now: number,
  statuses: readonly string[],
  page: (
    query: HistoryTaskQuery,
  ) => Promise<{ items?: CenterTask[]; totalCount?: number } | undefined>,
): Promise<BlockingTask | undefined> {
  const window = taskWindow(now);
  const tasks = await allTaskPages(async (pageNumber) => {
    const query = {
      instanceId,
      status: statuses.join(","),
      ...window,
      pageSize: TASK_PAGE_SIZE,
      pageNumber,
    };
    const body = await page(query);
    return { items: body?.items ?? [], totalCount: body?.totalCount };
  });
  return blockingTask(tasks, instanceId, statuses);
}
