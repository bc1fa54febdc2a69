/**
 * examples/alicloud-mongodb through the engine harness (the real dynamic-provider host started in
 * the example's folder, as the Pulumi CLI does) against the emulator: preview writes nothing, up
 * opens SSL, a second up sends nothing, refresh is clean, destroy closes SSL.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type Emulator } from "../../emulator";
import { providerConfig } from "../../engine/demo-fleet";
import { repoRoot } from "../../engine/host";
import { Stack, type OperationResult } from "../../engine/stack";

const PROGRAM = path.join(repoRoot(), "examples", "alicloud-mongodb", "index.ts");

describe("examples/alicloud-mongodb through the engine harness", function () {
  this.timeout(180000);
  let emu: Emulator;
  let dir: string;
  beforeEach(async () => {
    emu = await startEmulator();
    emu.admin.dds.seed({ id: "dds-orders" });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-mongodb-example-"));
  });
  afterEach(async () => {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const ok = (r: OperationResult) => {
    assert.ok(r.ok, `${r.operation}: ${r.errors.join("\n")}\n${r.hostLogs.join("\n")}`);
    return r;
  };

  it("preview, up, a second up, refresh, destroy", async () => {
    const stack = new Stack({
      program: PROGRAM,
      stateFile: path.join(dir, "state.json"),
      passphrase: "examples-passphrase",
      config: providerConfig(emu, { "alicloud-mongodb:instanceId": "dds-orders" }),
      hostEnv: { DBSSL_TEST_CLOCK_URL: emu.url },
    });
    assert.deepStrictEqual(
      ok(await stack.preview()).steps.map((s) => [s.name, s.op]),
      [["mongodb-ssl", "create"]],
    );
    assert.deepStrictEqual(emu.admin.writeCounts(), {});
    ok(await stack.up());
    assert.strictEqual(emu.admin.dds.get("dds-orders")!.ssl.open, true);
    const writes = emu.admin.writeCounts();
    assert.deepStrictEqual(
      ok(await stack.up()).steps.map((s) => s.op),
      ["same"],
    );
    assert.deepStrictEqual(
      ok(await stack.refresh()).steps.map((s) => s.op),
      ["same"],
    );
    assert.deepStrictEqual(emu.admin.writeCounts(), writes);
    ok(await stack.destroy());
    // onDelete defaults to "retain": removing the declaration never weakens encryption.
    assert.strictEqual(emu.admin.dds.get("dds-orders")!.ssl.open, true);
    assert.deepStrictEqual(emu.admin.writeCounts(), writes, "destroy sends no Modify");
  });
});
