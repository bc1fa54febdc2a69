/**
 * The reliability adapter registry: everything the generic reliability suites (fault matrix,
 * crash and resume, fuzzed check, secret scanning) need to know about one family, so that the
 * suites themselves never name a cloud. A family takes part as soon as it has an entry here.
 *
 * Every family of DESIGN.md has an adapter: ./alicloud-rds.ts (the full matrix) and, under the
 * CI budget of ./family-kit.ts, ./alicloud-mongodb.ts, ./alicloud-redis.ts,
 * ./tencentcloud-postgres.ts and ./rdsv3.ts (OTC and Huawei).
 */
import type * as fc from "fast-check";
import type { Emulator } from "../emulator";
import type { ConfigValue } from "../engine/host";
import { ALICLOUD_MONGODB } from "./alicloud-mongodb";
import { ALICLOUD_RDS } from "./alicloud-rds";
import { ALICLOUD_REDIS } from "./alicloud-redis";
import { HUAWEICLOUD_RDS, OPENTELEKOMCLOUD_RDS } from "./rdsv3";
import { TENCENTCLOUD_POSTGRES } from "./tencentcloud-postgres";
import type { Op } from "./faults";
import type { FuzzMaterial } from "./fuzz-values";

export type Props = Record<string, unknown>;

/** What the emulator shows for one instance, in the family's own terms made neutral. */
export interface EmulatedSsl {
  /** Undefined when the instance no longer exists. */
  sslEnabled?: boolean;
  /** A change was accepted and has not landed yet (lag or modifying). */
  changing: boolean;
  /** The instance status as the family's describe call reports it. */
  status?: string;
}

export interface SeedOptions {
  sslEnabled?: boolean;
  /** Virtual ms before an accepted change starts (the status still reads steady). */
  lagMs?: number;
  /** Virtual ms the change runs. */
  durationMs?: number;
  /** The SSL flag reads the new value from acceptance, before anything restarted. */
  flipEarly?: boolean;
}

/** A state an instance can be put into by an admin, as a console user or the cloud would. */
export type InstanceCondition = "busy" | "stopped" | "locked";

/**
 * What a family runs of each suite, to keep `npm test` under 10 minutes (issue 12): absent =
 * everything (alicloud.rds). Rows left out of the fault matrix are not reported; crash points
 * left out are not run.
 */
export interface ReliabilityBudget {
  /** Operations of the fault matrix. */
  matrixOps?: readonly Op[];
  /** Keys of ./crash-points.ts run on create. */
  crashPoints?: readonly string[];
  /** Update crashes, the timeout case and the rename/replacement hand-overs. */
  crashExtras?: boolean;
  /** With `crashExtras: false`: the family whose run covers them (same driver), for the report. */
  crashExtrasCoveredBy?: string;
  /** How many of the huge-input shapes of the fuzz suite. */
  hugeShapes?: number;
  /**
   * The transport suite: all of it (TLS verification, plain-http override, request host), only
   * the request-host cases (the family builds its own API host from the region), or none.
   */
  transport?: "all" | "request-host" | false;
  /** The signature suite (wrong secret, tampered request). */
  signatures?: boolean;
}

