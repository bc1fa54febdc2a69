import type { BaseLiveSsl, BaseSslInputs } from "../../core/driver";
import type { PlainInputs } from "../../core/validation/input-schema";
import type { DDS_OWN_INPUTS } from "./schema";

/** Plain (resolved) inputs of `alicloud.mongodb.DbSslConfig` (`switchMode` defaulted by `check`). */
export interface DdsSslInputs extends BaseSslInputs, PlainInputs<typeof DDS_OWN_INPUTS> {}

/** What DescribeDBInstanceAttribute + DescribeDBInstanceSSL + DescribeHistoryTasks report. */
export interface DdsLiveSsl extends BaseLiveSsl {
  /** `replicate` (replica set) or `sharding` (sharded cluster). */
  instanceType?: string;
  engineVersion?: string;
  /** `cloud_essd1`..`3`, `local_ssd`, ... */
  storageType?: string;
  /** `ForceEncryption` from the raw body; undefined when the cloud does not return it. */
  forceEncryption?: boolean;
  certificateCommonName?: string;
  /** Why SSL cannot be configured on this instance at all (a read answered a "not supported" code). */
  sslUnsupported?: string;
  /** The instance's maintenance window, `HH:mmZ-HH:mmZ`, for messages. */
  maintenanceWindow?: string;
  /**
   * Ids of the SSL tasks the task centre listed in this read (unfinished and `Succeed`): a poll
   * after a write tells the change's own task by an id not among them (wire.ts finishedOwnTask).
   */
  sslTaskIds?: string[];
}
