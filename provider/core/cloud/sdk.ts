/**
 * Vendor SDKs are optional peer dependencies (package.json `peerDependenciesMeta`), the
 * convention of multi-backend libraries such as knex with pg/mysql2: a user installs
 * pulumi-dbssl plus the SDKs of the clouds they use, and nothing else. Every SDK goes through
 * this module, so a missing one always fails with the `npm install` line that fixes it.
 *
 * `check` uses `missingSdkPackages` (require.resolve only: it finds the file without running
 * it, so previews never load an SDK); create/read/update/delete load with `loadSdk`.
 */
/**
 * The peer ranges, as in package.json `peerDependencies` (a test keeps the two equal). Kept here
 * rather than read from package.json at run time, whose path differs between the source tree,
 * dist/ and an installed copy.
 */
export const SDK_VERSION_RANGES: Readonly<Record<string, string>> = {
  "@alicloud/credentials": "^2.4.7",
  "@alicloud/openapi-core": "^1.0.8",
  "@alicloud/r-kvstore20150101": "^6.4.0",
  "@alicloud/rds20140815": "^15.4.0",
  "tencentcloud-sdk-nodejs": "^4.1.313",
};

/** Raised when a family's SDK is not installed next to pulumi-dbssl (not about one instance). */
export class SdkMissingError extends Error {
  constructor(
    readonly family: string,
    readonly packages: readonly string[],
  ) {
    super(`pulumi-dbssl: ${missingSdkMessage(family, packages)}`);
    this.name = "SdkMissingError";
  }
}

/** What `check` and SdkMissingError say: which packages, and the line that installs them. */
export function missingSdkMessage(family: string, packages: readonly string[]): string {
  return (
    `${family} needs ${packages.join(", ")}, not installed in this project (each cloud's SDK ` +
    `is an optional peer dependency of pulumi-dbssl). Run: ${installLine(packages)}`
  );
}

/** The exact command that installs these SDKs at the ranges pulumi-dbssl is tested with. */
export function installLine(packages: readonly string[]): string {
  const specs = packages.map((p) => (SDK_VERSION_RANGES[p] ? `${p}@${SDK_VERSION_RANGES[p]}` : p));
  return `npm install ${specs.join(" ")}`;
}

type Resolve = (name: string) => string;

/** The packages that cannot be resolved from this package's location; never loads them. */
export function missingSdkPackages(
  packages: readonly string[],
  resolve: Resolve = require.resolve,
): string[] {
  return packages.filter((name) => {
    try {
      resolve(name);
      return false;
    } catch {
      return true;
    }
  });
}

/** The package a module specifier belongs to: `@scope/name/deep/path` -> `@scope/name`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return parts.slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
}

/**
 * Loads a vendor SDK (or a module deep inside one, as the Tencent family loads only its client)
 * for `family`; a missing package raises SdkMissingError with the install line of the package.
 */
export function loadSdk<T = unknown>(family: string, specifier: string): T {
  try {
    return require(specifier) as T;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const name = packageOf(specifier);
    // Only "this very package is absent": a broken SDK (its own missing dependency) keeps its error.
    if (code === "MODULE_NOT_FOUND" && missingSdkPackages([`${name}/package.json`]).length > 0) {
      throw new SdkMissingError(family, [name]);
    }
    throw error;
  }
}

/**
 * `check`'s failure when a family's SDKs are missing. No property: the engine then reports it as
 * the resource being invalid (step_generator.go issueCheckErrors) rather than blaming an input.
 */
export function sdkCheckFailures(
  family: string,
  packages: readonly string[],
  resolve: Resolve = require.resolve,
): { property: string; reason: string }[] {
  const missing = missingSdkPackages(packages, resolve);
  return missing.length === 0 ? [] : [{ property: "", reason: missingSdkMessage(family, missing) }];
}
