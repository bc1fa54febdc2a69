/**
 * A stack of many RDS v3 instances in one provider process: reads and polls that wait together
 * share `ListInstances` pages (provider/rdsv3/calls.ts, core/cloud/shared-listing.ts), so the
 * stack stays within one per-API limit. Each resource still gets its own instance, one PUT, and
 * the right outputs; a deleted instance is still told apart by its own call.
 */
import * as assert from "assert";
import { PROJECT, startRdsV3Harness, type RdsV3Harness } from "./fixtures";

const COUNT = 120;
/** Instances in the project that the stack does not manage: the listing pages them too. */
const OTHERS = 40;
const idOf = (i: number) => `${i.toString(16).padStart(32, "0")}in01`;

describe("opentelekomcloud.rds: 120 resources in one process share the instance listing", function () {
  this.timeout(600_000);
  let h: RdsV3Harness;
  const created = new Map<string, object>();
  before(async () => {
    h = await startRdsV3Harness("opentelekomcloud");
    for (let i = 0; i < COUNT + OTHERS; i++) {
      h.emu.admin.rdsv3.seed({ id: idOf(i), projectId: PROJECT, cloud: "opentelekomcloud" });
    }
  });
  after(() => h.close());

  it("all converge with one PUT each, and their reads cost fewer calls than resources", async () => {
    const ids = Array.from({ length: COUNT }, (_, i) => idOf(i));
    const results = await Promise.allSettled(ids.map((id) => h.create(h.base({ instanceId: id }))));
    const lists = h.emu.admin.requests("ListInstances");
    const pages = lists.filter((r) => r.params.id === undefined);
    // Each resource alone reads its instance at least twice (before the PUT and the poll that
    // sees it done): 240 calls at the least. Pages of 100 (160 instances: two pages) serve most.
    console.log(`      ${lists.length} ListInstances calls, ${pages.length} of them pages`);
    assert.ok(lists.length < COUNT, `${lists.length} ListInstances calls for ${COUNT} resources`);
    assert.ok(pages.length > 0);
    const failed = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    assert.deepStrictEqual(
      failed.map((f) => String(f.reason?.message ?? f.reason).slice(0, 200)),
      [],
    );
    for (const [i, r] of results.entries()) {
      const { id, outputs } = (
        r as PromiseFulfilledResult<{ id: string; outputs: Record<string, unknown> }>
      ).value;
      assert.strictEqual(id, ids[i]);
      assert.strictEqual(outputs.instanceId, ids[i]);
      assert.strictEqual(outputs.sslEnabled, true);
      assert.strictEqual(outputs.instanceStatus, "ACTIVE");
      assert.strictEqual(h.emu.admin.rdsv3.get(ids[i])!.enableSsl, true);
      created.set(id, outputs);
    }
    const puts = h.emu.admin.requests("SwitchSsl").filter((r) => r.status === 200);
    assert.strictEqual(puts.length, COUNT, "one PUT per instance");
    assert.deepStrictEqual(
      [...new Set(puts.map((r) => r.params.instance_id))].sort(),
      [...ids].sort(),
    );
    for (const page of pages) {
      assert.deepStrictEqual(Object.keys(page.params).sort(), ["limit", "offset", "project_id"]);
      assert.strictEqual(page.params.limit, "100");
      assert.strictEqual(page.params.project_id, PROJECT);
      assert.ok(["0", "100"].includes(page.params.offset), page.params.offset);
    }
  });

  it("reads of a deleted instance among many say 'not found' from its own call", async () => {
    h.emu.admin.rdsv3.delete(idOf(3));
    const ids = [0, 1, 2, 3, 4, 5, 6, 7].map(idOf);
    const reads = ids.map((id) =>
      h.host.read(id, h.urn, created.get(id)!, h.base({ instanceId: id })),
    );
    const gone = await reads[3];
    const rest = await Promise.all(reads.filter((_, i) => i !== 3));
    assert.strictEqual(gone.id, "", "a read of a deleted instance drops it from state");
    assert.deepStrictEqual(
      rest.map((r) => r.id),
      ids.filter((_, i) => i !== 3),
    );
    const own = h.emu.admin.requests("ListInstances").filter((r) => r.params.id === idOf(3));
    assert.ok(own.length > 0, "the deleted instance was asked for by its own id");
  });
});
