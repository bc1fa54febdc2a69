/**
 * RDS v3 safety cases through the real dynamic-provider host: a failed job, a busy instance (409),
 * throttling, an answer lost after the PUT was applied, a flag that flips before the reboot, a
 * resumed `up` during the reboot, terminal and busy statuses, wrong and missing credentials.
 */
import * as assert from "assert";
import { EMULATOR_SECRET_KEY } from "../emulator";
import { rdsV3Request } from "../emulator/rdsv3/test-client";
import { waitForLog } from "../fixtures/provider-harness";
import {
  MINUTE,
  MYSQL_ID,
  PROJECT,
  failure,
  startSeededRdsV3Harness,
  startRdsV3Harness,
  type RdsV3Harness,
} from "./fixtures";

describe("RDS v3: failures, busy instances, lost answers (through the host)", function () {
  let h: RdsV3Harness;
  afterEach(() => h?.close());

  const puts = () => h.emu.admin.requests("SwitchSsl");
  const applied = () => puts().filter((r) => r.applied);
  const start = async (cloud: "opentelekomcloud" | "huaweicloud", config = {}) => {
    h = await startSeededRdsV3Harness(cloud, config);
  };

  it("a failed job is an error quoting fail_reason; the resource stays in state", async () => {
    await start("huaweicloud");
    h.emu.admin.rdsv3.failNextChange(MYSQL_ID, "Failed to modify SSL: parameter group locked.");
    const checked = await h.check(h.base());
    const err = await failure(h.host.create(h.urn, checked.inputs));
    assert.strictEqual(err.name, "ResourceInitFailedError");
    assert.match(
      err.message,
      /huaweicloud\.rds SSL \(.*in01\): the cloud reports job [0-9a-f-]+ Failed: Failed to modify SSL: parameter group locked\./,
    );
    assert.strictEqual(err.id, MYSQL_ID);
    assert.strictEqual(err.properties.lastAction, "open");
    assert.strictEqual(err.properties.sslEnabled, false, "the state read before the PUT");
    assert.strictEqual(err.properties.__provider, h.providerText);
    assert.strictEqual(applied().length, 1);
  });

  it("409 DBS.200019 (busy) proves the PUT did not run: wait, read, send once more", async () => {
    await start("opentelekomcloud");
    h.emu.admin.injectFault({ service: "rdsv3", action: "SwitchSsl", kind: "busy" });
    const { outputs } = await h.create(h.base());
    assert.strictEqual(outputs.sslEnabled, true);
    assert.deepStrictEqual(
      puts().map((r) => [r.status, r.code]),
      [
        [409, "DBS.200019"],
        [200, undefined],
      ],
    );
  });

  it("429 on reads and on the PUT is retried after Retry-After", async () => {
    await start("opentelekomcloud");
    h.emu.admin.injectFault(
      { service: "rdsv3", action: "ListInstances", kind: "throttle", times: 2 },
      { service: "rdsv3", action: "SwitchSsl", kind: "throttle", retryAfterMs: 3000 },
    );
    const { outputs } = await h.create(h.base());
    assert.strictEqual(outputs.sslEnabled, true);
    assert.deepStrictEqual(
      puts().map((r) => r.status),
      [429, 200],
    );
  });

  for (const kind of ["reset", "internal"] as const) {
    it(`a PUT applied whose answer was lost (${kind} after the write) is watched, never resent`, async () => {
      await start("opentelekomcloud");
      h.emu.admin.injectFault({ service: "rdsv3", action: "SwitchSsl", kind, after: true });
      const { outputs } = await h.create(h.base());
      assert.strictEqual(outputs.sslEnabled, true);
      assert.strictEqual(puts().length, 1);
      assert.strictEqual(applied().length, 1);
    });
  }

  it("a lost answer to a PUT that did not run is sent again once, after the grace period", async () => {
    await start("opentelekomcloud");
    h.emu.admin.injectFault({ service: "rdsv3", action: "SwitchSsl", kind: "internal" });
    const { outputs } = await h.create(h.base());
    assert.strictEqual(outputs.sslEnabled, true);
    assert.deepStrictEqual(
      puts().map((r) => [r.status, Boolean(r.applied)]),
      [
        [500, false],
        [200, true],
      ],
    );
  });

  it("OTC 200 {} with no job and a flag that flips before the reboot: the wait does not end early", async () => {
    h = await startRdsV3Harness("opentelekomcloud");
    h.emu.admin.rdsv3.seed({
      id: MYSQL_ID,
      projectId: PROJECT,
      timing: { flipEarly: true, lagMs: 60_000, rebootMs: 120_000 },
    });
    await h.create(h.base());
    const after = h.emu.admin.rdsv3.get(MYSQL_ID)!;
    assert.strictEqual(after.pending, undefined, "returned only after the reboot finished");
    assert.strictEqual(after.enableSsl, true);
  });

  it("a resumed up while the instance reboots after a killed run's PUT sends no second PUT", async () => {
    await start("opentelekomcloud");
    const killed = await rdsV3Request(h.emu, {
      method: "PUT",
      path: `/v3/${PROJECT}/instances/${MYSQL_ID}/ssl`,
      body: { ssl_option: true },
    });
    assert.strictEqual(killed.status, 200);
    h.emu.clock.advanceBy(20_000); // the reboot has begun
    assert.strictEqual(h.emu.admin.rdsv3.get(MYSQL_ID)!.status, "REBOOTING");
    const resumed = await h.newHost();
    const checked = await h.check(h.base());
    const { outputs } = await resumed.create(h.urn, checked.inputs);
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(puts().length, 1, "only the killed run's PUT, not even a refused one");
    assert.ok(await waitForLog(resumed, "REBOOTING"), "it said what it waited for");
  });

  it("an instance busy with something else (BACKING UP) is waited for, then one PUT", async () => {
    await start("opentelekomcloud");
    h.emu.admin.rdsv3.setStatus(MYSQL_ID, "BACKING UP");
    const readyAt = h.emu.clock.now() + 10 * MINUTE;
    const flip = setInterval(() => {
      if (h.emu.clock.now() >= readyAt) h.emu.admin.rdsv3.setStatus(MYSQL_ID, "ACTIVE");
    }, 5);
    try {
      await h.create(h.base());
    } finally {
      clearInterval(flip);
    }
    assert.deepStrictEqual(
      puts().map((r) => r.status),
      [200],
    );
    assert.ok(h.emu.clock.now() >= readyAt);
  });

  for (const status of ["SHUTDOWN", "FAILED"]) {
    it(`a ${status} instance fails at once, naming the state, with nothing sent`, async () => {
      await start("opentelekomcloud");
      h.emu.admin.rdsv3.setStatus(MYSQL_ID, status);
      const started = h.emu.clock.now();
      const err = await failure(h.create(h.base()));
      assert.match(
        err.message,
        new RegExp(`the instance is ${status}; it will not change on its own`),
      );
      assert.deepStrictEqual(puts(), []);
      assert.ok(h.emu.clock.now() - started < MINUTE);
    });
  }

  it("the instance deleted during the reboot is a clear failure, the resource kept", async () => {
    await start("opentelekomcloud");
    const deleteAt = h.emu.clock.now() + 30_000;
    const drop = setInterval(() => {
      if (h.emu.clock.now() >= deleteAt && h.emu.admin.rdsv3.get(MYSQL_ID)) {
        h.emu.admin.rdsv3.delete(MYSQL_ID);
      }
    }, 5);
    try {
      const err = await failure(h.create(h.base()));
      assert.strictEqual(err.name, "ResourceInitFailedError");
      assert.match(err.message, /the instance was deleted/);
    } finally {
      clearInterval(drop);
    }
  });

  for (const cloud of ["opentelekomcloud", "huaweicloud"] as const) {
    it(`${cloud}: a wrong secret is rejected (401 APIGW.0301) with the keys to check, not the value`, async () => {
      const wrong = "not-the-secret-0123456789";
      const key = cloud === "huaweicloud" ? "huaweicloud:secret_key" : "opentelekomcloud:secretKey";
      await start(cloud, { [key]: { secret: wrong } });
      const err = await failure(h.create(h.base()));
      assert.match(
        err.message,
        /ListInstances failed: APIGW\.0301: Incorrect IAM authentication information/,
      );
      assert.match(err.message, new RegExp(key));
      assert.match(err.message, /\[RequestId: [0-9a-f]{32}\]/);
      const everything = err.message + h.host.logs.join("\n") + JSON.stringify(h.emu.admin.log());
      assert.ok(!everything.includes(wrong) && !everything.includes(EMULATOR_SECRET_KEY));
      assert.deepStrictEqual(puts(), []);
    });
  }

  it("missing credentials name the keys and variables to set; check and diff still work", async () => {
    await start("huaweicloud", { "huaweicloud:access_key": "", "huaweicloud:secret_key": "" });
    const checked = await h.check(h.base());
    assert.deepStrictEqual(checked.failures, []);
    const err = await failure(h.host.create(h.urn, checked.inputs));
    assert.match(
      err.message,
      /no Huawei Cloud credentials found: set huaweicloud:access_key or huaweicloud:accessKey or HW_ACCESS_KEY/,
    );
    assert.deepStrictEqual(h.emu.admin.log(), []);
  });
});
