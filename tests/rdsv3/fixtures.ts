/**
 * Shared setup of the RDS v3 tests: the two families, their stack config pointed at the emulator,
 * ids, and a harness per cloud (tests/fixtures/provider-harness.ts).
 */
import type { ConfigValue } from "../engine/host";
import { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY } from "../emulator";
import type { RdsV3CloudName } from "../emulator";
import { startFamilyHarness, urnOf, type FamilyHarness } from "../fixtures/provider-harness";

export const PROJECT = "0483b6b16e954cb88930a360d2c4e663";
export const OTHER_PROJECT = "11111111111111111111111111111111";
export const MYSQL_ID = "ed7cc6166ec24360a5ed5c5c9c2ed726in01";
export const PG_ID = "aa7cc6166ec24360a5ed5c5c9c2ed726in03";
export const MINUTE = 60_000;

export const FAMILY: Record<RdsV3CloudName, string> = {
  opentelekomcloud: "opentelekomcloud.rds",
  huaweicloud: "huaweicloud.rds",
};

/** Stack config as users set it for each cloud (the official providers' keys). */
export function cloudConfig(
  cloud: RdsV3CloudName,
  secret = EMULATOR_SECRET_KEY,
): Record<string, ConfigValue> {
  return cloud === "opentelekomcloud"
    ? {
        "opentelekomcloud:accessKey": EMULATOR_ACCESS_KEY,
        "opentelekomcloud:secretKey": { secret },
        "opentelekomcloud:region": "eu-de",
        "opentelekomcloud:tenantId": PROJECT,
      }
    : {
        "huaweicloud:access_key": EMULATOR_ACCESS_KEY,
        "huaweicloud:secret_key": { secret },
        "huaweicloud:region": "cn-north-4",
      };
}

export interface RdsV3Harness extends FamilyHarness {
  cloud: RdsV3CloudName;
  /** The inputs every test declares (Huawei has no project key: projectId is an input). */
  base(extra?: Record<string, unknown>): Record<string, unknown>;
}

export async function startRdsV3Harness(
  cloud: RdsV3CloudName,
  config: Record<string, ConfigValue> = {},
): Promise<RdsV3Harness> {
  const h = await startFamilyHarness(FAMILY[cloud], {
    config: { ...cloudConfig(cloud), ...config },
  });
  const base = (extra: Record<string, unknown> = {}) => ({
    instanceId: MYSQL_ID,
    ...(cloud === "huaweicloud" ? { projectId: PROJECT } : {}),
    ...extra,
  });
  return Object.assign(h, { cloud, base });
}

export { urnOf };

export type Failure = Error & { id?: unknown; properties: Record<string, unknown> };

/** Resolves to the rejection of `p` (fails the test when it resolves). */
export function failure(p: Promise<unknown>): Promise<Failure> {
  return p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: Failure) => e,
  );
}

/** A harness with the MySQL instance `MYSQL_ID` seeded (SSL off, ACTIVE), as most tests begin. */
export async function startSeededRdsV3Harness(
  cloud: RdsV3CloudName,
  config: Record<string, ConfigValue> = {},
): Promise<RdsV3Harness> {
  const h = await startRdsV3Harness(cloud, config);
  h.emu.admin.rdsv3.seed({ id: MYSQL_ID, projectId: PROJECT, cloud });
  return h;
}
