/**
 * Builds `PolicyResource`s the way `@pulumi/policy`'s analyzer server does (`server.js`,
 * makeAnalyzeStackRpcFun): props wrapped in the real `unknownCheckingProxy`, unknowns as the
 * engine's sentinels, `propertyDependencies` resolved to the resource objects. Then runs the
 * policies' validate functions and collects what they report.
 */
import type { Policies, PolicyResource, ResourceValidationArgs } from "@pulumi/policy";

// Runtime-only exports (hidden from the .d.ts as @internal).
const proxy = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T extends object>(o: T): T;
  unknownStringValue: string;
  unknownBooleanValue: string;
};

/** What the engine sends for a string not known during preview. */
export const UNKNOWN_STRING = proxy.unknownStringValue;
export const UNKNOWN_BOOLEAN = proxy.unknownBooleanValue;

export const SSL_RDS = "pulumi-nodejs:dynamic/alicloud.rds:DbSslConfig";
export const SSL_REDIS = "pulumi-nodejs:dynamic/alicloud.redis:DbSslConfig";

export function urnOf(stack: string, type: string, name: string): string {
  return `urn:pulumi:${stack}::shop::${type}::${name}`;
}

export function policyResource(
  type: string,
  name: string,
  props: Record<string, unknown>,
  opts: {
    stack?: string;
    instanceIdFrom?: PolicyResource[];
    /** Property dependencies other than `instanceId`, e.g. `{ dbInstanceId: [db] }`. */
    dependsOn?: Record<string, PolicyResource[]>;
    ignoreChanges?: string[];
  } = {},
): PolicyResource {
  const proxied = proxy.unknownCheckingProxy({ ...props });
  const propertyDependencies = {
    ...opts.dependsOn,
    ...(opts.instanceIdFrom ? { instanceId: opts.instanceIdFrom } : {}),
  };
  return {
    type,
    name,
    urn: urnOf(opts.stack ?? "dev", type, name),
    props: proxied,
    opts: {
      protect: false,
      ignoreChanges: opts.ignoreChanges ?? [],
      aliases: [],
      additionalSecretOutputs: [],
    },
    dependencies: Object.values(propertyDependencies).flat(),
    propertyDependencies,
    isType: () => false,
    asType: () => undefined,
  } as unknown as PolicyResource;
}

export interface Reported {
  policy: string;
  message: string;
  urn?: string;
}

/** Runs every policy over the stack (stack policies once, resource policies per resource). */
export async function runPolicies(
  policies: Policies,
  resources: PolicyResource[],
  config: Record<string, Record<string, unknown>> = {},
): Promise<Reported[]> {
  const reported: Reported[] = [];
  for (const p of policies) {
    const getConfig = <T extends object>() => (config[p.name] ?? {}) as T;
    const report = (message: string, urn?: string) =>
      reported.push({ policy: p.name, message, urn });
    const notApplicable = (): never => {
      throw new Error("notApplicable");
    };
    if ("validateStack" in p) {
      const stackTags = new Map<string, string>();
      await p.validateStack({ resources, getConfig, stackTags, notApplicable }, report);
      continue;
    }
    const validations = [p.validateResource ?? []].flat();
    for (const r of resources) {
      const args = {
        ...r,
        stackTags: new Map(),
        getConfig,
        notApplicable,
      } as ResourceValidationArgs;
      for (const validate of validations) await validate(args, (m: string) => report(m, r.urn));
    }
  }
  return reported;
}
