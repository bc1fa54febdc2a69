/**
 * What both RDS v3 resource classes share: their arguments and output seeds. The classes
 * themselves live with each cloud (`provider/opentelekomcloud/rds.ts`, `provider/huaweicloud/rds.ts`),
 * each with its own serialized shim.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { FamilyResourceSpec } from "../core/resource-args";
import { RDSV3_OUTPUTS } from "./consts";

export interface RdsV3DbSslConfigArgs {
  /** The RDS instance id (`…in01`). Changing it replaces the resource. */
  instanceId: pulumi.Input<string>;
  /** Region of the instance; defaults to the cloud's region setting. Changing it replaces the resource. */
  region?: pulumi.Input<string>;
  /**
   * The project (tenant) id, 32 hex characters; defaults to the cloud's project setting
   * (`opentelekomcloud:tenantId`, `OS_PROJECT_ID`; `HW_PROJECT_ID`). Changing it replaces the resource.
   */
  projectId?: pulumi.Input<string>;
  /** SSL on (default) or off. RDS for MySQL only; enabling or disabling reboots the instance. */
  sslEnabled?: pulumi.Input<boolean>;
  /** On delete: `retain` (default) leaves SSL as it is; `disable` turns it off (MySQL only: a reboot). */
  onDelete?: pulumi.Input<"disable" | "retain">;
  /** How long `up` waits for the cloud (default 30). Pulumi's customTimeouts do not reach dynamic providers. */
  timeoutMinutes?: pulumi.Input<number>;
}

export const RDSV3_RESOURCE_SPEC: FamilyResourceSpec = { outputs: RDSV3_OUTPUTS, secrets: [] };
