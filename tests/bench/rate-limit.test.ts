/**
 * The emulator's standing rate limit (tests/emulator/faults.ts `ratePerSecond`), which the bench's
 * fleet uses to enforce each cloud's limit: calls beyond it get the cloud's own throttling error
 * through the same path as a scripted `throttle` fault; other actions keep their own budget.
 */
import * as assert from "assert";
import { ThrottlingError } from "@alicloud/openapi-core";
import { startEmulator, type Emulator } from "../emulator";
import { describeAttribute, describeSsl, rdsClient, rejectsWith } from "../emulator/rds-sdk-client";

describe("bench: the emulator enforces a cloud's rate limit per action", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    emu.admin.rds.seed({ id: "rm-rate", engine: "MySQL" });
    emu.clock.advanceBy(0);
  });
  afterEach(() => emu.close());

  it("throttles the third call in a second with Throttling.User and a retry-after, per action", async () => {
    emu.admin.injectFault({ kind: "throttle", service: "rds", perAction: true, ratePerSecond: 2 });
    const rds = rdsClient(emu);
    await describeSsl(rds, "rm-rate");
    await describeSsl(rds, "rm-rate");
    const error = await rejectsWith(
      describeSsl(rds, "rm-rate"),
      ThrottlingError,
      "Throttling.User",
      400,
    );
    const retryAfter = error.retryAfter ?? 0;
    assert.ok(retryAfter > 0 && retryAfter <= 500, `retry-after ${retryAfter}`);
    // Another action has its own budget.
    assert.strictEqual((await describeAttribute(rds, "rm-rate")).statusCode, 200);
    // A second later (virtual time) the action may call again; the limit stays in place.
    emu.clock.advanceBy(1_000);
    assert.strictEqual((await describeSsl(rds, "rm-rate")).statusCode, 200);
    assert.deepStrictEqual(
      emu.admin
        .log()
        .filter((e) => e.fault === "throttle")
        .map((e) => e.action),
      ["DescribeDBInstanceSSL"],
    );
    assert.strictEqual(emu.admin.pendingFaults().length, 1, "a standing limit is never used up");
  });

  it("rejects a rate on a fault that is not a throttle", () => {
    assert.throws(
      () => emu.admin.injectFault({ kind: "unavailable", ratePerSecond: 1 }),
      /ratePerSecond needs kind throttle/,
    );
  });
});
