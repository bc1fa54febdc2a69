/**
 * The inputs every family shares: defaults, validation and the offline comparisons that
 * `diff` makes against the stored outputs (the live state after the last up or refresh).
 */
import type { BaseSslInputs } from "./driver";
import {
  checkProperties,
  isKnown,
  rules,
  unknownInputFailures,
  type CheckFailure,
  type IdentifierFormat,
} from "./check-failure";

/** Pulumi's key for the serialized provider, present in every dynamic resource's inputs. */
const PROVIDER_INPUT = "__provider";

export const ON_DELETE_VALUES = ["disable", "retain"] as const;

/** Inputs that identify the instance: a change replaces the resource. */
export const IDENTITY_INPUTS = ["instanceId", "region"] as const;

/** Inputs that change only how the provider behaves, never the cloud: an update sends nothing. */
export const BEHAVIOUR_INPUTS = ["onDelete", "timeoutMinutes", "renewBeforeDays"] as const;

export function withSharedDefaults(raw: Record<string, unknown>): Record<string, unknown> {
  return { sslEnabled: true, onDelete: "retain", ...stripNulls(raw) };
}

/** A cloud's documented formats for the identity inputs, checked offline at `check`. */
export interface InputFormats {
  instanceId: IdentifierFormat;
  region: IdentifierFormat;
}

/** What the shared check needs to know about the family. */
export interface SharedCheckSpec {
  formats: InputFormats;
  /** The family's own input names (the driver's `inputNames`). */
  inputNames: readonly string[];
}

/**
 * Certificates the clouds issue are valid for one year (alibaba.md §1.1, DescribeDBInstanceSSL
 * "Certs are valid for 1 year"). A window near that length would renew on every `up`.
 */
export const MAX_RENEW_BEFORE_DAYS = 180;
const RENEW_WHY =
  "cloud certificates are valid for one year, so a longer window would renew on every up";

export function validateSharedInputs(
  inputs: Record<string, unknown>,
  spec: SharedCheckSpec,
): CheckFailure[] {
  const known = [...SHARED_INPUT_NAMES, ...spec.inputNames, PROVIDER_INPUT];
  return [
    ...unknownInputFailures(inputs, known),
    ...checkProperties(inputs, {
      instanceId: { rule: rules.format(spec.formats.instanceId), required: true },
      region: { rule: rules.format(spec.formats.region) },
      sslEnabled: { rule: rules.boolean() },
      rotateTrigger: { rule: rules.string() },
      renewBeforeDays: { rule: rules.number(1, MAX_RENEW_BEFORE_DAYS, true, RENEW_WHY) },
      onDelete: { rule: rules.oneOf(ON_DELETE_VALUES) },
      timeoutMinutes: { rule: rules.number(1, 24 * 60) },
    }),
  ];
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
