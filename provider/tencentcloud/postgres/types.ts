import type { BaseLiveSsl, BaseSslInputs } from "../../core/driver";
import type { PlainInputs } from "../../core/validation/input-schema";
import type { POSTGRES_OWN_INPUTS } from "./schema";

/** Plain (resolved) inputs of `tencentcloud.postgres.DbSslConfig`. */
export interface PostgresSslInputs extends BaseSslInputs, PlainInputs<typeof POSTGRES_OWN_INPUTS> {}

/** DescribeDBInstanceAttribute + DescribeDBInstanceSSLConfig + DescribeTasks, normalised. */
export interface PostgresLiveSsl extends BaseLiveSsl {
  connectAddress?: string;
  caUrl?: string;
  /** PEM; only cloud-disk instances return it (SDK comment "仅云盘版"). */
  caCert?: string;
}

/** One `TaskSet` entry; `TaskId` kept as the exact decimal text (see calls.ts). */
export interface PostgresTask {
  TaskId?: string | number;
  TaskType?: string;
  DBInstanceId?: string;
  StartTime?: string;
  Status?: string;
  Progress?: number;
  TaskDetail?: { Message?: string; SwitchTime?: string; SwitchTag?: number };
}
