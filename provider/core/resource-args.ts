/**
 * What every family's resource class passes to `pulumi.dynamic.Resource`: output seeds,
 * secret wrapping and options. The class itself is never serialized (only the shim is).
 */
import * as pulumi from "@pulumi/pulumi";
import { RESOURCE_IDENTITY_KEY } from "./lifecycle/same-instance";

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
  "lastChangeSeconds",
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
export function resourceProps(
  spec: FamilyResourceSpec,
  args: object,
  identity?: pulumi.Input<string>,
): pulumi.Inputs {
  const props: Record<string, unknown> = {};
  for (const name of [...SHARED_OUTPUTS, ...spec.outputs]) props[name] = undefined;
  for (const [name, value] of Object.entries(args)) {
    props[name] = spec.secrets.includes(name) && value !== undefined ? pulumi.secret(value) : value;
  }
  if (identity !== undefined) props[RESOURCE_IDENTITY_KEY] = identity;
  return props;
}

/**
 * The `import` option cannot work with a dynamic provider: the engine's import step reads the
 * resource with nothing but its id, and the dynamic-provider host finds its provider code only in
 * the state it is given, so it fails with a TypeError (pulumi/pulumi#16175; the same for
 * `pulumi import`). Say so in the program, with what to do instead.
 */
export function refuseImport(name: string, opts: pulumi.CustomResourceOptions | undefined): void {
  if (opts?.import === undefined) return;
  throw new pulumi.RunError(
    `DbSslConfig "${name}": the "import" resource option does not work with Pulumi dynamic ` +
      "providers (the engine reads an imported resource without the provider code the " +
      "dynamic-provider host needs, pulumi/pulumi#16175). Remove it: a DbSslConfig adopts its " +
      "instance on the first up, and a create that finds the declared state sends no change.",
  );
}

/**
 * Who declares the instance, for `check` to tell a second resource naming the same instance from
 * the same resource asked again (core/lifecycle/same-instance.ts): the resource's name, behind its parent's
 * URN when it has a parent (two components may each hold a child of that name; one cannot).
 */
export function resourceIdentity(
  name: string,
  opts: pulumi.CustomResourceOptions | undefined,
): pulumi.Input<string> {
  const parent = opts?.parent;
  return parent === undefined ? name : pulumi.interpolate`${parent.urn}::${name}`;
}

export function resourceOptions(
  spec: FamilyResourceSpec,
  opts: pulumi.CustomResourceOptions | undefined,
): pulumi.CustomResourceOptions {
  return pulumi.mergeOptions(opts, { additionalSecretOutputs: [...spec.secrets] });
}

/**
 * The base of every family's `DbSslConfig`: the outputs all families have, and the one way the
 * arguments reach the dynamic resource (seeds, secrets, options). A family's class adds only its
 * own outputs and names its shim, family and spec.
 *
 * Outputs hold what the cloud reported at the last `up` or `refresh`, or what was sent to it
 * where the cloud does not read a setting back; never a value that was neither.
 */
export abstract class FamilyDbSslConfig extends pulumi.dynamic.Resource {
  /** The instance this resource keeps SSL on, as declared. */
  declare readonly instanceId: pulumi.Output<string>;
  /** The instance's region: the declared one, else the default `check` resolved from config. */
  declare readonly region: pulumi.Output<string>;
  /** Whether SSL (TLS) is on, as the cloud reports it. */
  declare readonly sslEnabled: pulumi.Output<boolean>;
  /**
   * The last change this resource sent: `open`, `close`, `update` (a certificate renewal) or
   * `reconfigure` (settings only, SSL stays on); unset until one is sent.
   */
  declare readonly lastAction: pulumi.Output<string | undefined>;
  /** The cloud's id of the last change's task or job, as exact text (no rounding above 2^53). */
  declare readonly lastTaskId: pulumi.Output<string | undefined>;
  /** The cloud's request id of the last change, for its support desk. */
  declare readonly lastRequestId: pulumi.Output<string | undefined>;
  /**
   * How long the last change took, in seconds, as this provider measured it (from the accepted
   * write to the poll that saw it finished; not a figure the cloud reports). The next change of
   * this resource starts its polling from it.
   */
  declare readonly lastChangeSeconds: pulumi.Output<number | undefined>;

  protected constructor(
    family: { shim: pulumi.dynamic.ResourceProvider; module: string; spec: FamilyResourceSpec },
    name: string,
    args: object,
    opts: pulumi.CustomResourceOptions | undefined,
  ) {
    refuseImport(name, opts);
    super(
      family.shim,
      name,
      resourceProps(family.spec, args, resourceIdentity(name, opts)),
      resourceOptions(family.spec, opts),
      family.module,
      "DbSslConfig",
    );
  }
}
