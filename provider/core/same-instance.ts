/**
 * One provider process serves every dynamic resource of one `pulumi up` (pulumi-dynamic.md P5),
 * so it can see when two resources manage the same database instance:
 * - a rename without an alias, or a replacement that keeps the instance, creates the new
 *   resource and then deletes the old one in the same run. That delete must not turn SSL off
 *   on the instance the new resource has just declared (issue 6 item 1.1).
 * - two resources of one stack naming the same instance fight each other: `check` says so.
 */

/** Instance keys: family, region and instance id (a wrong region is another instance). */
export function instanceKey(
  family: string,
  region: string | undefined,
  instanceId: string,
): string {
  return `${family}|${region ?? ""}|${instanceId}`;
}

export class InstanceClaims {
  private readonly written = new Set<string>();
  private readonly checked = new Map<string, number>();

  /** A create or update of this run declared this instance's SSL state. */
  claim(key: string): void {
    this.written.add(key);
  }

  claimedInThisRun(key: string): boolean {
    return this.written.has(key);
  }

  /** Counts `check` calls per instance; true from the second resource naming it. */
  checkedAgain(key: string): boolean {
    const seen = (this.checked.get(key) ?? 0) + 1;
    this.checked.set(key, seen);
    return seen === 2;
  }
}
