/**
 * `pulumi preview --policy-pack examples/policy` with the real CLI (the pull-request job of
 * docs/CI.md): the CLI starts the pack through the analyzer launcher, in the pack's folder, with
 * the pack's own @pulumi/policy. A database declared without SSL fails the preview, naming the
 * policy and the resource; declared with SSL, the same command passes. Neither writes anything.
 */
import * as assert from "assert";
import * as path from "path";
import { startEmulator, type Emulator } from "../emulator";
import { fleetConfig, seedFleet } from "../engine/demo-fleet";
import { repoRoot } from "../engine/host";
import { cliOrSkip } from "./cli";
import { CliStack } from "./cli-stack";
import { closeTestStack } from "./fixture";

const PACK = path.join(repoRoot(), "examples", "policy");

describe("the policy pack through the real Pulumi CLI", function () {
  this.timeout(120_000);
  let emu: Emulator;
  let stack: CliStack | undefined;
  afterEach(() => closeTestStack(stack, emu));

  const fleetWith = async (ctx: Mocha.Context, sslEnabled: boolean) => {
    const cli = cliOrSkip(ctx);
    emu = await startEmulator();
    seedFleet(emu);
    const instances = [{ family: "alicloud.rds", instanceId: "rm-orders", sslEnabled }];
    stack = await CliStack.open({
      cli,
      project: "examples/fleet",
      config: fleetConfig(emu, { "fleet:instances": JSON.stringify(instances) }) as never,
      virtualClockUrl: emu.url,
    });
    return stack;
  };

  it("fails the preview of a database declared without SSL, naming policy and resource", async function () {
    const s = await fleetWith(this, false);
    const r = await s.cliWithProgram(["preview", "--policy-pack", PACK, "--non-interactive"]);
    assert.notStrictEqual(r.code, 0, r.stdout);
    assert.match(
      r.stdout,
      /\[mandatory\]\s+dbssl-ssl-enabled\s+\(pulumi-nodejs:dynamic\/alicloud\.rds:DbSslConfig: rm-orders-ssl\)/,
    );
    assert.match(r.stdout, /sets sslEnabled: false: connections to the database are not encrypted/);
    assert.deepStrictEqual(emu.admin.writeCounts(), {});
  });

  it("passes the same preview once the database declares SSL", async function () {
    const s = await fleetWith(this, true);
    const r = await s.cliWithProgram(["preview", "--policy-pack", PACK, "--non-interactive"]);
    assert.strictEqual(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /pulumi-dbssl@v0\.1\.0 \(local: /);
    assert.doesNotMatch(r.stdout, /\[mandatory\]/);
    assert.deepStrictEqual(emu.admin.writeCounts(), {});
  });
});
