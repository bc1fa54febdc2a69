// Short readable tables of a deployment, in the spirit of the Pulumi CLI's summary:
// one line per resource with the planned or taken action, changed properties and elapsed time.
import { StepRecord } from "./deployment";
import { OperationResult } from "./stack";

const SYMBOL: Record<string, string> = {
  create: "+",
  same: " ",
  update: "~",
  replace: "+-",
  delete: "-",
  refresh: "~",
  "read-delete": "-",
};

const VERB: Record<string, string> = {
  create: "create",
  same: "same",
  update: "update",
  replace: "replace",
  delete: "delete",
  refresh: "drift",
  "read-delete": "gone",
};

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** One table line for a step. */
export function formatStep(s: StepRecord): string {
  const action = s.status === "failed" ? `${VERB[s.op]} FAILED` : VERB[s.op];
  const changed = s.diffKeys.length > 0 ? `[${s.diffKeys.join(", ")}]` : "";
  const time = s.status === "planned" ? "" : seconds(s.elapsedMs);
  return `  ${(SYMBOL[s.op] ?? " ").padEnd(2)} ${s.name.padEnd(28)} ${action.padEnd(16)} ${time.padStart(7)}  ${changed}`;
}

/** The whole table for an operation, with a summary line and any errors. */
export function formatResult(r: OperationResult): string {
  const header = `  ${"".padEnd(2)} ${"resource".padEnd(28)} ${(r.operation === "preview" ? "plan" : "action").padEnd(16)} ${"elapsed".padStart(7)}  changed`;
  const steps = [...r.steps].sort((a, b) => a.name.localeCompare(b.name));
  const counts = new Map<string, number>();
  for (const s of steps) counts.set(VERB[s.op], (counts.get(VERB[s.op]) ?? 0) + 1);
  const summary = [...counts].map(([k, n]) => `${n} ${k}`).join(", ") || "no resources";
  const lines = [
    header,
    ...steps.map(formatStep),
    `  ${r.ok ? "ok" : "FAILED"}: ${summary} in ${seconds(r.elapsedMs)}`,
  ];
  for (const e of r.errors) lines.push(`  error: ${e.split("\n").join("\n         ")}`);
  return lines.join("\n");
}
