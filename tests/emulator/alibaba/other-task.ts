/** A task-centre entry of another kind than an SSL change (a backup, a restart), added by tests. */
export interface OtherTask {
  /** As DescribeHistoryTasks `TaskType` shows it, e.g. `CreateBackup` or `RestartDBInstance`. */
  taskType: string;
  /** It runs from now for this long (virtual ms). */
  durationMs: number;
}
