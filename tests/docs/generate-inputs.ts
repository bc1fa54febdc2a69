/**
 * `npm run gen:inputs`: writes each family's `args.ts` and the README input tables from the
 * input schemas. `--check` writes nothing and exits 1 naming each file that differs (the test
 * tests/docs/inputs.test.ts does the same).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DOCUMENTED_FAMILIES, argsSource, readmeWithTables } from "./input-docs";

/** The repository root, from `dist/tests/docs` or `tests/docs` (ts-node). */
export const REPO_ROOT = join(
  __dirname,
  __dirname.includes(`${join("dist", "tests")}`) ? "../../.." : "../..",
);

/** Each generated file and what it should hold. */
export async function generatedFiles(): Promise<{ file: string; text: string }[]> {
  const files = await Promise.all(
    DOCUMENTED_FAMILIES.map(async (f) => ({ file: f.argsFile, text: await argsSource(f) })),
  );
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  return [...files, { file: "README.md", text: readmeWithTables(readme) }];
}

export async function staleFiles(): Promise<string[]> {
  const read = (file: string) => {
    try {
      return readFileSync(join(REPO_ROOT, file), "utf8");
    } catch {
      return undefined;
    }
  };
  return (await generatedFiles()).filter((g) => read(g.file) !== g.text).map((g) => g.file);
}

async function main(check: boolean): Promise<void> {
  if (check) {
    const stale = await staleFiles();
    for (const file of stale)
      console.error(`${file} differs from the input schema: run npm run gen:inputs`);
    process.exitCode = stale.length === 0 ? 0 : 1;
    return;
  }
  for (const { file, text } of await generatedFiles()) writeFileSync(join(REPO_ROOT, file), text);
}

if (require.main === module) void main(process.argv.includes("--check"));
