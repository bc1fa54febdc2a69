/**
 * Issue 19 through the real dynamic-provider host on the emulator's virtual clock: what
 * `dbssl:logLevel` prints on stderr during a 10-minute change, one debug line per cloud call with
 * its request id and never a key, and a refused level failing `check`.
 */
import * as assert from "assert";
import { startRdsHarness, waitForLog, type RdsHarness } from "../../fixtures/provider-harness";
import { makeTestPki } from "../../fixtures/pki";

const SLOW = "rm-slow10";
const TARGET = "waiting for SSL enabled and the instance ready";

/** Seconds in a progress line's elapsed time: `(45s)` or `(4m08s)`. */
function elapsedOf(line: string): number {
  const m = /\((?:(\d+)m(\d\d)s|(\d+)s)\)/.exec(line);
  assert.ok(m, line);
  return m[3] !== undefined ? Number(m[3]) : Number(m[1]) * 60 + Number(m[2]);
}

describe("alicloud.rds progress and dbssl:logLevel (issue 19)", function () {
  let h: RdsHarness;
  afterEach(() => h?.close());

  async function tenMinuteCreate(config: Record<string, string> = {}) {
    h = await startRdsHarness({ config });
    h.emu.admin.rds.seed({
      id: SLOW,
      engine: "MySQL",
      timing: { lagMs: 5_000, durationMs: 600_000 },
    });
    const { outputs } = await h.create({ instanceId: SLOW });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.ok(await waitForLog(h.host, "SSL enabled and the instance ready after"));
    return h.host.logs.filter((l) => l.includes(`alicloud.rds ${SLOW}:`));
  }

  it("info: a 10-minute change prints a line at least every 30 s, without extra cloud calls", async () => {
    const lines = await tenMinuteCreate();
    const waiting = lines.filter((l) => l.includes(TARGET));
    const done = lines.find((l) => l.includes("SSL enabled and the instance ready after"))!;
    const times = [0, ...waiting.map(elapsedOf), elapsedOf(done.replace(/after (\S+)$/, "($1)"))];
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    assert.ok(times.at(-1)! >= 600, `the change took 10 minutes: ${times.at(-1)} s`);
    assert.ok(Math.max(...gaps) <= 31, `seconds between lines: ${gaps.join(", ")}`);
    // Late in the change the lines are mostly heartbeats (the last poll's state repeated). That
    // they add no call is proven where the polls can be compared with a run without them:
    // tests/core/lifecycle/progress-lines.test.ts. Since issue 18 the polls here follow the task
    // centre's RemainTime, so their number late in the change is the schedule's, not asserted.
    const late = (seconds: number) => seconds >= 390 && seconds < 600;
    const heartbeats = waiting.filter((l) => l.includes("at the last poll") && late(elapsedOf(l)));
    // 210 s hold seven 30 s lines; each poll the schedule makes there replaces a heartbeat. The
    // polls follow the RemainTime samples, whose timing varies with the machine's load: one in
    // most runs, two (so five heartbeats) in a CI run on a loaded machine.
    assert.ok(heartbeats.length >= 4, heartbeats.join("\n"));
    assert.strictEqual(
      h.host.logs.filter((l) => l.includes("debug:")).length,
      0,
      "no call lines at info",
    );
  });

  it("quiet: no progress while waiting, only the outcome", async () => {
    const lines = await tenMinuteCreate({ "dbssl:logLevel": "quiet" });
    assert.deepStrictEqual(
      lines.map((l) => l.replace(/after \S+$/, "after …")),
      [
        // The preview's restart warning and the outcome are notices: printed at every level.
        `[dbssl] alicloud.rds ${SLOW}: warning: creating this resource adopts the instance as it ` +
          "is: if SSL there is not already on, up turns it on, which restarts the instance (a " +
          "few minutes without connections)",
        `[dbssl] alicloud.rds ${SLOW}: SSL enabled and the instance ready after …`,
      ],
    );
  });

  it("debug: one line per cloud call with its request id, and never the key it sent", async () => {
    const pki = await makeTestPki();
    h = await startRdsHarness({ config: { "dbssl:logLevel": "debug" } });
    h.emu.admin.rds.seed({ id: "pgm-debug1", engine: "PostgreSQL" });
    await h.create({
      instanceId: "pgm-debug1",
      caType: "custom",
      serverCert: pki.serverCertPem,
      serverKey: pki.serverKeyPem,
    });
    const sent = h.emu.admin.log();
    const modify = sent.find((e) => e.action === "ModifyDBInstanceSSL")!;
    assert.ok(modify.requestId, "the emulator answered with a request id");
    assert.ok(
      await waitForLog(h.host, `ModifyDBInstanceSSL ok (HTTP 200, request ${modify.requestId}, `),
      h.host.logs.join("\n"),
    );
    assert.ok(await waitForLog(h.host, `request ${sent.at(-1)!.requestId}, `));
    const calls = h.host.logs.filter((l) =>
      l.startsWith("[dbssl] debug: alicloud.rds pgm-debug1: "),
    );
    assert.strictEqual(calls.length, sent.length, calls.join("\n"));
    for (const entry of sent) {
      assert.ok(
        calls.some(
          (l) => l.includes(` ${entry.action} `) && l.includes(`request ${entry.requestId},`),
        ),
        `a line for ${entry.action} ${entry.requestId}`,
      );
    }
    const stderr = h.host.logs.join("\n");
    const keyBody = pki.serverKeyPem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
    for (const secret of [
      pki.serverKeyPem,
      keyBody,
      keyBody.slice(20, 60), // any stretch of it, however wrapped
      Buffer.from(pki.serverKeyPem).toString("base64").slice(10, 50),
    ]) {
      assert.ok(!stderr.replace(/\s+/g, "").includes(secret.replace(/\s+/g, "")));
    }
  });

  it("a dbssl:logLevel the provider does not know fails check, naming the setting and the levels", async () => {
    h = await startRdsHarness({ config: { "dbssl:logLevel": "verbose" } });
    h.emu.admin.rds.seed({ id: "rm-mysql1", engine: "MySQL" });
    const { failures } = await h.check({ instanceId: "rm-mysql1" });
    assert.deepStrictEqual(failures, [
      {
        property: "",
        reason:
          'dbssl:logLevel (or DBSSL_LOG_LEVEL) must be one of "quiet", "info", "debug"; got "verbose"',
      },
    ]);
    assert.strictEqual(h.emu.admin.log().length, 0);
  });
});
