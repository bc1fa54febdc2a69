/**
 * One provider process serves every dynamic resource of one `pulumi up` (pulumi-dynamic.md P5),
 * so it can see when two resources manage the same database instance:
 * - a rename without an alias, or a replacement that keeps the instance, creates the new
 *   resource and then deletes the old one in the same run. That delete must not turn SSL off
 *   on the instance the new resource has just declared (issue 6 item 1.1). The old resource is
 *   never checked (the engine checks only declared resources), so this is no duplicate.
 * - two resources of one stack naming the same instance fight each other: the second one's
 *   `check` fails (issue 17 item 18).
 *
 * The engine's Check request carries the URN, but the dynamic-provider host passes only the
 * inputs on, so each resource class adds its name as a hidden input (`RESOURCE_IDENTITY_KEY`),
 * which `check` removes again: it never reaches the state.
 */
/** The hidden input naming the declaring resource; removed by `check`, never stored. */
export const RESOURCE_IDENTITY_KEY = "__dbsslResource";

/** Instance keys: family, region and instance id (a wrong region is another instance). */
export function instanceKey(
  family: string,
  region: string | undefined,
  instanceId: string,
): string {
  return `${family}|${region ?? ""}|${instanceId}`;
}

/** What a `check` of one resource learnt about the other resources of this run. */
export type Declaration =
  | { kind: "first" }
  /** The same resource asked again (a test harness reusing one host): not a second resource. */
  | { kind: "again" }
  /** Another resource of this run already declared the instance. */
  | { kind: "another"; by: string }
  /** A repeat where a resource came without a name (an old shim or a direct call): warn only. */
  | { kind: "unsure" };

export class InstanceClaims {
  private readonly written = new Set<string>();
  private readonly declared = new Map<string, string | undefined>();
  private readonly warned = new Set<string>();

  /** A create or update of this run declared this instance's SSL state. */
  claim(key: string): void {
    this.written.add(key);
  }

  claimedInThisRun(key: string): boolean {
    return this.written.has(key);
  }

  /** Records that resource `by` (its name, when known) names the instance `key` at check. */
  declare(key: string, by: string | undefined): Declaration {
    if (!this.declared.has(key)) {
      this.declared.set(key, by);
      return { kind: "first" };
    }
    const first = this.declared.get(key);
    if (first !== undefined && by !== undefined) {
      return first === by ? { kind: "again" } : { kind: "another", by: first };
    }
    if (this.warned.has(key)) return { kind: "again" };
    this.warned.add(key);
    return { kind: "unsure" };
  }
}
