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

export type Rule = (property: string, value: unknown) => string | undefined;

/** A cloud's documented format for an identifier (instance id, region id). */
export interface IdentifierFormat {
  /** Anchored pattern; must not allow characters that change a URL or a log line. */
  pattern: RegExp;
  maxLength: number;
  /** What is allowed, in words, e.g. `an RDS instance id such as "rm-uf6wjk5xxxxxxx"`. */
  description: string;
  /** The complete list of allowed values, when there is one: a typo gets the closest. */
  known?: readonly string[];
}

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
  /** `why` explains a limit that is not obvious (it is appended to the message). */
  number:
    (min: number, max: number, integer = false, why = ""): Rule =>
    (p, v) =>
      typeof v === "number" && v >= min && v <= max && (!integer || Number.isInteger(v))
        ? undefined
        : `${p} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}` +
          `${why === "" ? "" : ` (${why})`}; got ${describeValue(v)}`,
  /** A DNS host name (RFC 1123 labels joined by dots), such as an instance's endpoint. */
  hostName:
    (example: string): Rule =>
    (p, v) =>
      typeof v === "string" && isHostName(v)
        ? undefined
        : `${p} must be a host name (letters, digits and hyphens in dot-separated labels of at ` +
          `most 63 characters, such as "${example}"); got ${describeValue(v)}`,
  format:
    (format: IdentifierFormat): Rule =>
    (p, v) =>
      typeof v === "string" && v.length <= format.maxLength && format.pattern.test(v)
        ? undefined
        : `${p} must be ${format.description}; got ${describeValue(v)}${closestHint(v, format)}`,
};

/** RFC 1123 host name: no control characters, spaces, ports, paths, or empty labels. */
export function isHostName(v: string): boolean {
  const label = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
  return v.length <= 253 && v.split(".").every((l) => label.test(l)) && !/^[0-9.]+$/.test(v);
}

/**
 * Shows a value in a message on one line of printable ASCII (a newline in an input must not forge
 * a log line), and never echoes long values: they may be certificates or keys.
 */
export function describeValue(v: unknown): string {
  if (typeof v === "number" && !Number.isFinite(v)) return String(v); // JSON would say `null`
  const text = printable(JSON.stringify(v) ?? String(v));
  if (text.length <= 40) return text;
  const kind = Array.isArray(v) ? "list" : v === null ? "null" : typeof v;
  return `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind} of ${text.length} characters`;
}

/** Escapes everything but printable ASCII, so no input can start a new line in a log. */
export function printable(text: string): string {
  return text.replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
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

/**
 * Certificate settings the cloud keeps only while SSL is on: with `sslEnabled: false` they would be
 * ignored in silence, so each one set (and not `false`) is a failure saying so.
 */
export function unusedWithSslOff(
  inputs: Record<string, unknown>,
  names: readonly string[],
): CheckFailure[] {
  if (inputs.sslEnabled !== false) return [];
  return names
    .filter((name) => inputs[name] !== undefined && inputs[name] !== false)
    .map((property) => ({
      property,
      reason:
        `${property} has no effect with sslEnabled: false (the cloud keeps no certificate ` +
        `while SSL is off); remove ${property} or set sslEnabled: true`,
    }));
}

/**
 * One failure per input key that is not a known name (a typo such as `caTpye` would otherwise be
 * ignored and the cloud left at its default), with the closest known name when there is one.
 */
export function unknownInputFailures(
  inputs: Record<string, unknown>,
  known: readonly string[],
): CheckFailure[] {
  const allowed = known.filter((k) => !k.startsWith("__")).sort();
  return Object.keys(inputs)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const suggestion = closestName(key, allowed);
      const hint = suggestion === undefined ? "." : `; did you mean \`${suggestion}\`?`;
      return {
        property: printable(key),
        reason: `${describeValue(key)} is not an input of this resource${hint} Allowed inputs: ${allowed.join(", ")}`,
      };
    });
}

/** `; did you mean "cn-hangzhou"?` for a string close to one of the format's known values. */
function closestHint(v: unknown, format: IdentifierFormat): string {
  if (typeof v !== "string" || format.known === undefined) return "";
  const suggestion = closestName(v, format.known);
  return suggestion === undefined ? "" : `; did you mean "${suggestion}"?`;
}

/** The known name within a third of its length in edits (at least 2), case ignored. */
function closestName(key: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(key.toLowerCase(), name.toLowerCase());
    const limit = Math.max(2, Math.floor(name.length / 3));
    if (distance <= limit && (best === undefined || distance < best.distance)) {
      best = { name, distance };
    }
  }
  return best?.name;
}

/** Damerau-Levenshtein distance (optimal string alignment): a swap of two letters costs 1. */
export function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.max(a.length, b.length);
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}
