/**
 * The calls of an instant change (finished by the first poll), exactly, from the emulator's
 * request log (issue 18 item 4, docs/BENCHMARKS.md "Minimum calls"): the API's minimum is the
 * SSL read and the task centre before the write, the write, the task centre and the SSL read
 * after it; the driver adds one, the status read before the write (F1 and the F5 rules). A
 * call added to either side turns these red.
 */
import * as assert from "assert";
import type { FamilyHarness } from "../../fixtures/provider-harness";
import { startDdsHarness } from "./harness";

const ID = "dds-bp1instant";
const INSTANT = { lagMs: 0, durationMs: 0 };

/** The read before the write, the write, and the one poll that ends the wait. */
const INSTANT_CHANGE = [
  "DescribeDBInstanceAttribute",
  "DescribeDBInstanceSSL",
  "DescribeHistoryTasks",
  "ModifyDBInstanceSSL",
  "DescribeHistoryTasks",
  "DescribeDBInstanceSSL",
];

function ddsActions(h: FamilyHarness): string[] {
  return h.emu.admin
    .log()
    .filter((e) => e.service === "dds")
    .map((e) => e.action);
}

describe("alicloud.mongodb: an instant change costs the minimum calls + 1", function () {
  let h: FamilyHarness;
  afterEach(() => h.close());

  it("Open: six calls; the last poll trusts the change's own finished task, not the status", async () => {
    h = await startDdsHarness();
    h.emu.admin.dds.seed({ id: ID, timing: INSTANT });
    const { outputs } = await h.create({ instanceId: ID });
    assert.deepStrictEqual(ddsActions(h), INSTANT_CHANGE);
    assert.strictEqual(outputs.sslEnabled, true);
    // The attribute's fields come from the read before the write (an SSL switch cannot change them).
    assert.strictEqual(outputs.instanceType, "replicate");
    assert.strictEqual(outputs.engineVersion, "4.4");
    assert.strictEqual(outputs.storageType, "cloud_essd1");
    assert.strictEqual(h.emu.admin.dds.get(ID)!.pending, undefined, "the change had finished");
  });

  it("Close: six calls; the finished task is the evidence, no grace period waited out", async () => {
    h = await startDdsHarness();
    h.emu.admin.dds.seed({ id: ID, timing: INSTANT, ssl: { open: true } });
    const started = h.emu.clock.now();
    const { outputs } = await h.create({ instanceId: ID, sslEnabled: false });
    assert.deepStrictEqual(ddsActions(h), INSTANT_CHANGE);
    assert.strictEqual(outputs.sslEnabled, false);
    assert.ok(h.emu.clock.now() - started < 60_000, "returned before the 60 s grace period");
  });

  it("a change whose task the centre does not list still reads the status before it ends", async () => {
    h = await startDdsHarness();
    h.emu.admin.dds.seed({ id: ID, timing: { ...INSTANT, quiet: true } });
    await h.create({ instanceId: ID });
    const after = ddsActions(h).slice(ddsActions(h).indexOf("ModifyDBInstanceSSL") + 1);
    assert.deepStrictEqual(after.slice(0, 3), [
      "DescribeHistoryTasks",
      "DescribeDBInstanceAttribute",
      "DescribeDBInstanceSSL",
    ]);
  });
});
