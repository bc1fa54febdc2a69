/**
 * The reliability adapter registry: everything the generic reliability suites (fault matrix,
 * crash and resume, fuzzed check, secret scanning) need to know about one family, so that the
 * suites themselves never name a cloud. A family takes part as soon as it has an entry here.
 *
 * Slots: `alicloud.rds` is filled (./alicloud-rds.ts). The other families of DESIGN.md get one
 * line each in `RELIABILITY_FAMILIES` when their emulator service and driver land; copy
 * ./alicloud-rds.ts, swap the admin calls for the family's store, and list it below.
 */
import type * as fc from "fast-check";
import type { Emulator } from "../emulator";
import type { ConfigValue } from "../engine/host";
import { ALICLOUD_RDS } from "./alicloud-rds";
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
  /** Stack config with a wrong secret for this family's cloud (same key id). */
  wrongSecretConfig(): Record<string, ConfigValue>;
  /** The cloud's code for a request whose signature does not verify. */
  signatureCode: RegExp;
  /** Every host name the family's clients may reach outside the emulator. */
  cloudHosts: RegExp;
  /** What the error says for each terminal condition, and for a deleted instance. */
  messages: Record<"stopped" | "locked" | "deleted", RegExp>;
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

/**
 * One line per family. The lead fills these when the families land:
 *   ALICLOUD_MONGODB (tests/reliability/alicloud-mongodb.ts), ALICLOUD_REDIS,
 *   TENCENTCLOUD_POSTGRES, OPENTELEKOMCLOUD_RDS, HUAWEICLOUD_RDS.
 */
export const RELIABILITY_FAMILIES: readonly ReliabilityFamily[] = [
  ALICLOUD_RDS,
  // ALICLOUD_MONGODB,
  // ALICLOUD_REDIS,
  // TENCENTCLOUD_POSTGRES,
  // OPENTELEKOMCLOUD_RDS,
  // HUAWEICLOUD_RDS,
];
