/**
 * docs/CI.md's recipes, run as written by the real Pulumi CLI: the GitLab jobs' `script` lines
 * (the GitHub workflow runs the same commands; the test checks that) in a folder laid out like a
 * user's infrastructure repository (Pulumi.yaml, node_modules, `policy/`, `drift-summary.js` taken
 * from the doc). The only addition is a shell function `pulumi` that appends what points the CLI
 * at the inline program (tests/cli/cli.ts says why there is no language host here).
 */
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type Emulator } from "../emulator";
import { DRIFTED_INSTANCE, driftOutOfBand, fleetConfig, seedFleet } from "../engine/demo-fleet";
import { repoRoot } from "../engine/host";
import { cliOrSkip } from "./cli";
import { CliStack } from "./cli-stack";
import { withInlineProgram } from "./inline-server";

const DOC = fs.readFileSync(path.join(repoRoot(), "docs", "CI.md"), "utf8");

/** The `script:` lines of one job of the GitLab recipe. */
function gitlabScript(job: string): string[] {
  const yaml = DOC.split("## GitLab CI")[1].split("```yaml")[1].split("```")[0];
  const section = yaml.split(new RegExp(`^${job}:$`, "m"))[1].split(/^\S/m)[0];
  const script = section.split(/^ {2}script:$/m)[1];
  return [...script.matchAll(/^ {4}- (.*)$/gm)].map((m) => m[1]);
}

function infraRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-infra-"));
  for (const file of ["Pulumi.yaml", "index.ts"]) {
    fs.copyFileSync(path.join(repoRoot(), "examples", "fleet", file), path.join(dir, file));
  }
  fs.symlinkSync(path.join(repoRoot(), "node_modules"), path.join(dir, "node_modules"));
  fs.symlinkSync(path.join(repoRoot(), "examples", "policy"), path.join(dir, "policy"));
  const summary = DOC.split("## `drift-summary.js`")[1].split("```js")[1].split("```")[0];
  fs.writeFileSync(path.join(dir, "drift-summary.js"), summary);
  return dir;
}

describe("docs/CI.md recipes through the real Pulumi CLI", function () {
  this.timeout(240_000);
  let emu: Emulator;
  let stack: CliStack | undefined;
  let dir: string;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
    await emu?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const runJob = (lines: string[]) =>
    withInlineProgram(stack!.inlineProgram, (clientArgs) => {
      const shim = `pulumi() { command pulumi "$@" ${clientArgs.join(" ")}; }`;
      const script = ["set -e", shim, ...lines].join("\n");
      return new Promise<{ code: number; out: string }>((resolve) => {
        const child = spawn("bash", ["-c", script], {
          cwd: dir,
          env: { ...process.env, ...stack!.env, STACK: stack!.name },
        });
        let out = "";
        child.stdout.on("data", (c: Buffer) => (out += c.toString()));
        child.stderr.on("data", (c: Buffer) => (out += c.toString()));
        child.on("close", (code) => resolve({ code: code ?? 1, out }));
      });
    });

  it("the GitHub workflow runs the same pulumi commands as the GitLab jobs", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-infra-"));
    const github = DOC.split("## GitHub Actions")[1]
      .split("## GitLab CI")[0]
      .replace(/\\\n\s*/g, "");
    for (const line of [...gitlabScript("preview"), ...gitlabScript("drift")]) {
      const command = /^(pulumi [^>;]*?)\s*(>|;|$)/.exec(line)?.[1];
      if (command) assert.ok(github.includes(command), `GitHub runs: ${command}`);
    }
  });

  it("preview job passes on a converged stack; drift job fails on a console change, naming it, and passes after up --refresh", async function () {
    const cli = cliOrSkip(this);
    emu = await startEmulator();
    seedFleet(emu);
    dir = infraRepo();
    stack = await CliStack.open({
      cli,
      project: dir,
      program: path.join(repoRoot(), "dist", "examples", "fleet", "index.js"),
      config: fleetConfig(emu) as never,
      virtualClockUrl: emu.url,
    });
    const up = await stack.up();
    assert.ok(up.ok, up.error);

    const preview = await runJob(gitlabScript("preview").filter((l) => l.startsWith("pulumi")));
    assert.strictEqual(preview.code, 0, preview.out);
    assert.match(preview.out, /Policy Packs run:\n.*\n\s+pulumi-dbssl\|local\|policy\s+0\.1\.0/);
    assert.doesNotMatch(preview.out, /\[mandatory\]/);

    const clean = await runJob(gitlabScript("drift"));
    assert.strictEqual(clean.code, 0, clean.out);
    assert.match(fs.readFileSync(path.join(dir, "drift.md"), "utf8"), /^## No drift/);

    driftOutOfBand(emu);
    const drift = await runJob(gitlabScript("drift"));
    assert.notStrictEqual(drift.code, 0, drift.out);
    assert.ok(
      fs
        .readFileSync(path.join(dir, "drift.md"), "utf8")
        .includes(
          `| ${DRIFTED_INSTANCE}-ssl | ${DRIFTED_INSTANCE} | sslEnabled: false (declared true) | update |`,
        ),
      fs.readFileSync(path.join(dir, "drift.md"), "utf8"),
    );
    assert.deepStrictEqual(emu.admin.writeCounts(), { ModifyDBInstanceSSL: 4 });

    const fix = /`(pulumi up [^`]*)`/.exec(DOC.split("Fix it with")[1])![1];
    const fixed = await runJob([`${fix} --stack "$STACK" --non-interactive`]);
    assert.strictEqual(fixed.code, 0, fixed.out);
    const after = await runJob(gitlabScript("drift"));
    assert.strictEqual(after.code, 0, after.out);
  });
});
