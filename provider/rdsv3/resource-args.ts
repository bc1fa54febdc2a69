/**
 * What both RDS v3 resource classes share: their output seeds. The classes themselves live with
 * each cloud (`provider/opentelekomcloud/rds.ts`, `provider/huaweicloud/rds.ts`), each with its
 * own serialized shim and generated arguments (`args.ts`, from rdsv3/schema.ts).
 */
import type { FamilyResourceSpec } from "../core/resource-args";
import { RDSV3_OUTPUTS } from "./consts";

export const RDSV3_RESOURCE_SPEC: FamilyResourceSpec = { outputs: RDSV3_OUTPUTS, secrets: [] };
