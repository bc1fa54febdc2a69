/**
 * The time window every Alibaba task-centre query (DescribeHistoryTasks of RDS, R-KVStore and
 * DDS) looks in for a change not finished yet: a day back (longer than any SSL change; the API
 * keeps 30 days) up to `aheadMs` ahead (a scheduled change's start time is its window), each
 * widened by TASK_CLOCK_SKEW_MS: the task centre stamps start times with its own clock, which may
 * run minutes apart from ours, and a task missed there is a second write on resume (issue 17.4).
 */
const TASK_PAST_MS = 24 * 3600_000;
export const TASK_CLOCK_SKEW_MS = 30 * 60_000;

export interface TaskWindow {
  fromStartTime: string;
  toStartTime: string;
}

export function taskWindow(now: number, aheadMs = 0): TaskWindow {
  return {
    fromStartTime: apiTime(now - TASK_PAST_MS - TASK_CLOCK_SKEW_MS),
    toStartTime: apiTime(now + aheadMs + TASK_CLOCK_SKEW_MS),
  };
}

/** `yyyy-MM-ddTHH:mm:ssZ`, as the task APIs take times. */
function apiTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
