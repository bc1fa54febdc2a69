import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  EMULATOR_ACCESS_KEY,
  EMULATOR_SECRET_KEY,
  startEmulator,
  type Emulator,
} from "../emulator";
import {
  DRIFTED_INSTANCE,
  driftOutOfBand,
  FLEET_INSTANCES,
  FLEET_PROGRAM,
  fleetConfig,
  providerConfig,
  RDS_PROGRAM,
  seedFleet,
} from "./demo-fleet";
import { repoRoot } from "./host";
import { OperationResult, Stack, StackConfig } from "./stack";

// Every example program through preview, up, refresh and destroy, with the real provider in the
// real dynamic-provider host, against the cloud emulator (virtual clock: no real waiting).
describe("examples through the engine harness, against the emulator", function () {
  this.timeout(180000);
  let emu: Emulator;
  let dir: string;

  beforeEach(async () => {
    emu = await startEmulator();
    seedFleet(emu);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-examples-"));
  });
  afterEach(async () => {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // The host starts in the project directory (where Pulumi.yaml is) and resolves everything from
  // there with no NODE_PATH, as the CLI does: these pass only if `pulumi up` there would.
  const stackOf = (program: string, config: StackConfig, projectDir?: string) =>
    new Stack({
      program,
      projectDir,
      stateFile: path.join(dir, "state.json"),
      passphrase: "examples-passphrase",
      config,
      hostEnv: { DBSSL_TEST_CLOCK_URL: emu.url },
    });
  const ok = (r: OperationResult) => {
    assert.ok(
      r.ok,
      `${r.operation}: ${r.errors.join("\n")}\n${r.programLogs.join("\n")}\n${r.hostLogs.join("\n")}`,
    );
    return r;
  };
  const sslOn = () => Object.fromEntries(emu.admin.rds.list().map((i) => [i.id, i.ssl.sslEnabled]));
  const assertNoPlaintextSecrets = () => {
    const text = fs.readFileSync(path.join(dir, "state.json"), "utf8");
    assert.ok(
      !text.includes(EMULATOR_SECRET_KEY),
      "the access key secret is not in the state file",
    );
    assert.ok(!text.includes("-----BEGIN"), "no PEM in the state file");
  };

  it("alicloud-rds: preview writes nothing, up enables SSL, a second up sends no Modify", async () => {
    const stack = stackOf(
      RDS_PROGRAM,
      providerConfig(emu, { "alicloud-rds:instanceId": "pgm-billing" }),
    );
    assert.strictEqual(stack.projectDir, path.dirname(RDS_PROGRAM));
    const preview = ok(await stack.preview());
    assert.deepStrictEqual(
      preview.steps.map((s) => [s.name, s.op, s.status]),
      [["rds-ssl", "create", "planned"]],
    );
    assert.deepStrictEqual(emu.admin.writeCounts(), {});
    ok(await stack.up());
    assert.strictEqual(sslOn()["pgm-billing"], true);
    const writes = emu.admin.writeCounts();
    const again = ok(await stack.up());
    assert.deepStrictEqual(
      again.steps.map((s) => s.op),
      ["same"],
    );
    assert.deepStrictEqual(emu.admin.writeCounts(), writes);
    assert.deepStrictEqual(
      ok(await stack.refresh()).steps.map((s) => s.op),
      ["same"],
    );
    assertNoPlaintextSecrets();
    ok(await stack.destroy());
    assert.deepStrictEqual(await stack.resources(), []);
  });

  it("tencentcloud-postgres: preview writes nothing, up enables SSL, refresh is clean, destroy leaves SSL on", async () => {
    const pg = emu.admin.tencentPostgres;
    pg.seed({ id: "postgres-example1", addresses: [{ ip: "10.6.0.4" }] });
    const program = path.join(path.dirname(RDS_PROGRAM), "..", "tencentcloud-postgres", "index.ts");
    const stack = stackOf(program, {
      "tencentcloud:secretId": EMULATOR_ACCESS_KEY,
      "tencentcloud:secretKey": { secret: EMULATOR_SECRET_KEY },
      "tencentcloud:region": "ap-guangzhou",
      "dbssl:endpointOverride": emu.url,
      "tencentcloud-postgres:instanceId": "postgres-example1",
      "tencentcloud-postgres:connectAddress": "10.6.0.4",
    });
    ok(await stack.preview());
    assert.deepStrictEqual(emu.admin.writeCounts(), {});
    ok(await stack.up());
    assert.deepStrictEqual(pg.get("postgres-example1")!.ssl, {
      sslEnabled: true,
      connectAddress: "10.6.0.4",
    });
    assert.deepStrictEqual(
      ok(await stack.refresh()).steps.map((s) => s.op),
      ["same"],
    );
    assertNoPlaintextSecrets();
    ok(await stack.destroy());
    // onDelete defaults to "retain": removing the declaration never weakens encryption.
    assert.strictEqual(pg.get("postgres-example1")!.ssl.sslEnabled, true);
  });

  it("fleet (root Pulumi.yaml): up, out-of-band change, refresh shows drift, up puts it back, destroy", async () => {
    const stack = stackOf(FLEET_PROGRAM, fleetConfig(emu), repoRoot());
    assert.strictEqual(stack.projectDir, repoRoot());
    ok(await stack.preview());
    assert.deepStrictEqual(emu.admin.writeCounts(), {});
    const up = ok(await stack.up());
    assert.strictEqual(up.steps.filter((s) => s.op === "create").length, FLEET_INSTANCES.length);
    assert.ok(Object.values(sslOn()).every(Boolean), JSON.stringify(sslOn()));
    const writes = emu.admin.writeCounts();
    ok(await stack.up());
    assert.deepStrictEqual(emu.admin.writeCounts(), writes, "a second up sends no Modify");

    driftOutOfBand(emu);
    const refresh = ok(await stack.refresh());
    const drifted = refresh.steps.filter((s) => s.op === "refresh");
    assert.deepStrictEqual(
      drifted.map((s) => s.name),
      [`${DRIFTED_INSTANCE}-ssl`],
    );
    assert.ok(drifted[0].diffKeys.includes("sslEnabled"));
    const fix = ok(await stack.up());
    assert.deepStrictEqual(
      fix.steps.filter((s) => s.op !== "same").map((s) => [s.name, s.op]),
      [[`${DRIFTED_INSTANCE}-ssl`, "update"]],
    );
    assert.strictEqual(sslOn()[DRIFTED_INSTANCE], true);
    assertNoPlaintextSecrets();
    ok(await stack.destroy());
    assert.deepStrictEqual(await stack.resources(), []);
  });

  it("fleet from its own folder (examples/fleet/Pulumi.yaml): preview, up, destroy", async () => {
    const stack = stackOf(FLEET_PROGRAM, fleetConfig(emu));
    assert.strictEqual(stack.projectDir, path.dirname(FLEET_PROGRAM));
    ok(await stack.preview());
    ok(await stack.up());
    assert.ok(Object.values(sslOn()).every(Boolean), JSON.stringify(sslOn()));
    ok(await stack.destroy());
    assert.deepStrictEqual(await stack.resources(), []);
  });

  it("configure receives the whole stack config, secrets included (wrong key fails the up)", async () => {
    const config = {
      ...fleetConfig(emu),
      "alicloud:secretKey": { secret: `${EMULATOR_ACCESS_KEY}-wrong` },
    };
    const r = await stackOf(FLEET_PROGRAM, config).up();
    assert.ok(!r.ok);
    assert.deepStrictEqual(emu.admin.writeCounts(), {});
  });
});
