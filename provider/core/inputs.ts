/**
 * The inputs every family shares: defaults, validation and the offline comparisons that
 * `diff` makes against the stored outputs (the live state after the last up or refresh).
 */
import type { BaseSslInputs } from "./driver";
import { checkProperties, isKnown, rules, type CheckFailure } from "./check-failure";

export const ON_DELETE_VALUES = ["disable", "retain"] as const;

/** Inputs that identify the instance: a change replaces the resource. */
export const IDENTITY_INPUTS = ["instanceId", "region"] as const;

/** Inputs that change only how the provider behaves, never the cloud: an update sends nothing. */
export const BEHAVIOUR_INPUTS = ["onDelete", "timeoutMinutes", "renewBeforeDays"] as const;

export function withSharedDefaults(raw: Record<string, unknown>): Record<string, unknown> {
  return { sslEnabled: true, onDelete: "disable", ...stripNulls(raw) };
}

export function validateSharedInputs(inputs: Record<string, unknown>): CheckFailure[] {
  return checkProperties(inputs, {
    instanceId: { rule: rules.nonEmptyString(), required: true },
    region: { rule: rules.nonEmptyString() },
    sslEnabled: { rule: rules.boolean() },
    rotateTrigger: { rule: rules.string() },
    renewBeforeDays: { rule: rules.number(1, 365, true) },
    onDelete: { rule: rules.oneOf(ON_DELETE_VALUES) },
    timeoutMinutes: { rule: rules.number(1, 24 * 60) },
  });
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
