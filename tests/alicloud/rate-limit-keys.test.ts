/**
 * Alibaba limits each action of a product per account and region (provider/alicloud/client.ts),
 * so each family keeps one bucket per region and action: with one call a second allowed, a
 * change's reads of different actions do not wait for each other. Redis once shared one bucket
 * for all its actions, which put its writes a minute behind the other families in a fleet.
 */
import * as assert from "assert";
import type { Emulator } from "../emulator";
import { startBenchEmulator } from "../bench/bench-emulator";
import { benchConfig, benchFamily, resourceInputs } from "../bench/families";
import { createOnce, inProcessLifecycle } from "../bench/in-process";

describe("alicloud families: one rate limiter per region and action", function () {
  let emu: Emulator;
  before(async () => (emu = await startBenchEmulator()));
  after(async () => emu?.close());

  for (const family of ["alicloud.rds", "alicloud.mongodb", "alicloud.redis"]) {
    it(`${family}: the calls before the write of different actions take no turn at 1 call/s`, async () => {
      const fam = benchFamily(family);
      const id = fam.instanceId(7);
      fam.seed(emu, id, { lagMs: 12_000, durationMs: 30_000 });
      const config = { ...benchConfig(fam, emu), "dbssl:requestsPerSecond": "1" };
      const before = emu.admin.log().length;
      await createOnce(inProcessLifecycle(family, emu, config), resourceInputs(fam, id));
      const calls = emu.admin.log().slice(before);
      const write = calls.findIndex((c) => c.action === fam.writeAction);
      const first = Date.parse(calls[0].virtualTime);
      const written = Date.parse(calls[write].virtualTime);
      // Three or four reads of distinct actions, then the write: all within the first second.
      assert.ok(written - first < 1_000, `write ${written - first} ms after the first read`);
    });
  }
});
