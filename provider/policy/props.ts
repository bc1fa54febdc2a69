/**
 * Reading resource properties the way CrossGuard hands them over. `@pulumi/policy` wraps `props`
 * in a proxy that throws `UnknownValueError` on any value not known during preview
 * (`@pulumi/policy/proxy.js`), and an uncaught one turns the whole policy into an advisory
 * "can't run policy during preview". A new database's id, or an instanceId computed from it, is
 * unknown at preview, so every read goes through `readProp` and an unknown becomes `UNKNOWN`.
 */

/** A property whose value the engine does not know yet (preview of a new resource). */
export const UNKNOWN = Symbol("unknown");

export type PropValue = unknown | typeof UNKNOWN;

/**
 * Duck-typed on purpose: the policy pack may load a different copy of `@pulumi/policy` than this
 * package (a linked checkout), so `instanceof` would miss it. The error carries the sentinel and
 * the property path (`@pulumi/policy/proxy.js`, class UnknownValueError).
 */
function isUnknownValueError(error: unknown): boolean {
  return (
    error instanceof Error &&
    "unknownTypeSentinel" in error &&
    Array.isArray((error as { props?: unknown }).props)
  );
}

/** `props[path[0]][path[1]]...`, with `UNKNOWN` for an unknown value anywhere on the path. */
export function readProp(props: unknown, ...path: string[]): PropValue {
  let value: unknown = props;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    try {
      value = (value as Record<string, unknown>)[key];
    } catch (error) {
      if (isUnknownValueError(error)) return UNKNOWN;
      throw error;
    }
  }
  return value;
}

export function knownString(value: PropValue): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Stack name from a URN: `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function stackOfUrn(urn: string): string {
  const head = urn.split("::")[0] ?? "";
  return head.startsWith("urn:pulumi:") ? head.slice("urn:pulumi:".length) : "";
}
