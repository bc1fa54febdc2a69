/**
 * DescribeTaskDetail `Status`, read (issue 17.8). The API page lists RUNNING and COMPLETED only;
 * an answer in another case ("Completed") means the same; one that names a failure fails at once;
 * any other value is not guessed at: the instance's own evidence (its status, the task centre,
 * the SSL read) decides, and a poll where that shows no change either fails, naming the value.
 */
export interface TaskProgress {
  running: boolean;
  done?: boolean;
  state?: string;
  failure?: string;
  /** The status as answered when it is none of the documented ones. */
  unknownStatus?: string;
}

export function readTaskStatus(taskId: string, status: string): TaskProgress {
  const state = `task ${taskId} ${status}`;
  const upper = status.trim().toUpperCase();
  if (upper === "COMPLETED") return { running: false, done: true, state };
  if (upper === "RUNNING") return { running: true, state };
  if (/FAIL|CANCEL|ERROR/.test(upper)) {
    return { running: false, state, failure: `the cloud reports ${state}` };
  }
  return { running: false, state, unknownStatus: status };
}

/** The failure of a poll where the task's status is unknown and the instance shows no change. */
export function unexplainedStatus(taskId: string | undefined, status: string): string {
  return (
    `DescribeTaskDetail answered Status ${printable(status)} for task ${taskId ?? "?"}, neither RUNNING ` +
    `nor COMPLETED, and the instance shows no change in progress nor the change done`
  );
}

/** Quoted, escaped and bounded: the cloud's text never forges a line or floods the message. */
function printable(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
}
