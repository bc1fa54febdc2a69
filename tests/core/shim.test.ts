import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "../../..");

/** Installs the built package as users have it (a real copy under node_modules) and serializes the shim there. */
function serializeFromInstalledCopy(mutate?: (pkgDir: string) => void): string {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-shim-"));
  const pkgDir = path.join(project, "node_modules", "pulumi-dbssl");
  fs.mkdirSync(pkgDir, { recursive: true });
  fs.copyFileSync(path.join(ROOT, "package.json"), path.join(pkgDir, "package.json"));
  fs.cpSync(path.join(ROOT, "dist", "provider"), path.join(pkgDir, "dist", "provider"), {
    recursive: true,
  });
  mutate?.(pkgDir);
  const script = `
    const pulumi = require("@pulumi/pulumi");
    const shim = require("pulumi-dbssl").alicloud && require("pulumi-dbssl/dist/provider/shims/alicloud-rds.js");
    pulumi.runtime.serializeFunction(() => shim, { allowSecrets: true }).then((sf) => process.stdout.write(JSON.stringify(sf)));`;
  const out = execFileSync(process.execPath, ["-e", script], {
    cwd: project,
    env: { ...process.env, NODE_PATH: path.join(ROOT, "node_modules") },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  fs.rmSync(project, { recursive: true, force: true });
  const sf = JSON.parse(out);
  assert.strictEqual(sf.containsSecrets, false);
  return sf.text;
}

describe("core/shim: the serialized __provider", function () {
  this.timeout(60_000);

  it("is one require() line under 1.5 KB when the package is installed", () => {
    const text = serializeFromInstalledCopy();
    assert.ok(text.length < 1536, `__provider is ${text.length} characters`);
    assert.match(text, /require\("pulumi-dbssl\/dist\/provider\/shims\/alicloud-rds\.js"\)/);
  });

  it("does not change when the package's code changes", () => {
    const before = serializeFromInstalledCopy();
    const after = serializeFromInstalledCopy((dir) => {
      const runtime = path.join(dir, "dist", "provider", "runtime.js");
      fs.appendFileSync(runtime, "\n// a new release\nexports.extra = 1;\n");
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
      fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ ...pkg, version: "9.9.9" }),
      );
    });
    assert.strictEqual(after, before);
  });
});
