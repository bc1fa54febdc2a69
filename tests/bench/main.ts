/**
 * `npm run bench`: whole stacks through the engine harness against the emulator (the engine's
 * rules apply: an empty diff makes no call), plus the waiter's schedule for long changes. Writes
 * `bench/results.json` and the goals table in `docs/BENCHMARKS.md` (between the bench markers).
 * `npm test` does not run it (no `.test.` file here).
 *
 *   npm run bench [-- --instances 500 --factor 5 --fleet 500,2000 --only convergence,fleet]
 */
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../engine/host";
import { measureColdStart } from "./cold-start";
import { convergenceFigures } from "./convergence-figures";
import { BENCH_FAMILIES } from "./families";
import { FLEET_SIZES, measureFleets } from "./fleet";
import { measureFootprint } from "./footprint";
import { offPriorFigures } from "./off-prior";
import { checkGoals, goalsTable } from "./goals";
import { writeGoalsDoc } from "./goals-doc";
import { measureSteady } from "./steady";
import { round } from "./stats";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** `--fleet 500,2000` (default: both sizes of issue 18). */
function fleetSizes(): number[] {
  return arg("fleet", FLEET_SIZES.join(",")).split(",").map(Number);
}

const ALL = ["convergence", "offPrior", "fleet", "steady", "coldStart", "footprint"];

async function timed<T>(name: string, run: () => Promise<T> | T): Promise<T> {
  const started = Date.now();
  console.error(`bench: ${name}...`);
  const result = await run();
  console.error(`bench: ${name} done in ${round((Date.now() - started) / 1000, 1)} s`);
  return result;
}

async function main() {
  const instances = Number(arg("instances", "500"));
  const factor = Number(arg("factor", "5"));
  const only = arg("only", ALL.join(",")).split(",");
  const file = path.join(repoRoot(), "bench", "results.json");
  const figures: Record<string, unknown> = fs.existsSync(file)
    ? JSON.parse(fs.readFileSync(file, "utf8"))
    : {};
  const started = Date.now();
  if (only.includes("convergence"))
    figures.convergence = await timed("convergence", () => convergenceFigures(BENCH_FAMILIES));
  if (only.includes("offPrior")) {
    const offPrior = await timed("convergence.offPrior", () => offPriorFigures(BENCH_FAMILIES));
    figures.convergence = { ...(figures.convergence as object), offPrior };
  }
  if (only.includes("fleet"))
    figures.fleet = {
      ...(figures.fleet as object), // the sizes this run leaves out (`--fleet`) are kept
      ...(await timed("fleet", () => measureFleets(fleetSizes(), factor))),
    };
  if (only.includes("steady")) {
    const steady = await timed("preview, second up, state", () => measureSteady(instances));
    figures.preview = steady.preview;
    figures.secondUp = steady.secondUp;
    figures.state = { ...(figures.state as object), bytesPerResource: steady.bytesPerResource };
  }
  if (only.includes("coldStart"))
    figures.coldStart = await timed("coldStart", () => measureColdStart());
  if (only.includes("footprint")) {
    const footprint = await timed("install, providerBytes", measureFootprint);
    const providerBytes = Math.max(...Object.values(footprint.providerBytes));
    figures.state = {
      ...(figures.state as object),
      providerBytes,
      providerBytesByFamily: footprint.providerBytes,
    };
    figures.install = footprint.install;
  }
  figures.families = BENCH_FAMILIES.map((f) => f.family);
  delete figures.pollSettingsSetByBench; // written by earlier runs; the defaults are the design's now
  figures.benchSeconds = round((Date.now() - started) / 1000, 1);
  const goals = checkGoals(figures);
  figures.goals = goals;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Formatted as `npm run lint` (prettier --check .) expects a committed file to be.
  const prettier = await import("prettier");
  const options = { ...(await prettier.resolveConfig(file)), parser: "json" };
  fs.writeFileSync(file, await prettier.format(JSON.stringify(figures, null, 2), options));
  writeGoalsDoc(figures);
  console.log(goalsTable(goals));
  console.log(`\nwrote ${path.relative(repoRoot(), file)} in ${figures.benchSeconds} s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
