/**
 * Huawei's published limit, "60 calls per minute for a single user" on each API (rds_00_0002;
 * provider/rdsv3/clouds.ts `limitedPer`), enforced by the emulator at its strictest (a sliding
 * minute per user and API): a stack of 70 instances, which needs 140 tag calls, is never
 * throttled, because each API has its own bucket at one call a second.
 */
import * as assert from "assert";
import { EMULATOR_ACCESS_KEY } from "../emulator";
import { PROJECT, startRdsV3Harness, type RdsV3Harness } from "./fixtures";

const COUNT = 70;
const idOf = (i: number) => `${(i + 1).toString(16).padStart(32, "a")}in01`;

describe("huaweicloud.rds: 70 resources within 60 calls a minute per API", function () {
  this.timeout(600_000);
  let h: RdsV3Harness;
  before(async () => {
    h = await startRdsV3Harness("huaweicloud");
    for (let i = 0; i < COUNT; i++) {
      h.emu.admin.rdsv3.seed({ id: idOf(i), projectId: PROJECT, cloud: "huaweicloud" });
    }
    h.emu.admin.injectFault({
      kind: "throttle",
      service: "rdsv3",
      perAction: true,
      ratePerSecond: 1,
      windowMs: 60_000,
      user: EMULATOR_ACCESS_KEY,
    });
  });
  after(() => h.close());

  it("all converge with one PUT each and no call is throttled", async () => {
    const ids = Array.from({ length: COUNT }, (_, i) => idOf(i));
    const results = await Promise.allSettled(ids.map((id) => h.create(h.base({ instanceId: id }))));
    const failed = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    assert.deepStrictEqual(
      failed.map((f) => String(f.reason?.message ?? f.reason).slice(0, 200)),
      [],
    );
    for (const id of ids) assert.strictEqual(h.emu.admin.rdsv3.get(id)!.enableSsl, true);
    const puts = h.emu.admin.requests("SwitchSsl").filter((r) => r.status === 200);
    assert.strictEqual(puts.length, COUNT, "one PUT per instance");
    const tags = h.emu.admin.requests("BatchTagAction").filter((r) => r.status === 200);
    assert.strictEqual(tags.length, 2 * COUNT, "the change mark set and removed");
    const throttled = h.emu.admin.log().filter((e) => e.fault === "throttle");
    assert.deepStrictEqual(
      throttled.map((e) => `${e.action} at ${e.virtualTime}`),
      [],
      "a call beyond 60 a minute on one API",
    );
  });
});
