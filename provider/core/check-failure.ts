/**
 * Validation plumbing shared by every family's `check`. Pure and offline: no SDK, no network.
 * A failure names the property and what is allowed; unknown values (preview) always pass.
 */

/** Pulumi's wire sentinel for a value not known during preview (sdk/nodejs runtime/rpc). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface CheckFailure {
  property: string;
  reason: string;
}

export function isUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(isUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(isUnknown);
  return false;
}

/** True when the value is present and known, so a rule about it can be checked now. */
export function isKnown(value: unknown): boolean {
  return value !== undefined && value !== null && !isUnknown(value);
}

type Rule = (property: string, value: unknown) => string | undefined;

export const rules = {
  string: (): Rule => (p, v) => (typeof v === "string" ? undefined : `${p} must be a string`),
  nonEmptyString: (): Rule => (p, v) =>
    typeof v === "string" && v.trim() !== "" ? undefined : `${p} must be a non-empty string`,
  boolean: (): Rule => (p, v) =>
    typeof v === "boolean" ? undefined : `${p} must be a boolean (true or false)`,
  oneOf:
    (allowed: readonly (string | number)[]): Rule =>
    (p, v) =>
      allowed.includes(v as string | number)
        ? undefined
        : `${p} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}; got ${describeValue(v)}`,
  number:
    (min: number, max: number, integer = false): Rule =>
    (p, v) =>
      typeof v === "number" && v >= min && v <= max && (!integer || Number.isInteger(v))
        ? undefined
        : `${p} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}; got ${describeValue(v)}`,
};

/** Never echo long values: they may be certificates or keys. */
function describeValue(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `a ${typeof v} of ${text.length} characters` : text;
}

/** Applies each property's rule to the known values in `inputs`; required ones must be present. */
export function checkProperties(
  inputs: Record<string, unknown>,
  schema: Record<string, { rule: Rule; required?: boolean }>,
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const [property, { rule, required }] of Object.entries(schema)) {
    const value = inputs[property];
    if (value === undefined || value === null) {
      if (required) failures.push({ property, reason: `${property} is required` });
      continue;
    }
    if (isUnknown(value)) continue;
    const reason = rule(property, value);
    if (reason) failures.push({ property, reason });
  }
  return failures;
}
