/**
 * Issue 17 items 10 and 15 (RDS v3): `destroy` of an instance being deleted, shut down or frozen
 * succeeds without a write, with a line saying why; a change refused as busy for ten minutes times
 * out naming the real elapsed time, not "0s".
 */
import * as assert from "assert";
import { waitForLog } from "../fixtures/provider-harness";
import { MINUTE, MYSQL_ID, failure, startSeededRdsV3Harness, type RdsV3Harness } from "./fixtures";

describe("RDS v3: destroy of a going instance, timeouts after busy answers", function () {
  let h: RdsV3Harness;
  afterEach(() => h?.close());

  const puts = () => h.emu.admin.requests("SwitchSsl");
  const start = async (cloud: "opentelekomcloud" | "huaweicloud") => {
    h = await startSeededRdsV3Harness(cloud);
  };

  for (const status of ["SHUTDOWN", "FROZEN", "DELETING"]) {
    it(`destroy of a ${status} instance succeeds without a write, saying why`, async () => {
      await start("huaweicloud");
      const { outputs } = await h.create(h.base({ onDelete: "disable" }));
      assert.strictEqual(outputs.sslEnabled, true);
      const putsBefore = puts().length;
      h.emu.admin.rdsv3.setStatus(MYSQL_ID, status);
      const destroy = await h.newHost(); // `pulumi destroy` is a new process
      await destroy.delete(MYSQL_ID, h.urn, outputs);
      assert.strictEqual(puts().length, putsBefore, "no PUT during destroy");
      assert.strictEqual(h.emu.admin.rdsv3.get(MYSQL_ID)?.enableSsl, true);
      assert.ok(
        await waitForLog(
          destroy,
          `huaweicloud.rds ${MYSQL_ID}: the instance is ${status}: nothing left to protect, so SSL is left as it is and the delete is done`,
        ),
        destroy.logs.join("\n"),
      );
    });
  }

  it("destroy of a FAILED instance still fails, naming the state, with nothing sent", async () => {
    await start("opentelekomcloud");
    const { outputs } = await h.create(h.base({ onDelete: "disable" }));
    const putsBefore = puts().length;
    h.emu.admin.rdsv3.setStatus(MYSQL_ID, "FAILED");
    const destroy = await h.newHost();
    const err = await failure(destroy.delete(MYSQL_ID, h.urn, outputs));
    assert.match(err.message, /the instance is FAILED; it will not change on its own/);
    assert.strictEqual(puts().length, putsBefore);
  });

  it("ten minutes of busy answers time out naming the real elapsed time", async () => {
    await start("opentelekomcloud");
    h.emu.admin.injectFault({ service: "rdsv3", action: "SwitchSsl", kind: "busy", times: 1000 });
    const started = h.emu.clock.now();
    const err = await failure(h.create(h.base({ timeoutMinutes: 10 })));
    const elapsed = h.emu.clock.now() - started;
    assert.ok(elapsed >= 10 * MINUTE, `virtual time passed: ${elapsed}`);
    const match = /timed out after (\d+)m(\d\d)s waiting for a write the cloud accepts/.exec(
      err.message,
    );
    assert.ok(match, err.message);
    const reported = Number(match[1]) * MINUTE + Number(match[2]) * 1000;
    assert.ok(reported >= 10 * MINUTE && reported <= elapsed + 1000, err.message);
    assert.ok(puts().length > 1 && puts().every((p) => p.status === 409));
  });
});
