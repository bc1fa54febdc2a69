/**
 * The tencentcloud.postgres harness: the real dynamic-provider host against a fresh emulator,
 * configured with the emulator's key as `tencentcloud:*` stack config.
 */
import {
  startFamilyHarness,
  urnOf,
  type FamilyHarness,
  type HarnessOptions,
} from "../../fixtures/provider-harness";
import { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY } from "../../emulator";

export const FAMILY = "tencentcloud.postgres";
export const PG_URN = urnOf(FAMILY);
export const MODIFY = "ModifyDBInstanceSSLConfig";

export const TENCENT_CONFIG = {
  "tencentcloud:secretId": EMULATOR_ACCESS_KEY,
  "tencentcloud:secretKey": { secret: EMULATOR_SECRET_KEY },
  "tencentcloud:region": "ap-guangzhou",
};

export function startPostgresHarness(opts: HarnessOptions = {}): Promise<FamilyHarness> {
  return startFamilyHarness(FAMILY, { ...opts, config: { ...TENCENT_CONFIG, ...opts.config } });
}

/** Writes the emulator received, raw parameters (in-process only). */
export function modifies(h: FamilyHarness, id?: string) {
  return h.emu.admin
    .requests(MODIFY)
    .filter((r) => id === undefined || r.params.DBInstanceId === id);
}

export function appliedModifies(h: FamilyHarness, id?: string) {
  return modifies(h, id).filter((r) => r.applied);
}

/** The instance's first (private) address. */
export function ipOf(h: FamilyHarness, id: string): string {
  return h.emu.admin.tencentPostgres.get(id)!.addresses[0].ip;
}

export const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e) => e,
  );
