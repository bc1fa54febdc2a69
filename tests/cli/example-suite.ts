/**
 * Every example under examples/ through the real Pulumi CLI, as a platform team runs it:
 * preview (no write), up, a change made in the console, `refresh --preview-only
 * --expect-no-changes` (the drift check of a CI job: must fail, naming the resource, and leave the
 * state alone), `up --refresh` (puts it back with one write), `stack export` (no secret in plain
 * text) and destroy. The provider host runs on the emulator's virtual clock. Two test files share
 * the examples, so mocha's two workers run them side by side.
 */
import * as assert from "assert";
import { EMULATOR_SECRET_KEY, startEmulator, type Emulator } from "../emulator";
import { cliOrSkip } from "./cli";
import { CliRun, CliStack } from "./cli-stack";
import { closeTestStack } from "./fixture";
import type { ExampleCase } from "./example-cases";

export function ok(r: CliRun, what: string): CliRun {
  assert.ok(r.ok, `${what} failed:\n${r.error}\n${r.diagnostics.join("\n")}`);
  return r;
}

/** At `dbssl:logLevel` debug the CLI shows one line per cloud call: each write's request id is there. */
function assertWritesShown(up: CliRun, emu: Emulator): void {
  const shown = up.diagnostics.join("\n");
  const writes = emu.admin.log().filter((e) => e.write);
  assert.ok(writes.length > 0);
  for (const write of writes) {
    const line = `: ${write.action} ok (HTTP 200, request ${write.requestId}, `;
    assert.ok(
      up.diagnostics.some((d) => d.includes("[dbssl] debug: ") && d.includes(line)),
      `a debug line for ${write.action} ${write.requestId} in:\n${shown}`,
    );
  }
}

/** One `it` per example: the whole scenario of this file's comment. */
export function describeExamples(title: string, examples: ExampleCase[]): void {
  describe(title, function () {
    this.timeout(240_000);
    let emu: Emulator;
    let stack: CliStack | undefined;
    afterEach(() => closeTestStack(stack, emu));

    for (const example of examples) {
      it(`${example.project}: preview, up, console change, drift check fails, up --refresh, export, destroy`, async function () {
        const cli = cliOrSkip(this);
        emu = await startEmulator();
        example.seed(emu);
        const config = example.config(emu);
        stack = await CliStack.open({
          cli,
          project: example.project,
          config,
          virtualClockUrl: emu.url,
        });

        const preview = ok(await stack.preview(), "preview");
        assert.ok(preview.steps.length > 0 && preview.steps.every((s) => s.op === "create"));
        assert.deepStrictEqual(emu.admin.writeCounts(), {}, "preview sends no write");

        const up = ok(await stack.up(), "up");
        assert.ok(up.steps.every((s) => s.op === "create" && !s.failed));
        assert.ok(example.sslOn(emu).every(Boolean), "up turned SSL on");
        if (config["dbssl:logLevel"] === "debug") assertWritesShown(up, emu);
        const writes = emu.admin.writeCounts();

        example.driftOutOfBand(emu);
        const check = await stack.refresh({ previewOnly: true, expectNoChanges: true });
        assert.ok(!check.ok, "refresh --preview-only --expect-no-changes fails on drift");
        assert.match(check.error, /no changes were expected for refresh but changes were proposed/);
        const drifted = check.steps.filter((s) => s.op !== "same" && s.op !== "read");
        assert.deepStrictEqual(
          drifted.map((s) => s.name),
          [example.drifted],
          JSON.stringify(check.steps),
        );
        assert.ok(drifted[0].diffs.includes("sslEnabled"), JSON.stringify(drifted[0]));
        assert.deepStrictEqual(emu.admin.writeCounts(), writes, "the drift check writes nothing");

        const fix = ok(await stack.up({ refresh: true }), "up --refresh");
        assert.deepStrictEqual(
          fix.steps.filter((s) => s.op === "update").map((s) => s.name),
          [example.drifted],
        );
        assert.ok(example.sslOn(emu).every(Boolean), "up --refresh put SSL back");
        ok(await stack.refresh({ previewOnly: true, expectNoChanges: true }), "drift check");

        const state = await stack.exportState();
        assert.ok(!state.text.includes(EMULATOR_SECRET_KEY), "no access key secret in the state");
        assert.ok(!state.text.includes("-----BEGIN"), "no PEM in plain text in the state");
        assert.ok(state.resources.some((r) => String(r.type).startsWith("pulumi-nodejs:dynamic")));

        ok(await stack.destroy(), "destroy");
        const after = await stack.exportState();
        assert.ok(!after.resources.some((r) => String(r.type).startsWith("pulumi-nodejs:dynamic")));
      });
    }
  });
}
