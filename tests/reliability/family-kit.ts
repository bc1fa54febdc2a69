/**
 * Shared parts of the reliability adapters of the families that joined after `alicloud.rds`
 * (./alicloud-mongodb.ts, ./alicloud-redis.ts, ./tencentcloud-postgres.ts, ./rdsv3.ts): the
 * shared inputs of `BaseSslInputs` (provider/core/driver.ts) as fuzzed values, the write-call
 * counters over the emulator's request log, and the suite budget these families run under.
 */
import * as fc from "fast-check";
import { createHash } from "crypto";
import type { Emulator } from "../emulator";
import type { Props, ReliabilityBudget } from "./families";
import { identifierValue, oddValue, optionalRecord, unknownKeys } from "./fuzz-values";

/**
 * The CI budget of issue 12 for these families (the whole of `npm test` must stay under 10
 * minutes): the whole fault matrix (create, update, delete, read) and every crash point with the
 * extras, as for alicloud.rds; one huge-input shape; no second transport or signature run where
 * another family already covers the same client code (set per adapter).
 */
export const NEW_FAMILY_BUDGET: ReliabilityBudget = {
  crashExtras: true,
  hugeShapes: 1,
  transport: false,
  signatures: false,
};

/** Valid, wrong and hostile values for the inputs every family shares. */
export function sharedCheckFields(): Record<string, fc.Arbitrary<unknown>> {
  const bool = fc.oneof(fc.boolean(), oddValue());
  return {
    sslEnabled: bool,
    rotateTrigger: fc.oneof(fc.string({ maxLength: 10 }), oddValue()),
    renewBeforeDays: fc.oneof(fc.integer({ min: -5, max: 400 }), oddValue()),
    onDelete: fc.oneof(fc.constantFrom("disable", "retain", "destroy"), oddValue()),
    timeoutMinutes: fc.oneof(fc.integer({ min: -1, max: 10_000 }), fc.double(), oddValue()),
  };
}

/** `check` inputs: a (usually valid) id, optional family and shared fields, unknown keys. */
export function checkInputsOf(
  validId: fc.Arbitrary<string>,
  validRegion: fc.Arbitrary<string>,
  familyFields: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Props> {
  const known = fc.record({ instanceId: identifierValue(validId) });
  const optional = optionalRecord({
    region: identifierValue(validRegion),
    ...sharedCheckFields(),
    ...familyFields,
  });
  return fc
    .tuple(known, optional, unknownKeys())
    .map(([a, b, extra]) => ({ ...extra, ...b, ...a }));
}

/** Counters of one write action whose instance id travels in `idParam`. */
export function writeCounters(action: string, idParam: string) {
  const writesTo = (emu: Emulator, id: string) =>
    emu.admin.requests(action).filter((r) => r.params[idParam] === id);
  return {
    appliedWrites: (emu: Emulator, id: string) => writesTo(emu, id).filter((r) => r.applied).length,
    receivedWrites: (emu: Emulator, id: string) => writesTo(emu, id).length,
  };
}

/** A stable slug of a tag (lowercase letters and digits), for ids with a fixed prefix. */
export const slug = (tag: string) => tag.toLowerCase().replace(/[^a-z0-9]/g, "");

/** 32 hex digits from a tag: ids of clouds whose ids are hex (RDS v3 `<32 hex>in01`). */
export const hex32 = (tag: string) => createHash("sha256").update(tag).digest("hex").slice(0, 32);
