/**
 * Tasks that hold a change without failing it (issue 17.11): `WaitSwitch` waits for the switch
 * window, `Pause` was paused on Tencent's side and resumes there. Neither is a failure, and
 * neither may be followed by a second write: both are a pending change, reported as such (the
 * `pendingChange` output), and the instance takes no write while one is listed.
 */
import { TASK_STATUS } from "./consts";
import type { PostgresTask } from "./types";

export const PENDING_TASK_STATUSES: readonly string[] = [TASK_STATUS.waitSwitch, TASK_STATUS.pause];

/** What holds the change, for progress lines and `pendingChange`; undefined for other statuses. */
export function pendingLine(task: PostgresTask, line: string): string | undefined {
  if (task.Status === TASK_STATUS.waitSwitch) {
    const at = task.TaskDetail?.SwitchTime ? ` (${task.TaskDetail.SwitchTime})` : "";
    return `${line} waits for the switch window${at}`;
  }
  if (task.Status === TASK_STATUS.pause) {
    const why = task.TaskDetail?.Message ? `: ${task.TaskDetail.Message}` : "";
    return `${line} is paused on Tencent's side${why}; the change is pending until it resumes`;
  }
  return undefined;
}
