import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { IncorrectPassphraseError } from "./passphrase";
import { OperationResult, Stack } from "./stack";
import { isSecret } from "./wire";
// Type only: importing the program itself would run it.
import type { ToyItem } from "./fixtures/toy-program";

// The harness's step decisions against the engine's rules, with a throw-away provider
// (fixtures/toy-program.ts) whose "cloud" is a JSON file that records every call.
const PROGRAM = path.join(__dirname, "fixtures", `toy-program${path.extname(__filename)}`);

describe("engine/stack: the step generator follows the engine's rules", function () {
  this.timeout(120000);
  let dir: string;
  let backend: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-stack-"));
    backend = path.join(dir, "backend.json");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const stack = (items: ToyItem[], passphrase = "correct horse") =>
    new Stack({
      program: PROGRAM,
      project: "toy",
      stateFile: path.join(dir, "state.json"),
      passphrase,
      hostEnv: { TOY_BACKEND: backend },
      config: { "toy:items": JSON.stringify(items), "toy:secretSize": { secret: "s3cr3t-size" } },
    });
  const calls = (): string[] =>
    fs.existsSync(backend) ? JSON.parse(fs.readFileSync(backend, "utf8")).__calls : [];
  const ops = (r: OperationResult) => Object.fromEntries(r.steps.map((s) => [s.name, s.op]));
  const ok = (r: OperationResult) => {
    assert.ok(
      r.ok,
      `${r.errors.join("\n")}\n${r.programLogs.join("\n")}\n${r.hostLogs.join("\n")}`,
    );
    return r;
  };

  it("no state: create; no diff: same, with no provider write", async () => {
    const items = [{ name: "a", size: "1" }];
    assert.deepStrictEqual(ops(ok(await stack(items).up())), { a: "create" });
    assert.deepStrictEqual(ops(ok(await stack(items).up())), { a: "same" });
    assert.deepStrictEqual(calls(), ["create a"]);
  });

  it("preview plans with unknowns for outputs not known yet, and writes nothing", async () => {
    const r = ok(
      await stack([
        { name: "a", size: "1" },
        { name: "b", size: "2", dependsOnPrevious: true },
      ]).preview(),
    );
    assert.deepStrictEqual(ops(r), { a: "create", b: "create" });
    assert.ok(r.steps.every((s) => s.status === "planned"));
    assert.deepStrictEqual(calls(), []);
    assert.ok(!fs.existsSync(path.join(dir, "state.json")));
  });

  it("a changed property: update; a replacing property: create-before-delete replace", async () => {
    ok(await stack([{ name: "a", size: "1" }]).up());
    assert.deepStrictEqual(ops(ok(await stack([{ name: "a", size: "2" }]).up())), { a: "update" });
    const r = ok(await stack([{ name: "a", size: "2", zone: "z2" }]).up());
    assert.deepStrictEqual(
      r.steps.map((s) => s.op),
      ["replace", "delete"],
    );
    assert.deepStrictEqual(calls(), ["create a", "update a", "create a", "delete a-1"]);
    const [res] = await stack([]).resources();
    assert.strictEqual(res.id, "a-3");
  });

  it("deleteBeforeReplace deletes first", async () => {
    ok(await stack([{ name: "a", size: "1", deleteBeforeReplace: true }]).up());
    ok(await stack([{ name: "a", size: "1", zone: "z2", deleteBeforeReplace: true }]).up());
    assert.deepStrictEqual(calls(), ["create a", "delete a-1", "create a"]);
  });

  it("a resource removed from the program is deleted, dependents first on destroy", async () => {
    ok(
      await stack([
        { name: "a", size: "1" },
        { name: "b", size: "2", dependsOnPrevious: true },
      ]).up(),
    );
    assert.deepStrictEqual(ops(ok(await stack([{ name: "a", size: "1" }]).up())), {
      a: "same",
      b: "delete",
    });
    ok(
      await stack([
        { name: "a", size: "1" },
        { name: "b", size: "2", dependsOnPrevious: true },
      ]).up(),
    );
    ok(await stack([]).destroy());
    assert.deepStrictEqual(calls().slice(-2), ["delete b-4", "delete a-1"]);
    assert.deepStrictEqual(await stack([]).resources(), []);
  });

  it("protect refuses delete and replace; the resource stays", async () => {
    ok(await stack([{ name: "a", size: "1", protect: true }]).up());
    const removed = await stack([]).up();
    assert.ok(!removed.ok);
    assert.match(
      removed.errors[0],
      /unable to delete resource .*\nas it is currently marked for protection/,
    );
    const replaced = await stack([{ name: "a", size: "1", zone: "z2", protect: true }]).up();
    assert.match(replaced.errors.join("\n"), /unable to replace resource/);
    assert.ok(!(await stack([]).destroy()).ok);
    assert.deepStrictEqual(calls(), ["create a"]);
    assert.strictEqual((await stack([]).resources()).length, 1);
  });

  it("retainOnDelete removes from state without calling Delete", async () => {
    ok(await stack([{ name: "a", size: "1", retainOnDelete: true }]).up());
    ok(await stack([]).destroy());
    assert.deepStrictEqual(calls(), ["create a"]);
  });

  it("a partial failure keeps the resource with its id and init errors", async () => {
    const r = await stack([{ name: "a", size: "half" }]).up();
    assert.ok(!r.ok);
    const [res] = await stack([]).resources();
    assert.strictEqual(res.id, "a-1");
    assert.deepStrictEqual(res.initErrors, ["half"]);
  });

  it("refresh reads drift and keeps the inputs Read returns; the next preview plans an update", async () => {
    const items = [{ name: "a", size: "1" }];
    ok(await stack(items).up());
    const db = JSON.parse(fs.readFileSync(backend, "utf8"));
    db["a-1"].size = "9";
    fs.writeFileSync(backend, JSON.stringify(db));
    const r = ok(await stack(items).refresh());
    assert.deepStrictEqual(
      r.steps.map((s) => [s.op, s.diffKeys]),
      [["refresh", ["size"]]],
    );
    const [res] = await stack(items).resources();
    assert.strictEqual(res.inputs.size, "9");
    const p = ok(await stack(items).preview());
    assert.deepStrictEqual(
      p.steps.map((s) => [s.op, s.diffKeys]),
      [["update", ["size"]]],
    );
  });

  it("the state file holds secrets encrypted; a wrong passphrase cannot open it", async () => {
    ok(await stack([{ name: "a", size: "1", secretSize: true }]).up());
    const text = fs.readFileSync(path.join(dir, "state.json"), "utf8");
    assert.ok(!text.includes("s3cr3t-size"));
    assert.ok(!text.includes("token-of-a"), "additionalSecretOutputs are encrypted");
    assert.match(text, /"ciphertext": "v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+"/);
    const [res] = await stack([]).resources();
    assert.ok(
      isSecret(res.inputs.size) && isSecret(res.outputs.size),
      "a secret input makes the output secret",
    );
    assert.ok(isSecret(res.outputs.token));
    await assert.rejects(stack([], "wrong").resources(), IncorrectPassphraseError);
  });
});