export interface ReliabilityFamily {
  /** Module path, e.g. `alicloud.rds`. */
  family: string;
  /** The emulator service that serves it (`counts({ service })`, `FaultSpec.service`). */
  service: string;
  /** The one write call (DESIGN.md "Families"). */
  writeAction: string;
  /** The read calls `read`/`observe` make; faults on reads target these. */
  readActions: readonly string[];
  /** A valid instance id for this family, unique per `tag` (lowercase letters and digits). */
  instanceId(tag: string): string;
  /** Stack config on top of the harness's defaults (credentials, endpoint override). */
  config(emu: Emulator): Record<string, ConfigValue>;
  seed(emu: Emulator, id: string, opts?: SeedOptions): void;
  /** The declared inputs of a `DbSslConfig` for this instance (before check). */
  inputs(id: string, overrides?: Props): Props;
  /** The emulator's view of the instance's SSL state. */
  emulated(emu: Emulator, id: string): EmulatedSsl;
  /** Write calls the emulator applied for this instance, whatever answer the client saw. */
  appliedWrites(emu: Emulator, id: string): number;
  /** Write calls the emulator received for this instance (applied or not). */
  receivedWrites(emu: Emulator, id: string): number;
  /** Puts the instance into a condition; `busy` is undone by `makeSteady`. */
  setCondition(emu: Emulator, id: string, condition: InstanceCondition): void;
  makeSteady(emu: Emulator, id: string): void;
  /** Removes the instance at once (even with a change pending). */
  deleteInstance(emu: Emulator, id: string): void;
  /** A console change applied at once; cancels a pending change. */
  changeOutOfBand(emu: Emulator, id: string, sslEnabled: boolean): void;
  /** Fails the pending change's task or job; undefined when the emulator cannot script it. */
  failPendingChange?: (emu: Emulator, id: string) => void;
  /** Makes the next accepted change's task or job fail (emulators that script it in advance). */
  failNextChange?: (emu: Emulator, id: string) => void;
  /** What the error says when the change's task or job fails, per operation (default /fail/i). */
  failedChangeMessage?: RegExp | ((op: Op) => RegExp);
  /** Why the failed change surfaces the way it does, when that is not the cloud's own failure. */
  failedChangeNote?: string;
  /** A console change does not cancel the pending task: it still lands afterwards. */
  consoleChangeKeepsTask?: boolean;
  /** Conditions the emulator can put an instance into; absent = all of them. */
  conditions?: readonly InstanceCondition[];
  /** The steady status as the provider's messages spell it (default `Running`). */
  steadyStatus?: string;
  /** What of each suite this family runs (absent = everything). */
  budget?: ReliabilityBudget;
  /** Stack config with a wrong secret for this family's cloud (same key id). */
  wrongSecretConfig(): Record<string, ConfigValue>;
  /** The cloud's code for a request whose signature does not verify. */
  signatureCode: RegExp;
  /** Every host name the family's clients may reach outside the emulator. */
  cloudHosts: RegExp;
  /** A valid region of this cloud: the control of the request-host case (default cn-shanghai). */
  apiRegion?: string;
  /** Said in the rows of the slow-answer faults, when the family's client handles them oddly. */
  slowAnswerNote?: string;
  /** Appended to the transport rows' `tried` (e.g. which other family shares the client). */
  transportNote?: string;
  /**
   * Conditions in which the instance is going away (deleted, released, isolated, shut down): a
   * delete then succeeds with nothing sent and SSL left as it is (issue 17.10).
   */
  endingConditions?: readonly ("stopped" | "locked")[];
  /** What the error says for each terminal condition, and for a deleted instance. */
  messages: Partial<Record<"stopped" | "locked", RegExp>> & { deleted: RegExp };
  /**
   * Inputs that put `value` (megabytes of PEM-like text) in every PEM property, or in the
   * identifiers for families that take no PEM: `check` must stay fast and not echo it.
   */
  hugeInputs(id: string, value: string): Props;
  /** Generated `check` inputs: valid, wrong and hostile values for this family's properties. */
  checkInputs(material: FuzzMaterial): fc.Arbitrary<Props>;
  /**
   * Seeds an instance that takes a private key (a custom server certificate) and returns the
   * inputs that send it, for the secret scan; undefined for families without one.
   */
  seedWithKey?: (emu: Emulator, id: string, material: FuzzMaterial) => Props;
  /** Secret values a run may see (credentials, keys); none may appear in plain text anywhere. */
  secretValues(material: FuzzMaterial): string[];
}

/** One line per family (DESIGN.md "Families"); each adapter file says what its emulator scripts. */
export const RELIABILITY_FAMILIES: readonly ReliabilityFamily[] = [
  ALICLOUD_RDS,
  ALICLOUD_MONGODB,
  ALICLOUD_REDIS,
  TENCENTCLOUD_POSTGRES,
  OPENTELEKOMCLOUD_RDS,
  HUAWEICLOUD_RDS,
];
