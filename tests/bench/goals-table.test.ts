/**
 * The goals table in docs/BENCHMARKS.md is generated from bench/results.json (issue 18,
 * tests/bench/goals-doc.ts): the table in the doc must be exactly what the results give, so the
 * two cannot drift; a figure the results lack reads "not measured", never a number.
 */
import * as assert from "assert";
import * as fs from "fs";
import { BENCHMARKS_DOC, RESULTS_FILE, goalsTableOf, tableInDoc, withTable } from "./goals-doc";

describe("bench: the goals table of docs/BENCHMARKS.md", () => {
  it("is the table bench/results.json gives (regenerate: npm run bench:goals)", () => {
    const results = JSON.parse(fs.readFileSync(RESULTS_FILE, "utf8"));
    const doc = fs.readFileSync(BENCHMARKS_DOC, "utf8");
    assert.strictEqual(tableInDoc(doc), goalsTableOf(results));
  });

  it("says 'not measured' for a figure the results lack, and labels the in-window overhead", () => {
    const table = goalsTableOf({
      families: ["alicloud.rds"],
      convergence: {
        overheadPct: { median: 3.5, worst: 7 },
        offPrior: { byFamily: { "alicloud.rds": { overheadPct: { median: 4.2 } } } },
      },
      fleet: { at2000: { wallOverBound: 1.4 } },
    });
    const row = (figure: string) => table.split("\n").find((l) => l.startsWith(`| \`${figure}\``));
    assert.strictEqual(
      row("convergence.overheadPct.median"),
      "| `convergence.overheadPct.median` (in the prior's window) | 3.5 | <= 5 | met |",
    );
    assert.strictEqual(
      row("convergence.offPrior.byFamily.alicloud.rds.overheadPct.median"),
      "| `convergence.offPrior.byFamily.alicloud.rds.overheadPct.median` | 4.2 | <= 5 | met |",
    );
    assert.strictEqual(
      row("convergence.offPrior.byFamily.alicloud.rds.overheadPct.worst"),
      "| `convergence.offPrior.byFamily.alicloud.rds.overheadPct.worst` | not measured | <= 10 | not measured |",
    );
    assert.strictEqual(
      row("fleet.at2000.wallOverBound"),
      "| `fleet.at2000.wallOverBound` | 1.4 | <= 1.3 | **missed** |",
    );
    assert.strictEqual(
      row("fleet.at500.wallOverBound"),
      "| `fleet.at500.wallOverBound` | not measured | <= 1.3 | not measured |",
    );
  });

  it("replaces only the text between the markers", () => {
    const doc = "before\n<!-- bench:goals:start -->\nold\n<!-- bench:goals:end -->\nafter\n";
    assert.strictEqual(
      withTable(doc, "new"),
      "before\n<!-- bench:goals:start -->\nnew\n<!-- bench:goals:end -->\nafter\n",
    );
  });
});
