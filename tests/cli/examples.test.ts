/**
 * The examples of the other clouds and the fleet through the real Pulumi CLI (example-suite.ts),
 * and the stack config reaching the provider's configure.
 */
import * as assert from "assert";
import { startEmulator, type Emulator } from "../emulator";
import { cliOrSkip } from "./cli";
import { CliStack } from "./cli-stack";
import { EXAMPLES } from "./example-cases";
import { describeExamples } from "./example-suite";
import { closeTestStack } from "./fixture";

describeExamples(
  "examples of Tencent, RDS v3 and the fleet through the real Pulumi CLI",
  EXAMPLES.filter((e) => !e.project.startsWith("examples/alicloud-")),
);

describe("stack config through the real Pulumi CLI", function () {
  this.timeout(240_000);
  let emu: Emulator;
  let stack: CliStack | undefined;
  afterEach(() => closeTestStack(stack, emu));

  it("configure gets the whole stack config, secrets included: a wrong secret key fails the up, no write", async function () {
    const cli = cliOrSkip(this);
    const fleet = EXAMPLES.find((e) => e.project === "examples/fleet")!;
    emu = await startEmulator();
    fleet.seed(emu);
    stack = await CliStack.open({
      cli,
      project: fleet.project,
      config: { ...fleet.config(emu), "alicloud:secretKey": { secret: "not-the-secret" } },
      virtualClockUrl: emu.url,
    });
    const up = await stack.up();
    assert.ok(!up.ok);
    assert.match(up.error, /SignatureDoesNotMatch|signature/i);
    assert.ok(!up.error.includes("not-the-secret"), "the secret is not in the error");
    assert.deepStrictEqual(emu.admin.writeCounts(), {});
  });
});
