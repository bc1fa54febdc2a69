/**
 * Issue 17 item 18 through the real Pulumi CLI (engine, plugin host, `pulumi up` with its own
 * preview): two resources naming one instance fail the preview on the second one's check, and a
 * stack without duplicates is never refused (the same resource checked by the preview and the
 * update of one `pulumi up` is one resource), including a rename without an alias.
 */
import * as assert from "assert";
import { startEmulator, type Emulator } from "../emulator";
import { providerConfig, seedFleet } from "../engine/demo-fleet";
import { cliOrSkip } from "./cli";
import { CliStack, type CliConfig } from "./cli-stack";

const fleet = (emu: Emulator, entries: Record<string, unknown>[]) =>
  providerConfig(emu, {
    "fleet:instances": JSON.stringify(entries.map((e) => ({ family: "alicloud.rds", ...e }))),
  }) as CliConfig;

describe("the same instance twice, through the real Pulumi CLI", function () {
  this.timeout(240_000);
  let emu: Emulator;
  let stack: CliStack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
    await emu?.close();
  });

  it("the preview fails on the second resource; one resource, renamed, passes", async function () {
    const cli = cliOrSkip(this);
    emu = await startEmulator();
    seedFleet(emu);
    const twice = [
      { name: "orders", instanceId: "rm-orders" },
      { name: "orders-copy", instanceId: "rm-orders" },
    ];
    stack = await CliStack.open({
      cli,
      project: "examples/fleet",
      config: fleet(emu, twice),
      virtualClockUrl: emu.url,
    });
    const refused = await stack.preview();
    assert.ok(!refused.ok, "the preview fails");
    // The engine checks the two in either order: the second checked is refused, naming the first.
    const said = refused.diagnostics.join("\n");
    const refusal =
      /resource '(orders|orders-copy)': property instanceId value \{rm-orders\} has a problem: instanceId "rm-orders" \(alicloud\.rds, region cn-hangzhou\) is already declared by another DbSslConfig in this stack \("(orders|orders-copy)"\)/;
    const [, refusedName, firstName] = refusal.exec(said) ?? [];
    assert.ok(refusedName && firstName && refusedName !== firstName, said);
    assert.deepStrictEqual(emu.admin.writeCounts(), {}, "nothing written");

    // `pulumi up --yes` previews first, then updates: one resource, never refused.
    const upWithPreview = async (what: string) => {
      const out = await stack!.cliWithProgram(["up", "--yes"]);
      assert.strictEqual(out.code, 0, `${what}:\n${out.stdout}\n${out.stderr}`);
    };
    await stack.setConfig(fleet(emu, [{ name: "orders", instanceId: "rm-orders" }]));
    await upWithPreview("up");
    await stack.setConfig(fleet(emu, [{ name: "orders-db", instanceId: "rm-orders" }]));
    await upWithPreview("rename without an alias");
    assert.strictEqual(emu.admin.rds.get("rm-orders")!.ssl.sslEnabled, true);
  });
});
