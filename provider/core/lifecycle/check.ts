/**
 * `check`, written once over a family driver: offline (no SDK, no network), it applies the
 * defaults, validates every input, refuses a second resource naming an instance this run already
 * declares, and prints the preview warnings only `check` can give (core/lifecycle/preview-warnings.ts).
 * It never throws on odd input: every problem is a failure naming the property.
 */
import type { BaseLiveSsl, BaseSslInputs, DriverContext, SslDriver } from "../driver";
import { isUnknown, printable, type CheckFailure } from "../validation/check-failure";
import { validateSharedInputs, withSharedDefaults } from "../validation/inputs";
import { notice } from "../log";
import { checkWarnings } from "./preview-warnings";
import { InstanceClaims, RESOURCE_IDENTITY_KEY, instanceKey } from "./same-instance";

type Props = Record<string, unknown>;

export interface CheckResult {
  inputs: Props;
  failures: CheckFailure[];
}

export function checkInputs<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  ctx: DriverContext,
  claims: InstanceClaims,
  olds: Props,
  news: Props,
): CheckResult {
  const { [RESOURCE_IDENTITY_KEY]: identity, ...declared } = news;
  const { inputs, regionFailures } = withRegion(
    driver.withDefaults(withSharedDefaults(declared)),
    driver,
    ctx,
  );
  const failures = [
    ...settingsFailures(ctx),
    ...regionFailures,
    ...validateSharedInputs(inputs, {
      formats: driver.inputFormats,
      inputNames: driver.inputNames,
    }),
    ...driver.validate(inputs, new Date(ctx.clock.now())),
    ...missingActionFailures(driver, inputs),
    ...require("../cloud/sdk").sdkCheckFailures(driver.family, driver.sdkPackages), // resolve only
  ];
  const instance = validatedInstance(driver, inputs, failures);
  if (instance === undefined) return { inputs, failures };
  if (inputs.sslEnabled !== false) claims.claim(instance.key);
  const duplicate = sameInstanceFailure(driver, ctx, claims, instance, identity);
  if (duplicate) return { inputs, failures: [...failures, duplicate] };
  if (failures.length === 0) {
    for (const warning of checkWarnings(driver, inputs as unknown as I, olds)) {
      notice(ctx, `${driver.family} ${instance.instanceId}: warning: ${warning}`);
    }
  }
  return { inputs, failures };
}

/**
 * A stack setting with a refused value (`dbssl:logLevel` with a typo) fails every resource's
 * check: the message names the setting, so there is no input property to point at.
 */
function settingsFailures(ctx: DriverContext): CheckFailure[] {
  return ctx.settings.problems.map((reason) => ({ property: "", reason }));
}

/** Families without a renewal call refuse the inputs that ask for one (ARCHITECTURE F7). */
function missingActionFailures(
  driver: { family: string; actions: readonly string[] },
  inputs: Props,
): CheckFailure[] {
  if (driver.actions.includes("update")) return [];
  return ["rotateTrigger", "renewBeforeDays"]
    .filter((name) => inputs[name] !== undefined)
    .map((property) => ({
      property,
      reason:
        `${property} is not available for ${driver.family}: the cloud has no certificate ` +
        `renewal call (offered: ${driver.actions.join(", ")})`,
    }));
}

interface ValidatedInstance {
  instanceId: string;
  region: string;
  key: string;
}

/**
 * The instance named by inputs that passed their format checks, or undefined: only validated
 * values (lowercase letters, digits, hyphens) are used as keys or printed.
 */
function validatedInstance(
  driver: { family: string },
  inputs: Props,
  failures: readonly CheckFailure[],
): ValidatedInstance | undefined {
  const { instanceId, region } = inputs;
  if (typeof instanceId !== "string" || typeof region !== "string") return undefined;
  if (isUnknown(instanceId) || isUnknown(region)) return undefined;
  if (failures.some((f) => f.property === "instanceId" || f.property === "region"))
    return undefined;
  return {
    instanceId: printable(instanceId),
    region: printable(region),
    key: instanceKey(driver.family, region, instanceId),
  };
}

/**
 * A second resource of this run naming the instance is refused: the two would undo each other's
 * changes. A resource of this run that declares SSL on also claims the instance here: its create
 * or update may never come (no diff after a crash between a rename's create and delete), and the
 * old resource's delete must still leave SSL on. `destroy` runs no check.
 */
function sameInstanceFailure(
  driver: { family: string },
  ctx: DriverContext,
  claims: InstanceClaims,
  instance: ValidatedInstance,
  identity: unknown,
): CheckFailure | undefined {
  const by = typeof identity === "string" && !isUnknown(identity) ? identity : undefined;
  const declaration = claims.declare(instance.key, by);
  const where = `"${instance.instanceId}" (${driver.family}, region ${instance.region})`;
  if (declaration.kind === "another") {
    return {
      property: "instanceId",
      reason:
        `instanceId ${where} is already declared by another DbSslConfig in this stack ` +
        `("${printable(declaration.by.slice(0, 200))}"); two resources for one instance undo each other's ` +
        "changes. Keep one (to rename a resource, give the new name an alias to the old one)",
    };
  }
  if (declaration.kind === "unsure") {
    notice(
      ctx,
      `${driver.family} ${instance.instanceId}: warning: more than one DbSslConfig in this ` +
        `stack names this instance (region ${instance.region}); they will undo each other's ` +
        "changes. Keep one.",
    );
  }
  return undefined;
}

/**
 * The default region is resolved here, so declaring it explicitly changes nothing (issue 6 1.1).
 * A configured default the cloud does not have (`alicloud:region` set to `cn-hangzhuo`) is a
 * failure on `region` saying where the value came from, never a throw.
 */
function withRegion(
  inputs: Props,
  driver: { defaultRegion: SslDriver<BaseSslInputs, BaseLiveSsl>["defaultRegion"] },
  ctx: DriverContext,
): { inputs: Props; regionFailures: CheckFailure[] } {
  if (inputs.region !== undefined) return { inputs, regionFailures: [] };
  try {
    return {
      inputs: { ...inputs, region: driver.defaultRegion(ctx.settings) },
      regionFailures: [],
    };
  } catch (error) {
    const reason = printable(String((error as Error).message).replace(/^pulumi-dbssl: /, ""));
    return { inputs, regionFailures: [{ property: "region", reason }] };
  }
}
