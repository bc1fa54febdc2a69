/**
 * `state.providerBytes` and `install`: what the package costs a user on disk and in state.
 *
 * - providerBytes: `npm pack` into a temp dir, unpack under a consumer's node_modules, and
 *   serialize each family's shim there, as the resource class does (tests/core/shim.test.ts).
 * - install: the bytes of the production dependency closure a consumer's node_modules holds:
 *   `@pulumi/pulumi` alone, plus pulumi-dbssl (as packed) and one family's SDKs, plus all SDKs.
 *   Measured from this repository's node_modules (no registry access); the packages' own files,
 *   each counted once.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SDK_VERSION_RANGES } from "../../provider/core/cloud/sdk";
import { driverFor } from "../../provider/families";
import { repoRoot } from "../engine/host";
import { BENCH_FAMILIES } from "./families";

const ROOT = repoRoot();

/** Unpacks `npm pack` of the built tree into `<dir>/node_modules/pulumi-dbssl`. */
function installPacked(dir: string): string {
  const out = execFileSync(
    "npm",
    ["pack", "--ignore-scripts", "--json", "--pack-destination", dir],
    {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
  const tarball = path.join(dir, JSON.parse(out)[0].filename);
  const pkgDir = path.join(dir, "node_modules", "pulumi-dbssl");
  fs.mkdirSync(pkgDir, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", pkgDir, "--strip-components=1"]);
  return pkgDir;
}

function serializedShimLength(project: string, family: string): number {
  const shim = `pulumi-dbssl/dist/provider/shims/${family.replace(".", "-")}.js`;
  const script = `
    const pulumi = require("@pulumi/pulumi");
    const shim = require(${JSON.stringify(shim)});
    pulumi.runtime.serializeFunction(() => shim, { allowSecrets: true })
      .then((sf) => process.stdout.write(String(sf.text.length)));`;
  const out = execFileSync(process.execPath, ["-e", script], {
    cwd: project,
    env: { ...process.env, NODE_PATH: path.join(ROOT, "node_modules") },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  return Number(out);
}

function dirBytes(dir: string, skipNodeModules = true): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isSymbolicLink() || (skipNodeModules && entry.name === "node_modules")) continue;
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(full, skipNodeModules) : fs.statSync(full).size;
  }
  return total;
}

/** Node's lookup: `<dir>/node_modules/<name>`, walking up from the requiring package. */
function findPackage(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return fs.realpathSync(candidate);
    if (dir === path.dirname(dir)) return undefined;
  }
}

/** Package dirs in the production closure of `names` (dependencies and optional ones). */
function closure(names: string[], from: string, seen = new Set<string>()): Set<string> {
  for (const name of names) {
    const dir = findPackage(name, from);
    if (!dir || seen.has(dir)) continue;
    seen.add(dir);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies });
    closure(deps, dir, seen);
  }
  return seen;
}

const sum = (dirs: Set<string>) => [...dirs].reduce((n, d) => n + dirBytes(d), 0);

export interface FootprintFigures {
  providerBytes: Record<string, number>;
  install: {
    pulumiOnlyBytes: number;
    consumerBytes: { oneFamily: number; allFamilies: number };
    oneFamily: string;
  };
}

export function measureFootprint(): FootprintFigures {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-bench-pack-"));
  try {
    const pkgDir = installPacked(dir);
    const providerBytes: Record<string, number> = {};
    for (const fam of BENCH_FAMILIES)
      providerBytes[fam.family] = serializedShimLength(dir, fam.family);
    const ownDeps = Object.keys(
      JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")).dependencies ?? {},
    );
    const pulumiOnly = closure(["@pulumi/pulumi"], ROOT);
    const withPackage = (sdks: string[]) => {
      const dirs = closure([...ownDeps, ...sdks], ROOT, new Set(pulumiOnly));
      return sum(dirs) + dirBytes(pkgDir);
    };
    const [first] = BENCH_FAMILIES;
    // Every cloud SDK the package supports (its optional peers), whichever families have landed.
    const allSdks = Object.keys(SDK_VERSION_RANGES).filter((n) => n !== "@pulumi/policy");
    return {
      providerBytes,
      install: {
        pulumiOnlyBytes: sum(pulumiOnly),
        consumerBytes: {
          oneFamily: withPackage([...driverFor(first.family).sdkPackages]),
          allFamilies: withPackage(allSdks),
        },
        oneFamily: first.family,
      },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
