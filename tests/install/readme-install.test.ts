/**
 * The README's tarball install works as written: the tarball name it gives is the one `npm pack`
 * writes, and its `npm install` line, run verbatim in a fresh program beside a `pulumi-dbssl`
 * folder holding that tarball, leaves a program that loads the package, its policy module, and
 * its runtime from where the Pulumi CLI starts the dynamic-provider host. The clone and `npm ci`
 * steps of the same block, and the git block, run in `tests/install/readme-install.sh` (CI:
 * `.ci/run`), which takes minutes. About 25 s with a warm npm cache (npm ci leaves one).
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../engine/host";

const ROOT = repoRoot();

/** The sh block after `<!-- install:NAME -->`, by the script CI uses. */
function readmeBlock(name: string): string[] {
  const out = execFileSync("bash", [path.join(ROOT, "tests/install/readme-blocks.sh"), name], {
    encoding: "utf8",
  });
  return out.split("\n").filter((line) => line.trim() !== "");
}

function packedTarball(destination: string): string {
  const out = execFileSync(
    "npm",
    ["pack", "--ignore-scripts", "--json", "--pack-destination", destination],
    { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
  );
  return JSON.parse(out)[0].filename as string;
}

const LOAD_CHECK = `
  const { createRequire } = require("module");
  const dbssl = require("pulumi-dbssl");
  require("pulumi-dbssl/policy");
  const families = [];
  for (const [cloud, modules] of Object.entries(dbssl)) {
    for (const [name, mod] of Object.entries(modules ?? {})) {
      if (typeof mod?.DbSslConfig === "function") families.push(cloud + "." + name);
    }
  }
  const host = require.resolve("@pulumi/pulumi/cmd/dynamic-provider");
  console.log(JSON.stringify({
    families: families.sort(),
    runtime: createRequire(host).resolve("pulumi-dbssl/runtime"),
  }));`;

describe("README install: the tarball route as written", function () {
  this.timeout(180_000);
  let work: string;
  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-readme-install-"));
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it("installs the tarball npm pack writes into a fresh program, which loads the package", () => {
    const block = readmeBlock("tarball");
    assert.deepStrictEqual(
      block.slice(0, 3).map((l) => l.split("#")[0].trim()),
      ["cd pulumi-dbssl", "npm ci && npm pack", "cd ../my-program"],
    );
    const install = block[3];
    fs.mkdirSync(path.join(work, "pulumi-dbssl"));
    const tarball = packedTarball(path.join(work, "pulumi-dbssl"));
    assert.ok(install.includes(`../pulumi-dbssl/${tarball} `), `${install} names ${tarball}`);
    assert.ok(block[1].includes(`writes ${tarball}`), block[1]);

    const program = path.join(work, "my-program");
    fs.mkdirSync(program);
    execFileSync("npm", ["init", "-y"], { cwd: program, stdio: "ignore" });
    execFileSync("bash", ["-euo", "pipefail", "-c", install], {
      cwd: program,
      env: { ...process.env, npm_config_prefer_offline: "true", npm_config_audit: "false" },
      stdio: "ignore",
    });
    const loaded = JSON.parse(
      execFileSync(process.execPath, ["-e", LOAD_CHECK], { cwd: program, encoding: "utf8" }),
    );
    assert.deepStrictEqual(loaded, {
      families: [
        "alicloud.mongodb",
        "alicloud.rds",
        "alicloud.redis",
        "huaweicloud.rds",
        "opentelekomcloud.rds",
        "tencentcloud.postgres",
      ],
      runtime: path.join(
        fs.realpathSync(program),
        "node_modules/pulumi-dbssl/dist/provider/runtime.js",
      ),
    });
  });
});
