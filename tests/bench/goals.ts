/** Issue 11's goals, checked against the figures, and the table docs/BENCHMARKS.md shows. */

export interface Goal {
  figure: string;
  goal: string;
  /** NaN (null in results.json) when the figure is absent: the table says "not measured". */
  value: number;
  met: boolean;
}

type Figures = Record<string, unknown>;

/**
 * The number at a dotted path. Family names hold a dot too (`convergence.byFamily.alicloud.rds`),
 * so each step takes the longest run of segments that names a key.
 */
function at(figures: Figures, dotted: string): number {
  let value: unknown = figures;
  const parts = dotted.split(".");
  for (let i = 0; i < parts.length && value !== undefined;) {
    const obj = value as Record<string, unknown>;
    let j = parts.length;
    while (j > i + 1 && !(parts.slice(i, j).join(".") in obj)) j--;
    value = obj[parts.slice(i, j).join(".")];
    i = j;
  }
  return typeof value === "number" ? value : NaN;
}

/** The convergence goals again for each family but the first (whose are the top-level rows). */
function familyGoals(figures: Figures): typeof GOALS {
  const byFamily = (figures.convergence as { byFamily?: Record<string, unknown> } | undefined)
    ?.byFamily;
  return Object.keys(byFamily ?? {})
    .slice(1)
    .flatMap((family) => {
      const base = `convergence.byFamily.${family}`;
      return [
        [`${base}.overheadPct.median`, "<=", 5],
        [`${base}.overheadPct.worst`, "<=", 10],
        [`${base}.apiCallsPerOp.thirtyMinutes`, "<=", 40],
        [`${base}.apiCallsPerOp.instant`, "<=", (f) => at(f, `${base}.minimumCallsPerOp`) + 1],
      ] satisfies typeof GOALS;
    });
}

const GOALS: [string, "<=" | "==", number | ((f: Figures) => number)][] = [
  ["convergence.overheadPct.median", "<=", 5],
  ["convergence.overheadPct.worst", "<=", 10],
  ["convergence.apiCallsPerOp.thirtyMinutes", "<=", 40],
  ["convergence.apiCallsPerOp.instant", "<=", (f) => at(f, "convergence.minimumCallsPerOp") + 1],
  ["preview.apiCalls", "==", 0],
  ["preview.msPerResource", "<=", 5],
  ["fleet.at500.failed", "==", 0],
  ["fleet.at500.throttledSurfaced", "==", 0],
  ["fleet.at500.wallOverBound", "<=", 1.3],
  ["fleet.at2000.failed", "==", 0],
  ["fleet.at2000.throttledSurfaced", "==", 0],
  ["fleet.at2000.wallOverBound", "<=", 1.3],
  ["coldStart.checkMs", "<=", (f) => at(f, "coldStart.bareMs") + 150],
  ["state.providerBytes", "<=", 1500],
  ["secondUp.apiCalls", "==", 0],
];

/**
 * Issue 18: the overhead of changes off the prior (`convergence.offPrior`, written by its own
 * bench) for every family, whether measured or not.
 */
function offPriorGoals(figures: Figures): typeof GOALS {
  const families = Array.isArray(figures.families) ? (figures.families as string[]) : [];
  return families.flatMap((family) => {
    const base = `convergence.offPrior.byFamily.${family}`;
    return [
      [`${base}.overheadPct.median`, "<=", 5],
      [`${base}.overheadPct.worst`, "<=", 10],
      [`${base}.apiCallsPerOp.thirtyMinutes`, "<=", 40],
    ] satisfies typeof GOALS;
  });
}

export function checkGoals(figures: Figures): Goal[] {
  return [...GOALS, ...familyGoals(figures), ...offPriorGoals(figures)].map(
    ([figure, op, bound]) => {
      const limit = typeof bound === "function" ? bound(figures) : bound;
      const value = at(figures, figure);
      const met = op === "==" ? value === limit : value <= limit;
      return { figure, goal: `${op} ${limit}`, value, met };
    },
  );
}

/** The overhead figures measured inside the prior's window only (issue 11's), so labelled. */
const inWindow = (figure: string) =>
  /^convergence\.(byFamily\.[^ ]+\.)?overheadPct\./.test(figure) && !figure.includes("offPrior");

/** The table docs/BENCHMARKS.md shows (from results.json alone: goals-doc.ts, a test compares). */
export function goalsTable(goals: Goal[]): string {
  const rows = goals.map((g) => {
    const label = `\`${g.figure}\`${inWindow(g.figure) ? " (in the prior's window)" : ""}`;
    if (!Number.isFinite(g.value)) return `| ${label} | not measured | ${g.goal} | not measured |`;
    return `| ${label} | ${g.value} | ${g.goal} | ${g.met ? "met" : "**missed**"} |`;
  });
  return ["| figure | measured | goal | |", "|---|---|---|---|", ...rows].join("\n");
}
