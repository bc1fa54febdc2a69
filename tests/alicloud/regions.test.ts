/**
 * Issue 17 item 13: a region typo fails at `check` for every Alibaba family, against the one
 * known list (provider/alicloud/regions.ts), with the closest id.
 */
import * as assert from "assert";
import { lifecycle } from "../../provider/runtime";
import { ALIBABA_REGIONS } from "../../provider/alicloud/regions";
import { systemClock } from "../../provider/core/clock";
import { lifecycleFor } from "../../provider/core/lifecycle/lifecycle";
import { settingsFrom } from "../../provider/core/settings";
import { driverFor } from "../../provider/families";

const FAMILIES = {
  "alicloud.rds": "rm-1",
  "alicloud.mongodb": "dds-bp1",
  "alicloud.redis": "r-bp1",
} as const;

const regionFailures = async (family: keyof typeof FAMILIES, region: unknown) =>
  (
    (await lifecycle(family).check({}, { instanceId: FAMILIES[family], region })).failures ?? []
  ).filter((f) => f.property === "region");

describe("alicloud regions: one known list for RDS, MongoDB and Tair", () => {
  for (const family of Object.keys(FAMILIES) as (keyof typeof FAMILIES)[]) {
    it(`${family}: "cn-hangzhuo" is refused with "did you mean cn-hangzhou"`, async () => {
      const [failure, ...rest] = await regionFailures(family, "cn-hangzhuo");
      assert.deepStrictEqual(rest, []);
      assert.ok(
        failure.reason.startsWith(
          "region must be an Alibaba Cloud region id where RDS, MongoDB and Tair are offered",
        ),
        failure.reason,
      );
      assert.ok(failure.reason.endsWith('; got "cn-hangzhuo"; did you mean "cn-hangzhou"?'));
      for (const region of ["cn-hangzhou", "ap-southeast-7", "me-central-1", "cn-north-2-gov-1"]) {
        assert.deepStrictEqual(await regionFailures(family, region), [], region);
      }
      const [far] = await regionFailures(family, "mars-north-1");
      assert.ok(!far.reason.includes("did you mean"), far.reason);
    });
  }

  it("a typo in alicloud:region is a failure on region naming the key, never a throw", async () => {
    const lines: string[] = [];
    const settings = settingsFrom(
      { get: (k) => (k === "alicloud:region" ? "cn-hangzhuo" : undefined) },
      {},
    );
    const provider = lifecycleFor(driverFor("alicloud.redis"), () => ({
      settings,
      clock: systemClock,
      progress: (line) => lines.push(line),
    }));
    const { failures } = await provider.check({}, { instanceId: "r-bp1" });
    assert.strictEqual(failures!.length, 1);
    assert.strictEqual(failures![0].property, "region");
    assert.match(
      failures![0].reason,
      /^alicloud:region \(or ALICLOUD_REGION\) must be an Alibaba Cloud region id .*; got "cn-hangzhuo"; did you mean "cn-hangzhou"\?$/,
    );
    assert.deepStrictEqual(lines, []);
  });

  it("the list has no duplicate and only ids that cannot change a host name", () => {
    assert.strictEqual(new Set(ALIBABA_REGIONS).size, ALIBABA_REGIONS.length);
    for (const region of ALIBABA_REGIONS) assert.match(region, /^[a-z]{2,3}(-[a-z0-9]+){1,5}$/);
  });
});
