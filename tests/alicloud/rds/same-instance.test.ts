/**
 * Issue 6 item 1.1 through whole stacks (engine harness: the engine's step order, one provider
 * process per operation): a replacement or a rename that keeps the instance never turns SSL off,
 * and two resources naming one instance are flagged at preview.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type Emulator } from "../../emulator";
import { FLEET_PROGRAM, providerConfig } from "../../engine/demo-fleet";
import { Stack, type OperationResult } from "../../engine/stack";

const ID = "rm-same1";

describe("alicloud.rds: the same instance under another resource (issue 6)", function () {
  this.timeout(180_000);
  let emu: Emulator;
  let dir: string;

  beforeEach(async () => {
    emu = await startEmulator();
    emu.admin.rds.seed({ id: ID, engine: "MySQL" });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-same-"));
  });
  afterEach(async () => {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const stack = (entries: Record<string, unknown>[]) =>
    new Stack({
      program: FLEET_PROGRAM,
      stateFile: path.join(dir, "state.json"),
      passphrase: "same-instance",
      config: providerConfig(emu, {
        "fleet:instances": JSON.stringify(entries.map((e) => ({ family: "alicloud.rds", ...e }))),
      }),
      hostEnv: { DBSSL_TEST_CLOCK_URL: emu.url },
    });
  const ok = (r: OperationResult) => {
    assert.ok(r.ok, `${r.operation}: ${r.errors.join("\n")}\n${r.hostLogs.join("\n")}`);
    return r;
  };
  const ops = (r: OperationResult) => r.steps.map((s) => `${s.name}:${s.op}`);
  const writes = () =>
    emu.admin
      .requests("ModifyDBInstanceSSL")
      .filter((r) => r.applied)
      .map((r) => r.params.SSLEnabled);

  it("declaring the default region explicitly changes nothing (no replace, SSL stays on)", async () => {
    ok(await stack([{ name: "orders", instanceId: ID }]).up());
    const withRegion = stack([{ name: "orders", instanceId: ID, region: "cn-hangzhou" }]);
    assert.deepStrictEqual(ops(ok(await withRegion.preview())), ["orders:same"]);
    assert.deepStrictEqual(ops(ok(await withRegion.up())), ["orders:same"]);
    assert.strictEqual(emu.admin.rds.get(ID)!.ssl.sslEnabled, true);
    assert.deepStrictEqual(writes(), ["1"]);
  });

  it("a rename without an alias creates the new resource and leaves SSL on when deleting the old", async () => {
    // onDelete "disable" on both: the delete of the old resource would turn SSL off otherwise.
    ok(await stack([{ name: "orders", instanceId: ID, onDelete: "disable" }]).up());
    const renamed = ok(
      await stack([{ name: "orders-db", instanceId: ID, onDelete: "disable" }]).up(),
    );
    assert.deepStrictEqual(ops(renamed), ["orders-db:create", "orders:delete"]);
    assert.strictEqual(emu.admin.rds.get(ID)!.ssl.sslEnabled, true);
    assert.deepStrictEqual(writes(), ["1"], "no close was sent");
    assert.ok(
      renamed.hostLogs.some((l) =>
        l.includes(`${ID}: leaving SSL as it is: another DbSslConfig in this run declares`),
      ),
      renamed.hostLogs.join("\n"),
    );
    const next = ok(
      await stack([{ name: "orders-db", instanceId: ID, onDelete: "disable" }]).preview(),
    );
    assert.deepStrictEqual(ops(next), ["orders-db:same"]);
  });

  it("a preview with two resources naming the same instance fails the second one's check", async () => {
    const r = await stack([
      { name: "orders", instanceId: ID },
      { name: "orders-again", instanceId: ID, region: "cn-hangzhou" }, // the default, declared
    ]).preview();
    assert.strictEqual(r.ok, false);
    const expected =
      `::orders-again: check failed: instanceId: instanceId "${ID}" (alicloud.rds, ` +
      'region cn-hangzhou) is already declared by another DbSslConfig in this stack ("orders"); ' +
      "two resources for one instance undo each other's changes. Keep one (to rename a " +
      "resource, give the new name an alias to the old one)";
    assert.strictEqual(r.errors.length, 1, r.errors.join("\n"));
    assert.ok(r.errors[0].endsWith(expected), r.errors[0]);
    assert.deepStrictEqual(writes(), [], "a preview writes nothing");
  });

  it("the same two resources on other instances, or one of them in another region, pass", async () => {
    emu.admin.rds.seed({ id: "rm-same2", engine: "MySQL" });
    const r = ok(
      await stack([
        { name: "orders", instanceId: ID },
        { name: "orders-again", instanceId: "rm-same2" },
        { name: "orders-sh", instanceId: ID, region: "cn-shanghai" },
      ]).preview(),
    );
    assert.deepStrictEqual(ops(r), ["orders:create", "orders-again:create", "orders-sh:create"]);
  });

  it('destroy (a run of its own) still turns SSL off with onDelete "disable"', async () => {
    ok(await stack([{ name: "orders", instanceId: ID, onDelete: "disable" }]).up());
    ok(await stack([]).destroy());
    assert.strictEqual(emu.admin.rds.get(ID)!.ssl.sslEnabled, false);
    assert.deepStrictEqual(writes(), ["1", "0"]);
  });
});
