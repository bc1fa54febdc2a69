/**
 * TencentDB for PostgreSQL constants (API 2017-03-12). Seed 003: ModifyDBInstanceSSLConfig
 * (https://www.tencentcloud.com/document/api/409/78802); types and statuses from
 * `tencentcloud-sdk-nodejs` 4.1.313 `services/postgres/v20170312/postgres_models.d.ts`.
 */

export const FAMILY = "tencentcloud.postgres";

/** The postgres client, by deep path (tencent-huawei.md §1.2). */
export const POSTGRES_CLIENT_MODULE = "tencentcloud/services/postgres/v20170312/postgres_client";

/**
 * No Tencent document gives a duration; Terraform waits 5 minutes (`WriteRetryTimeout`,
 * tencent-huawei.md §1.6). 15 minutes leaves room for a restart, which is not documented either.
 */
export const POSTGRES_DEFAULT_TIMEOUT_MINUTES = 15;

/** Only for a write without a task id (a lost answer): a steady target counts after this. */
export const POSTGRES_SETTLE_GRACE_MS = 60_000;

/** `DBInstance.DBInstanceStatus` that accepts a change (SDK comment lists `running`). */
export const RUNNING = "running";

/**
 * Statuses an instance does not leave by waiting (SDK comment on DBInstanceStatus): isolated for
 * arrears, being recycled or taken offline. A write would be refused, so `up` fails at once.
 */
export const TERMINAL_STATUSES: readonly string[] = [
  "isolating",
  "isolated",
  "recycling",
  "recycled",
  "offlining",
  "offline",
];

/** `TaskSet.Status` (SDK comment: "Running,Success,WaitSwitch,Fail,Pause"). */
export const TASK_STATUS = {
  running: "Running",
  success: "Success",
  waitSwitch: "WaitSwitch",
  fail: "Fail",
  pause: "Pause",
} as const;

/** How far back the instance's task list is searched for a change still running or waiting. */
export const TASK_WINDOW_MS = 7 * 24 * 3600_000;

/** The CA certificate PEM is kept secret in outputs (issue 8). */
export const POSTGRES_SECRET_OUTPUTS = ["caCert"];
