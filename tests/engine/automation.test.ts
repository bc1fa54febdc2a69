import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator } from "../emulator";
import { onPath, scenario } from "./demo";
import { automationRunner } from "./demo-automation";
import { fleetConfig, seedFleet } from "./demo-fleet";

describe("engine/automation: the fleet stack through a real Pulumi CLI", function () {
  this.timeout(10 * 60_000);

  it("runs preview, up, refresh (drift), up and destroy with the Automation API", async function () {
    if (!onPath("pulumi")) {
      // The CLI's npm package downloads it at install time, which this machine cannot do.
      console.log("      skipped: no `pulumi` CLI on PATH; the engine harness covers these steps");
      this.skip();
    }
    const emu = await startEmulator({ timing: { lagMs: 300, durationMs: 1500 } });
    seedFleet(emu);
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-auto-"));
    const config = fleetConfig(emu, {
      "dbssl:pollIntervalMs": "200",
      "dbssl:pollMaxIntervalMs": "500",
    });
    const runner = await automationRunner(config, workDir, "test-passphrase");
    try {
      await scenario(emu, runner);
    } finally {
      await runner.close();
      await emu.close();
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  });
});
