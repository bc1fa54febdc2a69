import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { URN, serializedRdsProvider } from "../fixtures/provider-harness";
import { hostScriptFrom, repoRoot, startDynamicHost } from "./host";

// The harness starts the dynamic-provider host as the CLI's `pulumi-resource-pulumi-nodejs`
// does: cwd = the project directory, the host script resolved from there, no NODE_PATH. So a
// project where `pulumi-dbssl` cannot be resolved fails here exactly as it would under the CLI.
describe("the dynamic-provider host, started as the Pulumi CLI starts it", function () {
  this.timeout(60000);
  let bare: string;

  before(() => {
    // A project with @pulumi/pulumi installed but not pulumi-dbssl.
    bare = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-bare-project-"));
    fs.mkdirSync(path.join(bare, "node_modules"));
    const pulumiScope = path.join(repoRoot(), "node_modules", "@pulumi");
    fs.symlinkSync(pulumiScope, path.join(bare, "node_modules", "@pulumi"), "dir");
  });
  after(() => fs.rmSync(bare, { recursive: true, force: true }));

  it("resolves the host script from the project directory", () => {
    const script = hostScriptFrom(path.join(repoRoot(), "examples", "alicloud-rds"));
    assert.strictEqual(
      fs.realpathSync(script),
      fs.realpathSync(require.resolve("@pulumi/pulumi/cmd/dynamic-provider")),
    );
  });

  it("a project without pulumi-dbssl fails like the CLI would (MODULE_NOT_FOUND)", async () => {
    // The old harness trick: NODE_PATH holding a `pulumi-dbssl` symlink. The host must ignore it.
    const trick = path.join(bare, "node-path");
    fs.mkdirSync(trick, { recursive: true });
    fs.symlinkSync(repoRoot(), path.join(trick, "pulumi-dbssl"), "dir");
    const saved = process.env.NODE_PATH;
    process.env.NODE_PATH = trick;
    const host = await startDynamicHost({ cwd: bare }).finally(() => {
      if (saved === undefined) delete process.env.NODE_PATH;
      else process.env.NODE_PATH = saved;
    });
    try {
      const provider = await serializedRdsProvider();
      const err = await host.check(URN, {}, { instanceId: "rm-1", __provider: provider }).then(
        () => assert.fail("check should fail"),
        (e: Error) => e,
      );
      assert.match(err.message, /Cannot find module 'pulumi-dbssl\/runtime'/);
    } finally {
      await host.stop();
    }
  });

  it("every example's folder resolves pulumi-dbssl/runtime to this checkout (after npm ci)", () => {
    const dirs = [
      repoRoot(),
      ...["alicloud-rds", "fleet"].map((e) => path.join(repoRoot(), "examples", e)),
    ];
    for (const dir of dirs) {
      const runtime = require.resolve("pulumi-dbssl/runtime", { paths: [dir] });
      assert.strictEqual(
        fs.realpathSync(runtime),
        path.join(repoRoot(), "dist", "provider", "runtime.js"),
        dir,
      );
    }
  });
});
