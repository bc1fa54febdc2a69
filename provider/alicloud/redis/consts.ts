/**
 * Tair / ApsaraDB for Redis constants (R-KVStore API 2015-01-01, `@alicloud/r-kvstore20150101`).
 * Seed 002: ModifyInstanceSSL
 * (https://www.alibabacloud.com/help/en/redis/developer-reference/api-r-kvstore-2015-01-01-modifyinstancessl);
 * reads and statuses: alibaba.md §1.3.
 */
import type { IdentifierFormat } from "../../core/validation/check-failure";

export const FAMILY = "alicloud.redis";

/** Terraform's `redis_tair_instance` update timeout (60 min; `kvstore_instance`: 40), alibaba.md §2.4-2.5. */
export const REDIS_DEFAULT_TIMEOUT_MINUTES = 60;

/**
 * Without a finished task (an answer lost before its TaskId arrived), a steady instance showing
 * the target counts only after this. Terraform waits 5 minutes before its first poll (alibaba.md
 * §2.4); the task center shows a change during its lag, so a shorter grace is safe here.
 */
export const REDIS_SETTLE_GRACE_MS = 120_000;

/** `InstanceStatus` of an instance that accepts a change (seed 002: "only ... in the Running state"). */
export const STEADY_STATUS = "Normal";

/**
 * Statuses an instance does not leave by waiting (alibaba.md §6.3 failure list; DescribeInstances
 * `InstanceStatus`): `Inactive` is a disabled (e.g. expired) instance, `Released` a deleted one.
 */
export const TERMINAL_STATUSES: readonly string[] = ["Inactive", "Released"];

/** `SSLEnabled` on the wire (seed 002). DescribeInstanceSSL answers only Enable / Disable. */
export const SSL_ENABLED_WIRE = { open: "Enable", close: "Disable", update: "Update" } as const;

/** "Already in that state" answers (alibaba.md §1.3, §5), by the action they confirm (F3). */
export const ALREADY_IN_STATE: Readonly<Record<string, "open" | "close">> = {
  SSLEnabledStateExistsFault: "open",
  SSLDisableStateExistsFault: "close",
};

/**
 * DescribeHistoryTasks statuses of a change not finished yet (`DescribeHistoryTasksRequest.d.ts`:
 * Scheduled | Running | Succeed | Failed | Cancelling | Canceled | Waiting).
 */
export const IN_FLIGHT_TASK_STATUSES = ["Scheduled", "Running", "Waiting", "Cancelling"];

/**
 * What to do about each seed-002 refusal, appended to the cloud's message. Sources: the seed's
 * descriptions, and the Tair "Enable TLS encryption" prerequisites (master-replica instances of Tair
 * DRAM / persistent memory or Redis Open-Source 5.0-7.0, no public endpoint).
 */
export const ERROR_ADVICE: Readonly<Record<string, string>> = {
  IncorrectEngineVersion:
    "The engine's minor version does not support TLS: upgrade the instance's minor version " +
    "(console: Upgrade Minor Version, or the UpgradeMinorVersion API), then run `pulumi up` again.",
  IncorrectCharacterType:
    "This instance type cannot use TLS: it needs a master-replica Tair (DRAM or persistent " +
    "memory) or Redis Open-Source 5.0-7.0 instance.",
  EnabledSSLNotSupport:
    "Tair / Redis TLS is not offered in this region: keep sslEnabled false here.",
  IncorrectDBInstanceLockMode:
    "The instance is locked (e.g. an overdue payment or an expired subscription): unlock it first.",
  "InvalidParameters.Format":
    'The request was rejected as malformed (InstanceId "r-...", SSLEnabled Enable, Disable or Update).',
};

/**
 * KVStore instance ids: `r-` then lowercase letters and digits (seed 002 `r-bp1zxszhcgatnx****`;
 * Tair instances share the prefix). Inner hyphens pass, as for RDS (formats.ts): they cannot change a
 * URL or a log line.
 */
export const REDIS_INSTANCE_ID_FORMAT: IdentifierFormat = {
  pattern: /^r-[a-z0-9]+(-[a-z0-9]+)*$/,
  maxLength: 64,
  description:
    'a Tair / Redis instance id: "r-" followed by lowercase letters and digits, such as "r-bp1zxszhcgatnx1234"',
};
