/**
 * The calls of an instant change (finished by the first poll), exactly, from the emulator's
 * request log (issue 18 item 4, docs/BENCHMARKS.md "Minimum calls"): the API's minimum is the
 * SSL read and the instance's tasks before the write, the write, the write's task and the SSL
 * read after it; the driver adds one, the status read before the write (F1). A call added to
 * either side turns this red.
 */
import * as assert from "assert";
import type { FamilyHarness } from "../../fixtures/provider-harness";
import { ipOf, startPostgresHarness } from "./harness";

const ID = "postgres-instant1";

describe("tencentcloud.postgres: an instant change costs the minimum calls + 1", function () {
  let h: FamilyHarness;
  afterEach(() => h.close());

  it("six calls; the poll whose task says Success reads the SSL state alone", async () => {
    h = await startPostgresHarness();
    h.emu.admin.tencentPostgres.seed({
      id: ID,
      addresses: [{ ip: "10.6.0.9" }],
      timing: { lagMs: 0, durationMs: 0 },
    });
    const { outputs } = await h.create({ instanceId: ID, connectAddress: ipOf(h, ID) });
    const actions = h.emu.admin
      .log()
      .filter((e) => e.service === "postgres")
      .map((e) => e.action);
    assert.deepStrictEqual(actions, [
      "DescribeDBInstanceAttribute",
      "DescribeDBInstanceSSLConfig",
      "DescribeTasks",
      "ModifyDBInstanceSSLConfig",
      "DescribeTasks",
      "DescribeDBInstanceSSLConfig",
    ]);
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(outputs.connectAddress, "10.6.0.9");
  });
});
