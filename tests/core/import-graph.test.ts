/**
 * provider/ imports no module back from a module it imports, directly or through others (issue 19:
 * apply-change.ts and change-waits.ts used to import each other). Every relative import counts,
 * `import type` too: a file is read alone only if what it names does not lead back to it.
 *
 * The graph is read with a regex over the sources rather than a library: madge and dpdm resolve
 * through a TypeScript config and bring their own parsers for this one question, and every import
 * of provider/ is a plain `from "./x"` that Prettier writes on one line.
 */
import * as assert from "assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../engine/host";

const ROOT = path.join(repoRoot(), "provider");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const found = [...text.matchAll(/\bfrom\s+"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1]);
  return found.map((spec) => {
    const base = path.resolve(path.dirname(file), spec);
    return fs.existsSync(`${base}.ts`) ? `${base}.ts` : path.join(base, "index.ts");
  });
}

/** The first cycle found, as the files around it; undefined when there is none. */
export function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === "done") return undefined;
    if (state.get(node) === "open") return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("provider/: no import cycle", () => {
  it("the cycle finder finds a two-file cycle (the one issue 19 removed)", () => {
    const graph = new Map([
      ["apply-change.ts", ["change-waits.ts", "driver.ts"]],
      ["change-waits.ts", ["apply-change.ts"]],
      ["driver.ts", []],
    ]);
    assert.deepStrictEqual(findCycle(graph), [
      "apply-change.ts",
      "change-waits.ts",
      "apply-change.ts",
    ]);
  });

  it("no module of provider/ leads back to itself through its imports", () => {
    const files = sources(ROOT);
    assert.ok(files.some((f) => f.endsWith(path.join("core", "lifecycle", "apply-change.ts"))));
    const graph = new Map(files.map((f) => [f, importsOf(f)]));
    const cycle = findCycle(graph);
    assert.strictEqual(
      cycle?.map((f) => path.relative(ROOT, f)).join(" -> "),
      undefined,
      "an import cycle",
    );
  });

  it("the core's rooms import one way: cloud/ and validation/ never reach into lifecycle/", () => {
    const core = path.join(ROOT, "core");
    const lifecycle = path.join(core, "lifecycle") + path.sep;
    const upward = ["cloud", "validation"].flatMap((room) =>
      sources(path.join(core, room)).flatMap((f) =>
        importsOf(f)
          .filter((target) => target.startsWith(lifecycle))
          .map((target) => `${path.relative(core, f)} -> ${path.relative(core, target)}`),
      ),
    );
    assert.deepStrictEqual(upward, []);
  });
});
