/**
 * The goals table of docs/BENCHMARKS.md, generated from bench/results.json alone (issue 18): the
 * bench writes it after each run, `npm run bench:goals` rewrites it from the results as they are,
 * and tests/bench/goals-table.test.ts fails when the two differ, so they cannot drift.
 */
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../engine/host";
import { checkGoals, goalsTable } from "./goals";

export const GOALS_START = "<!-- bench:goals:start -->";
export const GOALS_END = "<!-- bench:goals:end -->";

export const RESULTS_FILE = path.join(repoRoot(), "bench", "results.json");
export const BENCHMARKS_DOC = path.join(repoRoot(), "docs", "BENCHMARKS.md");

/** The table for these figures (results.json's content). */
export function goalsTableOf(figures: Record<string, unknown>): string {
  return goalsTable(checkGoals(figures));
}

/** The text between the markers of `doc`, trimmed; undefined without both markers. */
export function tableInDoc(doc: string): string | undefined {
  const from = doc.indexOf(GOALS_START);
  const to = doc.indexOf(GOALS_END);
  if (from < 0 || to < from) return undefined;
  return doc.slice(from + GOALS_START.length, to).trim();
}

/** `doc` with the text between the markers replaced by `table`. */
export function withTable(doc: string, table: string): string {
  const from = doc.indexOf(GOALS_START);
  const to = doc.indexOf(GOALS_END);
  if (from < 0 || to < from) throw new Error(`${BENCHMARKS_DOC} has no ${GOALS_START} markers`);
  return `${doc.slice(0, from + GOALS_START.length)}\n${table}\n${doc.slice(to)}`;
}

/** Rewrites the table in docs/BENCHMARKS.md from results.json; returns the table. */
export function writeGoalsDoc(figures?: Record<string, unknown>): string {
  const results = figures ?? JSON.parse(fs.readFileSync(RESULTS_FILE, "utf8"));
  const table = goalsTableOf(results);
  fs.writeFileSync(BENCHMARKS_DOC, withTable(fs.readFileSync(BENCHMARKS_DOC, "utf8"), table));
  return table;
}

if (require.main === module) {
  console.log(writeGoalsDoc());
}
