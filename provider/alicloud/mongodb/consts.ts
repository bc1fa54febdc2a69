/**
 * ApsaraDB for MongoDB (DDS) constants, API 2015-12-01. Seed 000 ModifyDBInstanceSSL
 * (https://www.alibabacloud.com/help/en/mongodb/api-modifydbinstancessl); read fields and statuses:
 * alibaba.md §1.2; task statuses: the DDS Go SDK `describe_history_tasks_response_body_model.go`.
 */
import type { IdentifierFormat } from "../../core/validation/check-failure";
import type { InputFormats } from "../../core/validation/inputs";
import { ALIBABA_REGION_FORMAT } from "../formats";

export const FAMILY = "alicloud.mongodb";
export const DDS_VERSION = "2015-12-01";

/** Terraform's `alicloud_mongodb_instance` update timeout (alibaba.md §2.3). */
export const DDS_DEFAULT_TIMEOUT_MINUTES = 120;
/** Without evidence (no transition seen), a steady instance showing the target counts after this. */
export const DDS_SETTLE_GRACE_MS = 60_000;

export const DDS_RUNNING = "Running";
/** `LockMode` of an instance whose subscription expired: isolated, released unless renewed. */
export const EXPIRED_LOCK = "LockByExpiration";
/**
 * Statuses an instance does not leave by waiting (doc "Instance states", alibaba.md §1.2): a write
 * would be refused, so `up` fails at once. Locks come from DescribeDBInstanceAttribute `LockMode`.
 */
export const TERMINAL_STATUSES: readonly string[] = ["Deleting", "Released", "Stopped", "Stopping"];

/** `SwitchMode` (seed 000): 0 modify immediately, 1 within the O&M (maintenance) window. */
export const SWITCH_MODES = { immediately: "0", maintenanceWindow: "1" } as const;
export type SwitchMode = keyof typeof SWITCH_MODES;
export const SWITCH_MODE_NAMES = Object.keys(SWITCH_MODES) as SwitchMode[];

/** `SSLAction` per action (seed 000); DDS has no settings-only action (see driver.ts plan). */
export const SSL_ACTION_WIRE = { open: "Open", close: "Close", update: "Update" } as const;

/**
 * DescribeDBInstanceSSL answers for instances that cannot have SSL at all (Terraform tolerates
 * them on read, resource_alicloud_mongodb_instance.go ~l.726): the seed's requirements not met.
 */
export const NO_SSL_READ_CODES = ["StorageTypeOrInstanceTypeNotSupported", "SingleNodeNotSupport"];

/**
 * Task-center statuses (DescribeHistoryTasks `Status`, DDS Go SDK): `Waiting` is "waiting for
 * scheduled time" (a SwitchMode=1 change before its window); Scheduled/Running/Cancelling are a
 * change in flight, which may show there before the instance leaves Running.
 */
export const IN_FLIGHT_TASK_STATUSES = ["Scheduled", "Running", "Cancelling"];
export const WAITING_TASK_STATUS = "Waiting";
/**
 * A finished task (DDS Go SDK `Status` list: Scheduled, Running, Succeed, Failed, Cancelling,
 * Canceled, Waiting): listed so the poll after a write can see the change's own task end.
 */
export const FINISHED_TASK_STATUS = "Succeed";
/**
 * What every DescribeHistoryTasks query lists (the read and each poll; `Status` takes a comma
 * list, so one call): the unfinished tasks and the finished ones, whose ids tell a change's own
 * task from earlier ones (wire.ts finishedOwnTask).
 */
export const POLL_TASK_STATUSES: readonly string[] = [
  ...IN_FLIGHT_TASK_STATUSES,
  WAITING_TASK_STATUS,
  FINISHED_TASK_STATUS,
];
/**
 * The SDK does not list an SSL task type; a task whose type names SSL is taken as an SSL change
 * (inference; the project's emulator uses `ModifyDBInstanceSSL`). Only those count as scheduled
 * SSL changes: another kind of task waiting for its window must not stop an SSL change.
 */
export const SSL_TASK_TYPE = /ssl/i;

/** `ForceEncryption` exists on MongoDB 7.0 and 8.0 with cloud disks only (seed 000, Terraform doc). */
export const FORCE_ENCRYPTION_VERSIONS = ["7.0", "8.0"];

/**
 * Regions served by the central endpoint `mongodb.aliyuncs.com`; every other region has
 * `mongodb.<region>.aliyuncs.com`. From the DDS Go SDK `client/client.go` `EndpointMap` (the
 * internal test regions left out). The core client has no endpoint map (alibaba.md §4.7).
 */
export const CENTRAL_ENDPOINT_REGIONS: readonly string[] = [
  "cn-qingdao",
  "cn-beijing",
  "cn-wulanchabu",
  "cn-hangzhou",
  "cn-shanghai",
  "cn-shenzhen",
  "cn-heyuan",
  "cn-hangzhou-finance",
  "ap-northeast-2-pop",
  "cn-beijing-finance-1",
  "cn-beijing-finance-pop",
  "cn-beijing-gov-1",
  "cn-edge-1",
  "cn-fujian",
  "cn-hongkong-finance-pop",
  "cn-wuhan",
  "cn-yushanfang",
  "cn-zhangbei",
  "eu-west-1-oxs",
  "rus-west-1-pop",
];

/**
 * DDS instance ids: `dds-` then lowercase letters and digits (seed 000 example `dds-bp2235****`,
 * the SDK's `dds-bp11483712c1****`). Inner hyphens pass, as for RDS (they change no URL or log line).
 */
export const DDS_INSTANCE_ID_FORMAT: IdentifierFormat = {
  pattern: /^dds-[a-z0-9]+(-[a-z0-9]+)*$/,
  maxLength: 64,
  description:
    'an ApsaraDB for MongoDB instance id: "dds-" followed by lowercase letters and digits, ' +
    'such as "dds-bp2235xxxxxxxx"',
};

export const DDS_INPUT_FORMATS: InputFormats = {
  instanceId: DDS_INSTANCE_ID_FORMAT,
  region: ALIBABA_REGION_FORMAT,
};
