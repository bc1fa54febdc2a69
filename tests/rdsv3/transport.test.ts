/**
 * Issue 17 item 6 (RDS v3): `dbssl:requestTimeoutMs` is a total deadline for a call, answer body
 * included (a trickling answer is cut, and the read retried), and calls reuse connections
 * (keep-alive) instead of a TLS handshake each.
 */
import * as assert from "assert";
import { waitForLog } from "../fixtures/provider-harness";
import { MYSQL_ID, PROJECT, startRdsV3Harness, type RdsV3Harness } from "./fixtures";

describe("RDS v3: total request deadline, connection reuse", function () {
  let h: RdsV3Harness;
  afterEach(() => h?.close());

  it("a trickling ListInstances answer is cut at dbssl:requestTimeoutMs and read again", async () => {
    h = await startRdsV3Harness("opentelekomcloud", { "dbssl:requestTimeoutMs": "800" });
    h.emu.admin.rdsv3.seed({ id: MYSQL_ID, projectId: PROJECT, cloud: "opentelekomcloud" });
    // ~400 bytes at one byte per 40 ms: 16 s of answer, each byte well within the idle time.
    h.emu.admin.injectFault({
      service: "rdsv3",
      action: "ListInstances",
      kind: "trickle",
      delayMs: 40,
    });
    const { outputs } = await h.create(h.base());
    assert.strictEqual(outputs.sslEnabled, true);
    // The trickling answer was cut at the deadline and read again (not waited out).
    assert.ok(await waitForLog(h.host, `ListInstances ETIMEDOUT, retry 1`), h.host.logs.join("\n"));
    assert.ok(h.emu.admin.requests("ListInstances").length >= 2);
  });

  it("the calls of a change share a few kept-alive connections", async () => {
    h = await startRdsV3Harness("huaweicloud");
    h.emu.admin.rdsv3.seed({ id: MYSQL_ID, projectId: PROJECT, cloud: "huaweicloud" });
    const before = h.emu.connections();
    await h.create(h.base());
    const calls = h.emu.admin.log().length;
    const opened = h.emu.connections() - before;
    assert.ok(calls >= 4, `calls: ${calls}`);
    assert.ok(opened <= 2, `${opened} connections for ${calls} calls`);
  });
});
