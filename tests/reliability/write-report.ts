/**
 * After `mocha` (see package.json `test`): merges the rows every worker process left in ROWS_DIR
 * and rewrites docs/RELIABILITY.md when every section reported (a partial run leaves it alone).
 * Rows are de-duplicated and sorted, so the file does not depend on how files were spread over
 * the workers.
 */
import * as fs from "fs";
import * as path from "path";
import {
  REPORT_FILE,
  ROWS_DIR,
  SECTIONS,
  renderReport,
  type ReportRow,
  type Section,
} from "./report";

function merged(): Map<Section, ReportRow[]> {
  const bySection = new Map<Section, Map<string, ReportRow>>();
  const files = fs.existsSync(ROWS_DIR) ? fs.readdirSync(ROWS_DIR) : [];
  for (const file of files) {
    const entries = JSON.parse(fs.readFileSync(path.join(ROWS_DIR, file), "utf8")) as [
      Section,
      ReportRow[],
    ][];
    for (const [section, list] of entries) {
      const rows = bySection.get(section) ?? new Map<string, ReportRow>();
      for (const row of list) rows.set(`${row.family}|${row.scenario}|${row.tried}`, row);
      bySection.set(section, rows);
    }
  }
  const order = (r: ReportRow) => `${r.family}|${r.scenario}|${r.tried}`;
  return new Map(
    [...bySection].map(([s, rows]) => [
      s,
      [...rows.values()].sort((a, b) => order(a).localeCompare(order(b))),
    ]),
  );
}

const rows = merged();
fs.rmSync(ROWS_DIR, { recursive: true, force: true });
if (SECTIONS.every((s) => rows.has(s))) {
  fs.writeFileSync(REPORT_FILE, renderReport(rows));
  console.log(`reliability: ${REPORT_FILE} written`);
} else {
  console.log("reliability: a partial run; docs/RELIABILITY.md left as it is");
}
