/**
 * The inputs every family shares: defaults, validation and the offline comparisons that
 * `diff` makes against the stored outputs (the live state after the last up or refresh).
 */
import type { BaseSslInputs, InputFormats } from "../driver";
import { checkProperties, isKnown, unknownInputFailures, type CheckFailure } from "./check-failure";
import { checkTable, type InputSchema, type InputSpec } from "./input-schema";

/** Pulumi's key for the serialized provider, present in every dynamic resource's inputs. */
const PROVIDER_INPUT = "__provider";

export const ON_DELETE_VALUES = ["disable", "retain"] as const;

/** Inputs that identify the instance: a change replaces the resource. */
export const IDENTITY_INPUTS = ["instanceId", "region"] as const;

/** Inputs that change only how the provider behaves, never the cloud: an update sends nothing. */
export const BEHAVIOUR_INPUTS = ["onDelete", "timeoutMinutes", "renewBeforeDays"] as const;

/** What `check` fills in for every family (the schema's `default`s of the shared inputs). */
const SHARED_DEFAULTS = { sslEnabled: true, onDelete: "retain" } as const;

export function withSharedDefaults(raw: Record<string, unknown>): Record<string, unknown> {
  return { ...SHARED_DEFAULTS, ...stripNulls(raw) };
}

/** Defined with the driver contract (`SslDriver.inputFormats`); here for the families' schemas. */
export type { InputFormats };

/** What the shared check needs to know about the family. */
export interface SharedCheckSpec {
  formats: InputFormats;
  /** The family's own input names (the driver's `inputNames`). */
  inputNames: readonly string[];
}

/**
 * Certificates the clouds issue are valid for one year (alibaba.md §1.1, DescribeDBInstanceSSL
 * "Certs are valid for 1 year"; §6 "RDS certs are valid 1 year", docs 96120). A window near that
 * length would renew on every `up`: 180 days, not the 365 an older JSDoc said (issue 19).
 */
export const MAX_RENEW_BEFORE_DAYS = 180;
const RENEW_WHY =
  "cloud certificates are valid for one year, so a longer window would renew on every up";

export type SharedInputName = (typeof SHARED_INPUT_NAMES)[number];

/** The shared inputs' types, the same for every family; only the identity formats differ. */
export function sharedInputTypes(
  formats: InputFormats,
): Record<SharedInputName, Omit<InputSpec, "doc">> {
  return {
    instanceId: {
      type: { kind: "format", format: formats.instanceId },
      required: true,
      replaces: true,
    },
    region: { type: { kind: "format", format: formats.region }, replaces: true },
    sslEnabled: { type: { kind: "boolean" }, default: SHARED_DEFAULTS.sslEnabled },
    rotateTrigger: { type: { kind: "string" } },
    renewBeforeDays: {
      type: { kind: "integer", min: 1, max: MAX_RENEW_BEFORE_DAYS, why: RENEW_WHY },
    },
    onDelete: {
      type: { kind: "oneOf", values: ON_DELETE_VALUES },
      default: SHARED_DEFAULTS.onDelete,
    },
    timeoutMinutes: { type: { kind: "number", min: 1, max: 24 * 60 } },
  };
}

/**
 * A family's doc text for each shared input. `rotateTrigger` and `renewBeforeDays` only where the
 * cloud can renew a certificate (elsewhere `check` refuses them, ARCHITECTURE F7);
 * `timeoutMinutes` names the family's default.
 */
export interface SharedInputDocs {
  instanceId: string;
  region: string;
  sslEnabled: string | Pick<InputSpec, "doc" | "engines">;
  rotateTrigger?: string;
  renewBeforeDays?: string;
  onDelete: string;
  timeoutMinutes: { doc: string; default: number };
}

/**
 * A family's whole input schema, in the order users read it: identity and `sslEnabled`, the
 * family's own settings, then renewal, delete and timeout.
 */
export function familyInputSchema(
  formats: InputFormats,
  docs: SharedInputDocs,
  own: InputSchema,
): InputSchema {
  const types = sharedInputTypes(formats);
  const shared = (name: SharedInputName, text: SharedInputDocs[SharedInputName]) => {
    if (text === undefined) return [];
    const extra = typeof text === "string" ? { doc: text } : text;
    return [[name, { ...types[name], ...extra }] as const];
  };
  return Object.fromEntries([
    ...shared("instanceId", docs.instanceId),
    ...shared("region", docs.region),
    ...shared("sslEnabled", docs.sslEnabled),
    ...Object.entries(own),
    ...shared("rotateTrigger", docs.rotateTrigger),
    ...shared("renewBeforeDays", docs.renewBeforeDays),
    ...shared("onDelete", docs.onDelete),
    ...shared("timeoutMinutes", docs.timeoutMinutes),
  ]);
}

/** The family's own inputs: the schema without the shared ones. */
export function ownInputNames(schema: InputSchema): string[] {
  return Object.keys(schema).filter(
    (name) => !(SHARED_INPUT_NAMES as readonly string[]).includes(name),
  );
}

export function validateSharedInputs(
  inputs: Record<string, unknown>,
  spec: SharedCheckSpec,
): CheckFailure[] {
  const known = [...SHARED_INPUT_NAMES, ...spec.inputNames, PROVIDER_INPUT];
  // Every shared input is checked, also where the family documents no renewal: a
  // `renewBeforeDays` there fails its type and the F7 refusal (core/lifecycle/check.ts) alike.
  const table = checkTable(sharedInputTypes(spec.formats));
  return [...unknownInputFailures(inputs, known), ...checkProperties(inputs, table)];
}

/** True when the live certificate expires within `renewBeforeDays` of `now`. */
export function renewalDue(
  inputs: Pick<BaseSslInputs, "renewBeforeDays" | "sslEnabled">,
  expiresAt: unknown,
  now: number,
): boolean {
  if (!inputs.sslEnabled || !isKnown(inputs.renewBeforeDays) || typeof expiresAt !== "string") {
    return false;
  }
  const expiry = Date.parse(expiresAt);
  return Number.isFinite(expiry) && expiry - now <= (inputs.renewBeforeDays ?? 0) * 86_400_000;
}

/** Pulumi sends absent optional inputs as missing or null; treat both as "not set". */
export function stripNulls(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null && v !== undefined));
}

/** PEM and similar text compare equal regardless of line endings and surrounding space. */
export function sameText(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) =>
    typeof v === "string" ? v.replace(/\r\n/g, "\n").replace(/\s+$/g, "").trim() : v;
  return norm(a) === norm(b);
}

export const SHARED_INPUT_NAMES = [
  "instanceId",
  "region",
  "sslEnabled",
  "rotateTrigger",
  "renewBeforeDays",
  "onDelete",
  "timeoutMinutes",
] as const;
