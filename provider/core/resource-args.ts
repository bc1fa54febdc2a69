/**
 * What every family's resource class passes to `pulumi.dynamic.Resource`: output seeds,
 * secret wrapping and options. The class itself is never serialized (only the shim is).
 */
import * as pulumi from "@pulumi/pulumi";

/** Output-only properties must be seeded as undefined or they are not exposed (pulumi#2931). */
export const SHARED_OUTPUTS = [
  "instanceId",
  "region",
  "sslEnabled",
  "certificateExpiresAt",
  "certificateCommonName",
  "requireUpdate",
  "lastAction",
  "lastTaskId",
  "lastRequestId",
] as const;

export interface FamilyResourceSpec {
  outputs: readonly string[];
  /** Inputs and outputs holding certificates, keys or passwords. */
  secrets: readonly string[];
}

/**
 * Secret material is wrapped in `pulumi.secret` on the way in, so the engine encrypts the
 * inputs in state as well, and listed in additionalSecretOutputs so the outputs are too
 * (the dynamic host accepts no secrets itself: pulumi-dynamic.md P1).
 */
export function resourceProps(spec: FamilyResourceSpec, args: object): pulumi.Inputs {
  const props: Record<string, unknown> = {};
  for (const name of [...SHARED_OUTPUTS, ...spec.outputs]) props[name] = undefined;
  for (const [name, value] of Object.entries(args)) {
    props[name] = spec.secrets.includes(name) && value !== undefined ? pulumi.secret(value) : value;
  }
  return props;
}

export function resourceOptions(
  spec: FamilyResourceSpec,
  opts: pulumi.CustomResourceOptions | undefined,
): pulumi.CustomResourceOptions {
  return pulumi.mergeOptions(opts, { additionalSecretOutputs: [...spec.secrets] });
}
