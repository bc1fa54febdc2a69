/**
 * A `pulumi up` killed mid-change (SIGKILL to the CLI and the provider host it started, as when
 * a CI runner dies), then what a user does next: `pulumi cancel` (the CLI's own advice for the
 * lock the killed run left), `pulumi refresh --clear-pending-creates` (the CLI's advice for the
 * pending create, non-interactively), `pulumi up`. The state keeps
 * the CLI's pending operation; the next run must not send the change a second time, and must end
 * with the stack state matching the cloud.
 *
 * This test runs in real time (the emulator's change takes seconds), so the kill lands while the
 * cloud is still applying the change the first `up` sent.
 */
import * as assert from "assert";
import type { ChildProcess } from "child_process";
import { execFileSync } from "child_process";
import { startEmulator, type Emulator } from "../emulator";
import { cliOrSkip } from "./cli";
import { CliStack } from "./cli-stack";
import { closeTestStack } from "./fixture";
import { EXAMPLES } from "./example-cases";

const RDS = EXAMPLES.find((e) => e.project === "examples/alicloud-rds")!;

/** Kills `child` and everything it started, at once, when the emulator has applied a write. */
function killAfterFirstWrite(emu: Emulator, killed: { at?: number }) {
  return (child: ChildProcess) => {
    const timer = setInterval(() => {
      if (Object.keys(emu.admin.writeCounts({ appliedOnly: true })).length === 0) return;
      clearInterval(timer);
      const tree = (pid: number): number[] => {
        let kids: number[] = [];
        try {
          kids = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
            .split("\n")
            .filter(Boolean)
            .map(Number);
        } catch {
          // pgrep exits 1 when there is no child.
        }
        return [pid, ...kids.flatMap(tree)];
      };
      for (const pid of tree(child.pid!)) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      killed.at = Date.now();
    }, 5);
    child.on("exit", () => clearInterval(timer));
  };
}

describe("a pulumi up killed mid-change, then refresh and up, with the real CLI", function () {
  this.timeout(180_000);
  let emu: Emulator;
  let stack: CliStack | undefined;
  afterEach(() => closeTestStack(stack, emu));

  it("sends the SSL change once, and ends with SSL on in the cloud and in the state", async function () {
    const cli = cliOrSkip(this);
    emu = await startEmulator({ timing: { lagMs: 500, durationMs: 20_000 } });
    RDS.seed(emu);
    stack = await CliStack.open({
      cli,
      project: RDS.project,
      config: {
        ...RDS.config(emu),
        "dbssl:pollIntervalMs": "200",
        "dbssl:pollMaxIntervalMs": "500",
      },
    });
    const killed: { at?: number } = {};
    const first = await stack.cliWithProgram(
      ["up", "--yes", "--skip-preview", "--non-interactive"],
      killAfterFirstWrite(emu, killed),
    );
    assert.ok(killed.at, `the up was killed after its write (exit ${first.code})\n${first.stdout}`);
    assert.strictEqual(first.signal, "SIGKILL");
    assert.strictEqual(RDS.sslOn(emu)[0], false, "killed while the cloud was still applying it");

    // The killed CLI left its lock; the CLI's own message says to remove it with `pulumi cancel`.
    const cancel = await stack.cli(["cancel", "--yes", "--non-interactive"]);
    assert.strictEqual(cancel.code, 0, cancel.stderr);
    // The CLI clears a pending CREATE only when asked (interactively, or with this flag, which is
    // what its warning tells a non-interactive user); the resource is then created anew.
    const refresh = await stack.cliWithProgram([
      "refresh",
      "--clear-pending-creates",
      "--yes",
      "--non-interactive",
    ]);
    assert.strictEqual(refresh.code, 0, refresh.stdout + refresh.stderr);
    const up = await stack.cliWithProgram(["up", "--yes", "--non-interactive"]);
    assert.strictEqual(up.code, 0, `${refresh.stdout}\n${up.stdout}\n${up.stderr}`);

    assert.deepStrictEqual(
      emu.admin.writeCounts({ appliedOnly: true }),
      { ModifyDBInstanceSSL: 1 },
      `one write in all\n${refresh.stdout}\n${up.stdout}`,
    );
    assert.strictEqual(RDS.sslOn(emu)[0], true);
    assert.match(up.stdout, /pgm-billing: SSL_MODIFYING, waiting for the instance to be steady/);
    const state = await stack.exportState();
    const ssl = state.resources.find((r) => String(r.type).endsWith("DbSslConfig"));
    assert.strictEqual((ssl?.outputs as Record<string, unknown>)?.sslEnabled, true);
    assert.deepStrictEqual(
      (JSON.parse(state.text) as { deployment: { pending_operations?: unknown[] } }).deployment
        .pending_operations ?? [],
      [],
      "no pending operation left",
    );
  });
});
