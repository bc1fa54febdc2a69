import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  SDK_VERSION_RANGES,
  installLine,
  packageOf,
  sdkCheckFailures,
} from "../../provider/core/cloud/sdk";
import {
  URN,
  serializedProvider,
  serializedRdsProvider,
  urnOf,
} from "../fixtures/provider-harness";
import { repoRoot, startDynamicHost, type DynamicHost } from "./host";

const ROOT = repoRoot();
const SDKS = /^(@alicloud|@darabonba|tencentcloud-sdk-nodejs)$/;
const RDS_SDKS = ["@alicloud/rds20140815", "@alicloud/openapi-core", "@alicloud/credentials"];

/** The files `npm pack` would ship (no scripts run: the tree is already built). */
function packedFiles(): string[] {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  return (JSON.parse(out)[0].files as { path: string }[]).map((f) => f.path);
}

/**
 * A consumer project as `npm install pulumi-dbssl` leaves it without any cloud SDK: the packed
 * files under node_modules/pulumi-dbssl, and every other package this repository has (linked),
 * except the optional peers.
 */
function consumerWithoutSdks(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-consumer-"));
  const modules = path.join(dir, "node_modules");
  for (const file of packedFiles()) {
    fs.mkdirSync(path.dirname(path.join(modules, "pulumi-dbssl", file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(modules, "pulumi-dbssl", file));
  }
  for (const name of fs.readdirSync(path.join(ROOT, "node_modules"))) {
    if (SDKS.test(name) || name.startsWith("pulumi-dbssl") || name.startsWith(".")) continue;
    fs.symlinkSync(path.join(ROOT, "node_modules", name), path.join(modules, name), "dir");
  }
  return dir;
}

describe("lean install: cloud SDKs are optional peer dependencies", function () {
  this.timeout(60000);
  let consumer: string;
  let host: DynamicHost;

  before(async () => {
    consumer = consumerWithoutSdks();
    host = await startDynamicHost({ cwd: consumer });
    await host.configure({ "alicloud:region": "cn-hangzhou" }); // no credentials: a PR preview
  });
  after(async () => {
    await host?.stop();
    fs.rmSync(consumer, { recursive: true, force: true });
  });

  it("check fails with the exact npm install line when the family's SDK is missing", async () => {
    const provider = await serializedRdsProvider();
    const checked = await host.check(URN, {}, { instanceId: "rm-1", __provider: provider });
    const line =
      "npm install @alicloud/rds20140815@^15.4.0 @alicloud/openapi-core@^1.0.8 @alicloud/credentials@^2.4.7";
    assert.deepStrictEqual(checked.failures, [
      {
        property: "",
        reason:
          "alicloud.rds needs @alicloud/rds20140815, @alicloud/openapi-core, @alicloud/credentials, " +
          "not installed in this project (each cloud's SDK is an optional peer dependency of " +
          `pulumi-dbssl). Run: ${line}`,
      },
    ]);
  });

  it("create without the SDK names the package and the install line", async () => {
    const provider = await serializedRdsProvider();
    const err = await host.create(URN, { instanceId: "rm-1", __provider: provider }).then(
      () => assert.fail("create should fail"),
      (e: Error) => e,
    );
    assert.match(
      err.message,
      /pulumi-dbssl: alicloud\.rds needs @alicloud\/rds20140815, not installed .* Run: npm install @alicloud\/rds20140815@\^15\.4\.0/,
    );
  });

  it("a family loading one client deep inside its SDK names the package, not the path", async () => {
    const family = "tencentcloud.postgres";
    const provider = await serializedProvider(family);
    const inputs = { instanceId: "postgres-abcd1234", sslEnabled: false, __provider: provider };
    const err = await host.create(urnOf(family), inputs).then(
      () => assert.fail("create should fail"),
      (e: Error) => e,
    );
    assert.match(
      err.message,
      /tencentcloud\.postgres needs tencentcloud-sdk-nodejs, not installed .* Run: npm install tencentcloud-sdk-nodejs@\^4\.1\.313$/,
    );
    assert.strictEqual(
      packageOf("tencentcloud-sdk-nodejs/tencentcloud/common/credential"),
      "tencentcloud-sdk-nodejs",
    );
    assert.strictEqual(packageOf("@alicloud/openapi-core/dist/utils"), "@alicloud/openapi-core");
  });

  it("with the SDKs installed (this repository), check has no such failure", () => {
    assert.deepStrictEqual(sdkCheckFailures("alicloud.rds", RDS_SDKS), []);
    const absent = sdkCheckFailures("alicloud.rds", RDS_SDKS, (name) => {
      throw Object.assign(new Error(`Cannot find module '${name}'`), { code: "MODULE_NOT_FOUND" });
    });
    assert.match(absent[0].reason, new RegExp(installLine(RDS_SDKS).replace(/[\^.]/g, "\\$&")));
  });

  it("package.json declares each SDK as an optional peer at the ranges the message names", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    for (const [name, range] of Object.entries(SDK_VERSION_RANGES)) {
      assert.strictEqual(pkg.peerDependencies[name], range, name);
      assert.deepStrictEqual(pkg.peerDependenciesMeta[name], { optional: true }, name);
      assert.ok(pkg.devDependencies[name], `${name} stays a devDependency (tests use it)`);
      assert.strictEqual(pkg.dependencies[name], undefined, `${name} is not a dependency`);
    }
  });

  it("npm pack ships dist/provider with the shims and runtime, a LICENSE, and no tests", () => {
    const files = packedFiles();
    for (const needed of [
      "LICENSE",
      "package.json",
      "dist/provider/index.js",
      "dist/provider/index.d.ts",
      "dist/provider/runtime.js",
      "dist/provider/core/cloud/sdk.js",
      "dist/provider/shims/alicloud-rds.js",
    ]) {
      assert.ok(files.includes(needed), `${needed} is packed`);
    }
    assert.deepStrictEqual(
      files.filter((f) => /^dist\/(tests|examples)\//.test(f)),
      [],
      "no tests or examples in the package",
    );
  });
});
