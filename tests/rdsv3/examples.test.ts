/**
 * The two RDS v3 example programs, and the fleet example with RDS v3 entries, through the engine
 * harness (preview, up, a second up, refresh, destroy) with the real provider in the real
 * dynamic-provider host, against the emulator. The host starts in each example's folder, as the
 * Pulumi CLI does.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EMULATOR_SECRET_KEY, startEmulator, type Emulator } from "../emulator";
import { repoRoot } from "../engine/host";
import { Stack, type OperationResult, type StackConfig } from "../engine/stack";
import { MYSQL_ID, PROJECT, cloudConfig } from "./fixtures";

const HUAWEI_ID = "bb7cc6166ec24360a5ed5c5c9c2ed726in01";
const program = (dir: string) => path.join(repoRoot(), "examples", dir, "index.ts");

describe("RDS v3 examples through the engine harness", function () {
  this.timeout(180000);
  let emu: Emulator;
  let dir: string;
  beforeEach(async () => {
    emu = await startEmulator();
    emu.admin.rdsv3.seed({ id: MYSQL_ID, projectId: PROJECT });
    emu.admin.rdsv3.seed({ id: HUAWEI_ID, projectId: PROJECT, cloud: "huaweicloud" });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-rdsv3-examples-"));
  });
  afterEach(async () => {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const config = (extra: StackConfig): StackConfig => ({
    ...cloudConfig("opentelekomcloud"),
    ...cloudConfig("huaweicloud"),
    "dbssl:endpointOverride": emu.url,
    ...extra,
  });
  const stackOf = (file: string, cfg: StackConfig, projectDir?: string) =>
    new Stack({
      program: file,
      projectDir,
      stateFile: path.join(dir, "state.json"),
      passphrase: "examples-passphrase",
      config: cfg,
      hostEnv: { DBSSL_TEST_CLOCK_URL: emu.url },
    });
  const ok = (r: OperationResult) => {
    assert.ok(r.ok, `${r.operation}: ${r.errors.join("\n")}\n${r.hostLogs.join("\n")}`);
    return r;
  };
  const puts = () =>
    emu.admin.requests("SwitchSsl").map((r) => [r.params.instance_id, r.params.ssl_option]);

  for (const [example, id, extra] of [
    ["opentelekomcloud-rds", MYSQL_ID, { "opentelekomcloud-rds:instanceId": MYSQL_ID }],
    [
      "huaweicloud-rds",
      HUAWEI_ID,
      { "huaweicloud-rds:instanceId": HUAWEI_ID, "huaweicloud-rds:projectId": PROJECT },
    ],
  ] as const) {
    it(`${example}: preview sends nothing, up enables SSL once, refresh is clean, destroy leaves it on`, async () => {
      const stack = stackOf(program(example), config(extra));
      assert.strictEqual(stack.projectDir, path.dirname(program(example)));
      ok(await stack.preview());
      assert.deepStrictEqual(emu.admin.writeCounts(), {});
      ok(await stack.up());
      assert.strictEqual(emu.admin.rdsv3.get(id)!.enableSsl, true);
      const again = ok(await stack.up());
      assert.deepStrictEqual(
        again.steps.map((s) => s.op),
        ["same"],
      );
      assert.deepStrictEqual(
        ok(await stack.refresh()).steps.map((s) => s.op),
        ["same"],
      );
      const state = fs.readFileSync(path.join(dir, "state.json"), "utf8");
      assert.ok(!state.includes(EMULATOR_SECRET_KEY), "no secret in the state file");
      ok(await stack.destroy()); // onDelete defaults to "retain"
      assert.deepStrictEqual(puts(), [[id, "true"]]);
    });
  }

  it("fleet example with one instance of each RDS v3 cloud: up, drift, up, destroy (onDelete disable)", async () => {
    const entries = [
      { family: "opentelekomcloud.rds", instanceId: MYSQL_ID, onDelete: "disable" },
      { family: "huaweicloud.rds", instanceId: HUAWEI_ID, projectId: PROJECT, onDelete: "disable" },
    ];
    const fleet = path.join(repoRoot(), "examples", "fleet", "index.ts");
    const stack = stackOf(fleet, config({ "fleet:instances": JSON.stringify(entries) }));
    ok(await stack.up());
    assert.ok(emu.admin.rdsv3.list().every((i) => i.enableSsl));
    emu.admin.rdsv3.setSsl(HUAWEI_ID, false);
    const refresh = ok(await stack.refresh());
    assert.deepStrictEqual(
      refresh.steps.filter((s) => s.op === "refresh").map((s) => s.name),
      [`${HUAWEI_ID}-ssl`],
    );
    ok(await stack.up());
    assert.strictEqual(emu.admin.rdsv3.get(HUAWEI_ID)!.enableSsl, true);
    ok(await stack.destroy());
    assert.ok(emu.admin.rdsv3.list().every((i) => !i.enableSsl));
  });
});
