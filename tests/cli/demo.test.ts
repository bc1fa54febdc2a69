/**
 * `npm run demo`'s scenario through the real Pulumi CLI from the repository's root project
 * (Pulumi.yaml, whose `main` is the fleet example): preview, up, a console change, refresh (the
 * drift shows), up (put back), destroy, with the demo's own checks after each step.
 */
import { startEmulator } from "../emulator";
import { scenario } from "../engine/demo";
import { cliRunner } from "../engine/demo-automation";
import { fleetConfig, seedFleet } from "../engine/demo-fleet";
import { cliOrSkip } from "./cli";

describe("the demo's fleet stack from the root project, through the real Pulumi CLI", function () {
  this.timeout(180_000);

  it("runs preview, up, refresh (drift), up and destroy", async function () {
    const cli = cliOrSkip(this);
    const emu = await startEmulator({ timing: { lagMs: 300, durationMs: 1500 } });
    seedFleet(emu);
    const runner = await cliRunner(
      cli,
      fleetConfig(emu, { "dbssl:pollIntervalMs": "200", "dbssl:pollMaxIntervalMs": "500" }),
    );
    try {
      await scenario(emu, runner);
    } finally {
      await runner.close();
      await emu.close();
    }
  });
});
