/**
 * The "an Update needs a new expiry" guard of the MongoDB driver (provider/alicloud/mongodb/driver.ts
 * `shows`: a renewal shows only once the SSL read has a NEW `SSLExpiredTime`).
 *
 * The default emulator restarts the instance on an Update (SSLModifying, NodeRestarting, a task in
 * the task center), and the core's wait takes that restart as evidence, so the guard is never the
 * one that decides. Here the emulator is at its harshest (`timing.quiet`, tests/emulator/alibaba/
 * dds-instances.ts): the Update shows NO status change and NO task while it runs; only the expiry
 * moves when it lands, 10 minutes later. Without the guard, a steady instance with SSL on counts as
 * "renewed" once the grace period has passed (core/lifecycle/wait.ts) and the old certificate is reported as
 * the renewed one: a false success. This test goes red when the guard is deleted.
 */
import * as assert from "assert";
import type { FamilyHarness } from "../../fixtures/provider-harness";
import { MINUTE, URN, modifies, startDdsHarness } from "./harness";

const ID = "dds-quietrenew";
const RENEWAL_MS = 10 * MINUTE;

describe("alicloud.mongodb: a renewal that shows nothing while it runs", function () {
  let h: FamilyHarness;
  beforeEach(async () => {
    h = await startDdsHarness();
    h.emu.admin.dds.seed({
      id: ID,
      ssl: { open: true },
      timing: { quiet: true, lagMs: 0, durationMs: RENEWAL_MS },
    });
  });
  afterEach(() => h.close());

  it("an Update is finished only when the expiry moves: never success on the old certificate", async () => {
    const first = await h.create({ instanceId: ID, rotateTrigger: "a" });
    assert.deepStrictEqual(modifies(h), [], "SSL was already on: nothing sent");
    const news = (await h.check({ instanceId: ID, rotateTrigger: "b" })).inputs;
    const sentAt = h.emu.clock.now();
    const { outputs } = await h.host.update(ID, URN, first.outputs, news);

    assert.deepStrictEqual(
      modifies(h).map((r) => r.params.SSLAction),
      ["Update"],
    );
    const live = h.emu.admin.dds.get(ID)!;
    assert.strictEqual(live.pending, undefined, "returned before the renewal landed");
    assert.ok(h.emu.clock.now() - sentAt >= RENEWAL_MS, "returned before the renewal landed");
    assert.strictEqual(outputs.lastAction, "update");
    assert.notStrictEqual(
      outputs.certificateExpiresAt,
      first.outputs.certificateExpiresAt,
      "the old certificate reported as renewed",
    );
    // SSLExpiredTime is given to the second.
    assert.strictEqual(
      outputs.certificateExpiresAt,
      live.ssl.expiresAt!.replace(/\.\d{3}Z$/, ".000Z"),
    );
  });
});
