/**
 * Shared bits of the alicloud.mongodb tests: the harness (real dynamic-provider host, fresh
 * emulator, virtual clock) and the emulator's record of DDS calls.
 */
import * as assert from "assert";
import {
  startFamilyHarness,
  urnOf,
  type FamilyHarness,
  type HarnessOptions,
} from "../../fixtures/provider-harness";

export const FAMILY = "alicloud.mongodb";
export const URN = urnOf(FAMILY);
export const MINUTE = 60_000;

export function startDdsHarness(opts: HarnessOptions = {}): Promise<FamilyHarness> {
  return startFamilyHarness(FAMILY, opts);
}

/** The DDS calls of one action the emulator received (raw parameters, in order). */
export function ddsCalls(h: FamilyHarness, action: string) {
  return h.emu.admin.requests(action).filter((r) => r.service === "dds");
}

/** ModifyDBInstanceSSL calls; `applied` ones reached the state machine whatever the client saw. */
export function modifies(h: FamilyHarness, id?: string) {
  return ddsCalls(h, "ModifyDBInstanceSSL").filter(
    (r) => id === undefined || r.params.DBInstanceId === id,
  );
}

/** What the host's failures carry (ResourceInitFailed adds the id and properties). */
export interface HostError extends Error {
  id?: string;
  properties: Record<string, unknown>;
}

export function failure(p: Promise<unknown>): Promise<HostError> {
  return p.then(
    () => assert.fail("expected a failure"),
    (e: HostError) => e,
  );
}
