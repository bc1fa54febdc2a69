/**
 * Huawei's published limit, "60 calls per minute for a single user" on each API (rds_00_0002;
 * provider/rdsv3/clouds.ts `limitedPer`, core/cloud/rate-limit.ts `DOCUMENTED_WINDOWS`), enforced
 * by the emulator at its strictest (a sliding minute per user and API): a stack of 70 instances,
 * which needs 140 tag calls, is never throttled, and its first 60 marks go at once.
 *
 * Time runs evenly here, 20 times faster than real (tests/bench/warp-clock.ts): the tests' usual
 * clock jumps forward on any resource's sleep, so a call the provider sent at one time could
 * reach the emulator a sleep later, a burst the provider never sent.
 */
import * as assert from "assert";
import {
  EMULATOR_ACCESS_KEY,
  huaweiPublishedLimit,
  startEmulator,
  type Emulator,
} from "../emulator";
import { startDynamicHost, type DynamicHost } from "../engine/host";
import { serializedProvider, urnOf } from "../fixtures/provider-harness";
import { warpEmulatorClock, warpHostEnv } from "../bench/warp-clock";
import { cloudConfig, PROJECT } from "./fixtures";

const COUNT = 70;
const FACTOR = 20;
const idOf = (i: number) => `${(i + 1).toString(16).padStart(32, "a")}in01`;

describe("huaweicloud.rds: 70 resources within 60 calls a minute per API", function () {
  this.timeout(300_000);
  let emu: Emulator;
  let host: DynamicHost;
  before(async () => {
    emu = await startEmulator();
    for (let i = 0; i < COUNT; i++) {
      emu.admin.rdsv3.seed({ id: idOf(i), projectId: PROJECT, cloud: "huaweicloud" });
    }
    emu.admin.injectFault(huaweiPublishedLimit(EMULATOR_ACCESS_KEY));
    warpEmulatorClock(emu, FACTOR);
    host = await startDynamicHost({ env: warpHostEnv(emu, FACTOR) });
    await host.configure({ ...cloudConfig("huaweicloud"), "dbssl:endpointOverride": emu.url });
  });
  after(async () => {
    await host?.stop();
    await emu?.close();
  });

  it("all converge with one PUT each, no call is throttled, and the first 60 marks go at once", async () => {
    const urn = urnOf("huaweicloud.rds");
    const provider = await serializedProvider("huaweicloud.rds");
    const ids = Array.from({ length: COUNT }, (_, i) => idOf(i));
    const results = await Promise.allSettled(
      ids.map(async (id) => {
        const inputs = { instanceId: id, projectId: PROJECT, __provider: provider };
        const checked = await host.check(urn, {}, inputs);
        return host.create(urn, checked.inputs);
      }),
    );
    const failed = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    assert.deepStrictEqual(
      failed.map((f) => String(f.reason?.message ?? f.reason).slice(0, 200)),
      [],
    );
    for (const id of ids) assert.strictEqual(emu.admin.rdsv3.get(id)!.enableSsl, true);
    assert.strictEqual(
      emu.admin.requests("SwitchSsl").filter((r) => r.status === 200).length,
      COUNT,
      "one PUT per instance",
    );
    const tags = emu.admin.log().filter((e) => e.action === "BatchTagAction");
    // Each mark set and removed once. A tag call is idempotent and resent like a read when its
    // answer times out, which a loaded machine (try-as-user's) saw once at 20x: a resend repeats
    // one of these, and the window must hold with it too (no throttle, below).
    const marks = new Set(tags.map((e) => `${e.params.instance_id} ${e.params.tag_action}`));
    assert.strictEqual(marks.size, 2 * COUNT, "the change mark set and removed on each");
    assert.ok(tags.length <= 2 * COUNT + 3, `${tags.length} tag calls: resent more than rarely`);
    const throttled = emu.admin.log().filter((e) => e.fault === "throttle");
    assert.deepStrictEqual(
      throttled.map((e) => `${e.action} at ${e.virtualTime}`),
      [],
      "a call beyond 60 a minute on one API",
    );
    // The window's 60 at once, not one a second: the 60th tag call within 10 s of the first.
    const at = tags.map((e) => Date.parse(e.virtualTime)).sort((a, b) => a - b);
    assert.ok(at[59] - at[0] < 10_000, `the 60th tag call ${at[59] - at[0]} ms after the first`);
  });
});
