/**
 * Huawei Cloud's published limit, "60 calls per minute for a single user" on each API
 * (support.huaweicloud.com api-rds rds_00_0002; the gateway counts a user limit per API), as a
 * standing fault at its strictest reading: at most 60 calls in any sliding minute, per user and API.
 */
import type { FaultSpec } from "../faults";

export function huaweiPublishedLimit(
  user: string,
): FaultSpec & Required<Pick<FaultSpec, "service" | "perAction" | "ratePerSecond" | "windowMs">> {
  return {
    kind: "throttle" as const,
    service: "rdsv3",
    perAction: true,
    ratePerSecond: 1,
    windowMs: 60_000,
    user,
  };
}
