/**
 * 200 tencentcloud.postgres resources created at once through one provider process (as one stack
 * does): the shared per-action limiter keeps every action under the cloud's 20 requests per second
 * (seed 003, enforced by the emulator), and whatever throttling still happens is retried: zero
 * failures, one applied Modify per instance.
 */
import * as assert from "assert";
import { appliedModifies, ipOf, startPostgresHarness } from "./harness";
import type { FamilyHarness } from "../../fixtures/provider-harness";

const COUNT = 200;

describe("tencentcloud.postgres: 200 resources in one process", function () {
  this.timeout(600_000);
  let h: FamilyHarness;
  before(async () => {
    // The cloud's own limit as the client-side rate: the tightest setting that must still hold.
    h = await startPostgresHarness({ config: { "dbssl:requestsPerSecond": "20" } });
  });
  after(() => h.close());

  it("all converge with zero failures and never more than 20 accepted calls per second per action", async () => {
    const ids = Array.from(
      { length: COUNT },
      (_, i) => `postgres-scale${String(i).padStart(3, "0")}`,
    );
    for (const id of ids) h.emu.admin.tencentPostgres.seed({ id });
    const results = await Promise.allSettled(
      ids.map((id) => h.create({ instanceId: id, connectAddress: ipOf(h, id) })),
    );
    const failed = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    assert.deepStrictEqual(
      failed.map((f) => String(f.reason?.message ?? f.reason).slice(0, 200)),
      [],
    );
    for (const id of ids)
      assert.strictEqual(h.emu.admin.tencentPostgres.get(id)!.ssl.sslEnabled, true);
    assert.strictEqual(appliedModifies(h).length, COUNT, "one applied Modify per instance");
    // What the cloud saw: accepted calls per action per virtual second, and throttled answers.
    const log = h.emu.admin.log();
    const perSecond = new Map<string, number>();
    for (const e of log.filter((x) => x.code !== "RequestLimitExceeded")) {
      const key = `${e.action}@${e.virtualTime.slice(0, 19)}`;
      perSecond.set(key, (perSecond.get(key) ?? 0) + 1);
    }
    const throttled = log.filter((e) => e.code === "RequestLimitExceeded").length;
    console.log(`      ${log.length} calls, ${throttled} throttled answers (retried)`);
    assert.ok(Math.max(...perSecond.values()) <= 20, "the emulator enforces 20/s per action");
    // The limiter keeps nearly every call under the limit (without it: hundreds are throttled);
    // a few may still meet a throttle when virtual time jumps between a token and its arrival.
    assert.ok(throttled < log.length * 0.02, `${throttled} throttled answers`);
  });
});
