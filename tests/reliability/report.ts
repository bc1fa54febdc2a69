/**
 * `docs/RELIABILITY.md`, produced by the test run itself.
 *
 * Each reliability test records one row (scenario, fault or input, outcome, counts, pass/fail).
 * A root-level `after` hook (registered when the first reliability file loads) writes the table
 * once every section has reported, i.e. on a full `npm test` / `npx mocha`; a run of one file or
 * a `--grep` leaves the file alone, so a partial run can never shrink the table.
 *
 * Choice: the run REWRITES the file, and its content is deterministic (no timings, fast-check
 * runs with fixed seeds), so `git diff docs/RELIABILITY.md` after `npm test` shows exactly what
 * changed in behaviour, and the lead commits it with the change.
 */
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../engine/host";

export const SECTIONS = [
  "Fault matrix",
  "Crash and resume",
  "Fuzzed check",
  "Secret scanning",
  "Signatures and transport",
] as const;
export type Section = (typeof SECTIONS)[number];

export interface ReportRow {
  family: string;
  scenario: string;
  /** What was tried: the fault, crash point or input class. */
  tried: string;
  /** What happened, as a user would see it. */
  outcome: string;
  /** Counts, e.g. "writes 1 (received 2)" or "2000 inputs, 1412 failures, 0 throws". */
  counts: string;
  result?: "pass" | "FAIL" | "skipped (defect)";
}

const collected = new Map<Section, ReportRow[]>();

export function record(section: Section, row: ReportRow): ReportRow {
  const list = collected.get(section) ?? [];
  if (!list.includes(row)) list.push(row); // a retried test records its row once
  collected.set(section, list);
  writeRowsOfThisProcess();
  return row;
}

/**
 * `it` that records a row: the body fills `row.outcome`/`row.counts`; the result is pass when
 * the body returns, FAIL when it throws. `skip` records the row as a known defect.
 */
export function reportedIt(
  section: Section,
  base: Omit<ReportRow, "outcome" | "counts">,
  title: string,
  body: (row: ReportRow) => Promise<void>,
  opts: { skip?: string } = {},
): void {
  const row: ReportRow = { ...base, outcome: "", counts: "" };
  // DBSSL_RUN_DEFECTS=1 runs the known-defect scenarios too (they fail until the fix lands).
  if (opts.skip && !process.env.DBSSL_RUN_DEFECTS) {
    record(section, { ...row, outcome: opts.skip, result: "skipped (defect)" });
    it.skip(title, () => body(row));
    return;
  }
  it(title, async function (this: Mocha.Context) {
    record(section, row);
    const retry = (this.test as unknown as { currentRetry?: () => number })?.currentRetry?.() ?? 0;
    try {
      row.outcome = "";
      await body(row);
      row.result = "pass";
      // Said in the row, never hidden: see `this.retries` in fault-matrix.test.ts.
      if (retry > 0) row.counts += ` (passed on retry ${retry})`;
    } catch (e) {
      row.result = "FAIL";
      if (!row.outcome) row.outcome = firstLine(e);
      throw e;
    } finally {
      writeRowsOfThisProcess();
    }
  });
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0].slice(0, 160);
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderReport(rows: ReadonlyMap<Section, ReportRow[]> = collected): string {
  const out = [
    "# Reliability and security (issue 12)",
    "",
    "Written by the test run (`tests/reliability/report.ts`): do not edit by hand. Each row is",
    "one test; `result` is what that run saw. Regenerate with `npm test`.",
    "",
  ];
  for (const section of SECTIONS) {
    const list = rows.get(section) ?? [];
    const tally = (r: ReportRow["result"]) => list.filter((x) => x.result === r).length;
    out.push(`## ${section}`, "");
    out.push(
      `${list.length} scenarios: ${tally("pass")} pass, ${tally("FAIL")} fail, ` +
        `${tally("skipped (defect)")} skipped as known defects.`,
      "",
      "| family | scenario | tried | outcome | counts | result |",
      "|---|---|---|---|---|---|",
    );
    for (const r of list) {
      const cells = [r.family, r.scenario, r.tried, r.outcome, r.counts, r.result ?? "not run"];
      out.push(`| ${cells.map(cell).join(" | ")} |`);
    }
    out.push("");
  }
  return out.join("\n");
}

export const REPORT_FILE = path.join(repoRoot(), "docs", "RELIABILITY.md");

/**
 * The suites run in parallel worker processes (`.mocharc.json`), so each process leaves its rows
 * in ROWS_DIR after its files, and `write-report.ts` (run by `npm test` after mocha) merges them
 * and rewrites docs/RELIABILITY.md when every section reported.
 */
export const ROWS_DIR = path.join(repoRoot(), "dist", "reliability-rows");

/** This process's rows file: rewritten whole after every row, so the last write has them all. */
const ROWS_FILE = `${process.pid}-${Math.random().toString(36).slice(2)}.json`;

// A mocha worker process runs many files but loads this module once, so a root `after` here
// would run for the first file only: the rows are written as they change, and at exit.
process.on("exit", writeRowsOfThisProcess);

function writeRowsOfThisProcess(): void {
  if (collected.size === 0) return;
  fs.mkdirSync(ROWS_DIR, { recursive: true });
  fs.writeFileSync(path.join(ROWS_DIR, ROWS_FILE), JSON.stringify([...collected.entries()]));
}
