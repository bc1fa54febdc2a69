/**
 * Issue 17 item 6 (Tencent): `dbssl:requestTimeoutMs` is a total deadline for a call, answer body
 * included: a trickling answer is cut and the read retried, not waited out.
 */
import * as assert from "assert";
import type { DynamicHost } from "../../engine/host";
import { startEmulator, type Emulator } from "../../emulator";
import {
  serializedProvider,
  startProviderHost,
  urnOf,
  waitForLog,
} from "../../fixtures/provider-harness";
import { TENCENTCLOUD_POSTGRES as family } from "../../reliability/tencentcloud-postgres";

describe("tencentcloud.postgres: total request deadline", function () {
  let emu: Emulator;
  let host: DynamicHost;
  afterEach(async () => {
    await host?.stop();
    await emu?.close();
  });

  it("a trickling DescribeDBInstanceSSLConfig answer is cut at the deadline and read again", async () => {
    emu = await startEmulator();
    host = await startProviderHost(emu, { ...family.config(emu), "dbssl:requestTimeoutMs": "800" });
    const id = family.instanceId("trickle");
    family.seed(emu, id, { sslEnabled: true });
    emu.admin.injectFault({
      service: family.service,
      action: "DescribeDBInstanceSSLConfig",
      kind: "trickle",
      delayMs: 40,
    });
    const urn = urnOf(family.family, "trickle");
    const inputs = { ...family.inputs(id), __provider: await serializedProvider(family.family) };
    const checked = await host.check(urn, {}, inputs);
    const { outputs } = await host.create(urn, checked.inputs);
    assert.strictEqual(outputs.sslEnabled, true);
    // The trickling answer was cut at the deadline and read again (not waited out).
    assert.ok(
      await waitForLog(host, "DescribeDBInstanceSSLConfig ETIMEDOUT, retry 1"),
      host.logs.join("\n"),
    );
  });
});
