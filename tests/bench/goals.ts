/** Issue 11's goals, checked against the figures, and the table docs/BENCHMARKS.md shows. */

export interface Goal {
  figure: string;
  goal: string;
  value: number;
  met: boolean;
}

type Figures = Record<string, unknown>;

function at(figures: Figures, dotted: string): number {
  const value = dotted
    .split(".")
    .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], figures);
  return typeof value === "number" ? value : NaN;
}

const GOALS: [string, "<=" | "==", number | ((f: Figures) => number)][] = [
  ["convergence.overheadPct.median", "<=", 5],
  ["convergence.overheadPct.worst", "<=", 10],
  ["convergence.apiCallsPerOp.thirtyMinutes", "<=", 40],
  ["convergence.apiCallsPerOp.instant", "<=", (f) => at(f, "convergence.minimumCallsPerOp") + 1],
  ["preview.apiCalls", "==", 0],
  ["preview.msPerResource", "<=", 5],
  ["fleet.failed", "==", 0],
  ["fleet.throttledSurfaced", "==", 0],
  ["fleet.wallOverBound", "<=", 1.3],
  ["coldStart.checkMs", "<=", (f) => at(f, "coldStart.bareMs") + 150],
  ["state.providerBytes", "<=", 1500],
  ["secondUp.apiCalls", "==", 0],
];

export function checkGoals(figures: Figures): Goal[] {
  return GOALS.map(([figure, op, bound]) => {
    const limit = typeof bound === "function" ? bound(figures) : bound;
    const value = at(figures, figure);
    const met = op === "==" ? value === limit : value <= limit;
    return { figure, goal: `${op} ${limit}`, value, met };
  }).filter((g) => Number.isFinite(g.value) || g.figure.startsWith("fleet"));
}

export function goalsTable(goals: Goal[]): string {
  const rows = goals.map(
    (g) => `| \`${g.figure}\` | ${g.value} | ${g.goal} | ${g.met ? "met" : "**missed**"} |`,
  );
  return ["| figure | measured | goal | |", "|---|---|---|---|", ...rows].join("\n");
}
