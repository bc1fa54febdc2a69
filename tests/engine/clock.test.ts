import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { URN, startRdsHarness, type RdsHarness } from "../fixtures/provider-harness";
import { EmulatorClock, syncClockReader } from "../fixtures/emulator-clock";
import { startEmulator } from "../emulator";
import { repoRoot } from "./host";

const MINUTE = 60_000;

// The provider's clock is injected from the test side (a --require preload in the host process
// calls `useClock` on pulumi-dbssl/runtime): the product reads no test variable.
describe("the emulator's virtual clock, injected into the dynamic-provider host", function () {
  this.timeout(60000);
  let h: RdsHarness;

  afterEach(async () => h?.close());

  it("a 1-minute timeout is one virtual minute, even when the emulator's clock is ahead", async () => {
    h = await startRdsHarness();
    // An emulator that already ran other waits: its time is 8 hours ahead of the wall clock.
    h.emu.clock.advanceBy(8 * 60 * MINUTE);
    h.emu.admin.rds.seed({
      id: "rm-never",
      engine: "MySQL",
      timing: { lagMs: 1000, durationMs: 24 * 60 * MINUTE },
    });
    const started = h.emu.clock.now();
    const checked = await h.check({ instanceId: "rm-never", timeoutMinutes: 1 });
    const err = await h.host.create(URN, checked.inputs).then(
      () => assert.fail("create should time out"),
      (e) => e,
    );
    assert.strictEqual(err.name, "ResourceInitFailedError");
    assert.match(err.message, /rm-never\): timed out after 60s waiting for SSL enabled/);

    const log = h.emu.admin.log().filter((e) => e.params.DBInstanceId === "rm-never");
    const at = (e: { virtualTime: string }) => Date.parse(e.virtualTime) - started;
    const modify = log.find((e) => e.action === "ModifyDBInstanceSSL")!;
    // Sent at once: only the wall-clock time the reads before it take (virtual time runs with
    // real time; about 0.3 s here, over 1 s on a loaded 2-core machine), not the clock's skew...
    assert.ok(at(modify) >= 0 && at(modify) < 3000, `Modify at +${at(modify)} ms`);
    // ...and the last poll exactly at the deadline: 1 minute of virtual time after the Modify.
    const last = log[log.length - 1];
    assert.ok(
      Math.abs(at(last) - at(modify) - MINUTE) < 1000,
      `last poll at +${at(last) - at(modify)} ms after the Modify`,
    );
    assert.ok(h.emu.clock.now() - started < MINUTE + 2000, "no virtual time beyond the deadline");
  });

  it("now() is the emulator's time at every call, before and after a sleep", async () => {
    let emulatorNow = Date.UTC(2030, 0, 1);
    const clock = new EmulatorClock("http://127.0.0.1:1", () => emulatorNow);
    assert.strictEqual(clock.now(), emulatorNow);
    emulatorNow += 7 * 24 * 60 * MINUTE; // a test moved the emulator on
    assert.strictEqual(clock.now(), emulatorNow);
  });

  it("the synchronous reader follows an emulator in another process", async () => {
    const emu = await startEmulator();
    try {
      emu.clock.advanceBy(3 * MINUTE);
      // Run the reader in a child (it blocks its own thread, and the emulator is in this one).
      const { execFile } = await import("child_process");
      const script = `console.log(require(${JSON.stringify(require.resolve("../fixtures/emulator-clock"))}).syncClockReader(process.argv[1])())`;
      const out = await new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ["-e", script, emu.url], (e, stdout) =>
          e ? reject(e) : resolve(stdout),
        ),
      );
      assert.ok(Math.abs(Number(out) - emu.clock.now()) < 1000, `${out} vs ${emu.clock.now()}`);
      assert.throws(() => syncClockReader("http://127.0.0.1:1", 2000)(), /did not answer/);
    } finally {
      await emu.close();
    }
  });

  it("the product has no test clock: no DBSSL_TEST_CLOCK_URL and no HTTP in provider/", () => {
    const files = fs.readdirSync(path.join(repoRoot(), "provider"), { recursive: true });
    for (const file of files.map(String).filter((f) => f.endsWith(".ts"))) {
      const text = fs.readFileSync(path.join(repoRoot(), "provider", file), "utf8");
      assert.ok(!text.includes("DBSSL_TEST_CLOCK_URL"), `${file} reads the test clock variable`);
      assert.ok(!/__admin\/clock/.test(text), `${file} calls the emulator's clock`);
    }
  });
});
