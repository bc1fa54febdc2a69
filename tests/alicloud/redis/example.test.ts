/**
 * examples/alicloud-redis through the engine harness (the real program, the real dynamic-provider
 * host started in the example's folder, as the Pulumi CLI does) against the emulator: preview
 * writes nothing, up enables TLS, a second up sends nothing, refresh shows drift, destroy disables.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type Emulator } from "../../emulator";
import { providerConfig } from "../../engine/demo-fleet";
import { repoRoot } from "../../engine/host";
import { Stack, type OperationResult } from "../../engine/stack";

const PROGRAM = path.join(repoRoot(), "examples", "alicloud-redis", "index.ts");
const ID = "r-example1";

describe("examples/alicloud-redis through the engine harness, against the emulator", function () {
  this.timeout(180000);
  let emu: Emulator;
  let dir: string;
  beforeEach(async () => {
    emu = await startEmulator();
    emu.admin.kvstore.seed({ id: ID });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-redis-example-"));
  });
  afterEach(async () => {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const ok = (r: OperationResult) => {
    assert.ok(r.ok, `${r.operation}: ${r.errors.join("\n")}\n${r.hostLogs.join("\n")}`);
    return r;
  };

  it("preview, up, second up, drift on refresh, up puts it back, destroy", async () => {
    const stack = new Stack({
      program: PROGRAM,
      stateFile: path.join(dir, "state.json"),
      passphrase: "examples-passphrase",
      config: providerConfig(emu, { "alicloud-redis:instanceId": ID }),
      hostEnv: { DBSSL_TEST_CLOCK_URL: emu.url },
    });
    assert.strictEqual(stack.projectDir, path.dirname(PROGRAM));
    const preview = ok(await stack.preview());
    assert.deepStrictEqual(
      preview.steps.map((s) => [s.name, s.op]),
      [["redis-ssl", "create"]],
    );
    assert.deepStrictEqual(emu.admin.writeCounts(), {});
    ok(await stack.up());
    assert.strictEqual(emu.admin.kvstore.get(ID)!.ssl.sslEnabled, true);
    const writes = emu.admin.writeCounts();
    ok(await stack.up());
    assert.deepStrictEqual(emu.admin.writeCounts(), writes, "a second up sends no Modify");
    emu.admin.kvstore.setSsl(ID, { sslEnabled: false });
    const refresh = ok(await stack.refresh());
    assert.ok(refresh.steps.some((s) => s.op === "refresh" && s.diffKeys.includes("sslEnabled")));
    ok(await stack.up());
    assert.strictEqual(emu.admin.kvstore.get(ID)!.ssl.sslEnabled, true);
    const beforeDestroy = emu.admin.writeCounts();
    ok(await stack.destroy());
    // onDelete defaults to "retain": removing the declaration never weakens encryption.
    assert.strictEqual(emu.admin.kvstore.get(ID)!.ssl.sslEnabled, true);
    assert.deepStrictEqual(emu.admin.writeCounts(), beforeDestroy, "destroy sends no Modify");
    assert.deepStrictEqual(await stack.resources(), []);
  });
});
