/**
 * Bringing an existing database under a DbSslConfig, with the real CLI.
 *
 * The `import` resource option cannot work with a dynamic provider (the engine reads the
 * resource with only its id, and the host needs the provider code from state: pulumi/pulumi#16175;
 * without our guard the host fails with "Cannot read properties of undefined (reading
 * 'toJavaScript')"). The program now refuses it with a message that says what to do, before the
 * engine plans anything. The alternative it names is adoption: a first `up` on an instance that
 * already has the declared state makes no write.
 *
 * `pulumi import` (the command) needs the Node.js language plugin even with --generate-code=false,
 * which cannot be built here (tests/cli/install.sh); README "Bringing an existing database" says
 * what it does with an ordinary install.
 */
import * as assert from "assert";
import * as path from "path";
import { startEmulator, type Emulator } from "../emulator";
import { cliOrSkip } from "./cli";
import { CliStack } from "./cli-stack";
import { closeTestStack } from "./fixture";
import { EXAMPLES } from "./example-cases";

const RDS = EXAMPLES.find((e) => e.project === "examples/alicloud-rds")!;
const IMPORT_PROGRAM = path.join(__dirname, "programs", "import-option.js");

describe("adopting an existing database through the real Pulumi CLI", function () {
  this.timeout(120_000);
  let emu: Emulator;
  let stack: CliStack | undefined;
  afterEach(() => closeTestStack(stack, emu));

  const open = async (ctx: Mocha.Context, program?: string) => {
    const cli = cliOrSkip(ctx);
    emu = await startEmulator();
    RDS.seed(emu);
    stack = await CliStack.open({
      cli,
      project: RDS.project,
      program,
      config: RDS.config(emu),
      virtualClockUrl: emu.url,
    });
    return stack;
  };

  it("the import option fails the preview with what to do instead, and plans nothing", async function () {
    const s = await open(this, IMPORT_PROGRAM);
    for (const op of [["preview"], ["up", "--yes"]]) {
      const r = await s.cliWithProgram([...op, "--non-interactive"]);
      assert.notStrictEqual(r.code, 0);
      assert.match(
        r.stdout,
        /error: DbSslConfig "rds-ssl": the "import" resource option does not work with Pulumi dynamic providers .*pulumi\/pulumi#16175\)\. Remove it: a DbSslConfig adopts its instance on the first up, and a create that finds the declared state sends no change\./,
      );
      assert.doesNotMatch(r.stdout, /toJavaScript/);
    }
    assert.deepStrictEqual(emu.admin.writeCounts(), {});
    const state = await s.exportState();
    assert.ok(!state.resources.some((r) => String(r.type).startsWith("pulumi-nodejs:dynamic")));
  });

  it("adoption: a first up on an instance that already has SSL on sends no change", async function () {
    const s = await open(this);
    emu.admin.rds.setSsl("pgm-billing", { sslEnabled: true });
    const up = await s.up();
    assert.ok(up.ok, up.error);
    assert.deepStrictEqual(
      up.steps.map((st) => [st.name, st.op]),
      [["rds-ssl", "create"]],
    );
    assert.deepStrictEqual(
      emu.admin.writeCounts(),
      {},
      "no Modify: the state was already declared",
    );
    const state = await s.exportState();
    const adopted = state.resources.find((r) => String(r.type).endsWith("DbSslConfig"));
    assert.strictEqual((adopted?.outputs as Record<string, unknown>).sslEnabled, true);
    assert.strictEqual(adopted?.id, "pgm-billing");
  });
});
