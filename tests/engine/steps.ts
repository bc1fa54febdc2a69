// The step generator for one registration, with the engine's rules
// (pkg/resource/deploy/step_generator.go): Check, then create when there is no old state, else
// Diff: none -> same, some -> update, some with replaces -> replace (create-before-delete unless
// the provider or the `deleteBeforeReplace` option asks otherwise); a protected resource is never
// replaced. DIFF_UNKNOWN falls back to the engine's own old-inputs vs new-inputs diff.
import { DynamicHost } from "./host";
import { Registration } from "./program";
import { ResourceState } from "./state";
import { annotateSecrets, changedKeys, inputsDiffer, PropertyMap, unwrapSecrets } from "./wire";

export type StepOp =
  "create" | "same" | "update" | "replace" | "delete" | "refresh" | "read-delete";

/** The decision for one registration, before anything is applied. */
export interface PlannedStep {
  op: "create" | "same" | "update" | "replace";
  urn: string;
  old?: ResourceState;
  /** Checked inputs, secrets marked as the program sent them. */
  inputs: PropertyMap;
  /** Properties that differ (old inputs vs new inputs), for display. */
  diffKeys: string[];
  replaceKeys: string[];
  deleteBeforeReplace: boolean;
}

export class StepError extends Error {
  constructor(
    readonly urn: string,
    message: string,
  ) {
    super(message);
    this.name = "StepError";
  }
}

/** Check + Diff: what the engine would do for this registration. Never writes. */
export async function planStep(
  host: DynamicHost,
  reg: Registration,
  old: ResourceState | undefined,
): Promise<PlannedStep> {
  const checked = await host.check(
    reg.urn,
    old ? unwrapSecrets(old.inputs) : {},
    unwrapSecrets(reg.inputs),
  );
  if (checked.failures.length > 0) {
    const reasons = checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
    throw new StepError(reg.urn, `${reg.urn}: check failed: ${reasons}`);
  }
  // The host does not accept secrets: the engine re-marks what the program sent as secret.
  const inputs = annotateSecrets(checked.inputs, reg.inputs);
  const base = {
    urn: reg.urn,
    old,
    inputs,
    replaceKeys: [] as string[],
    deleteBeforeReplace: false,
  };
  if (!old) return { ...base, op: "create", diffKeys: changedKeys({}, inputs) };
  const diff = await host.diff(old.id, reg.urn, unwrapSecrets(old.outputs), unwrapSecrets(inputs));
  let changes = diff.changes;
  if (changes === "unknown") changes = inputsDiffer(old.inputs, inputs) ? "some" : "none";
  // Property-level display comes from old vs new inputs, as the engine derives it (P9).
  const diffKeys = changedKeys(old.inputs, inputs);
  if (changes === "none") return { ...base, op: "same", diffKeys: [] };
  if (diff.replaces.length === 0) return { ...base, op: "update", diffKeys };
  // Protection only blocks when both the old and the new state are protected (unprotect-and-replace
  // in one update is allowed).
  if (reg.protect && old.protect) {
    throw new StepError(
      reg.urn,
      `unable to replace resource "${reg.urn}"\nas it is currently marked for protection. To unprotect ` +
        "the resource, remove the `protect` flag from the resource in your Pulumi program and run `pulumi up`",
    );
  }
  const deleteBeforeReplace = diff.deleteBeforeReplace || reg.deleteBeforeReplace;
  return { ...base, op: "replace", diffKeys, replaceKeys: diff.replaces, deleteBeforeReplace };
}

/** The state a registration leaves behind, with the options it was registered with. */
export function newState(
  reg: Registration,
  id: string,
  inputs: PropertyMap,
  outputs: PropertyMap,
): ResourceState {
  return {
    urn: reg.urn,
    custom: true,
    type: reg.type,
    id,
    inputs,
    outputs,
    dependencies: reg.dependencies,
    protect: reg.protect || undefined,
    retainOnDelete: reg.retainOnDelete || undefined,
    deleteBeforeReplace: reg.deleteBeforeReplace || undefined,
    additionalSecretOutputs: reg.additionalSecretOutputs.length
      ? reg.additionalSecretOutputs
      : undefined,
  };
}

/** The engine's delete refusal for protected resources (DeleteStep.Apply). */
export function assertDeletable(old: ResourceState): void {
  if (!old.protect) return;
  throw new StepError(
    old.urn,
    `unable to delete resource "${old.urn}"\nas it is currently marked for protection. To unprotect the ` +
      "resource, either remove the `protect` flag from the resource in your Pulumi program and run " +
      `\`pulumi up\` or use the command:\n\`pulumi state unprotect ${old.urn}\``,
  );
}
