/**
 * `pulumi-dbssl/policy`: CrossGuard policies that fail a preview when a database in the stack is
 * left without SSL. Use them in a policy pack (see `examples/policy/`):
 *
 *     import { PolicyPack } from "@pulumi/policy";
 *     import { dbsslPolicies } from "pulumi-dbssl/policy";
 *     new PolicyPack("dbssl", { policies: dbsslPolicies() });
 *
 * This module only needs `@pulumi/policy`'s types: the pack's own copy runs the policies.
 * Enforcement levels: pass `enforcementLevels` here, or set them per policy in the pack's config
 * (`pulumi preview --policy-pack-config`), which wins.
 */
import type {
  EnforcementLevel,
  Policies,
  PolicyResource,
  PolicyConfigSchema,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { declaredTwice, uncoveredDatabases, type CoverageConfig, type Violation } from "./coverage";
import {
  DEFAULT_PRODUCTION_STACKS,
  onDeleteMessage,
  renewBeforeDaysMessage,
  sslDisabledMessage,
  type ProductionConfig,
  type SslConfigSubject,
} from "./settings";

export { DATABASE_KINDS, RENEWABLE_FAMILIES, type DatabaseKind } from "./databases";
export { declaredTwice, uncoveredDatabases, type CoverageConfig, type Violation } from "./coverage";
export { SSL_ON_DATABASE, SSL_RESOURCES, nativeSsl, type NativeSsl } from "./native-ssl";
export { isProductionStack, type ProductionConfig } from "./settings";

export const POLICY_NAMES = {
  coverage: "dbssl-database-has-ssl-config",
  sslEnabled: "dbssl-ssl-enabled",
  onDelete: "dbssl-production-on-delete-retain",
  renewBeforeDays: "dbssl-renew-before-days",
  declaredOnce: "dbssl-ssl-declared-once",
} as const;

export type PolicyName = (typeof POLICY_NAMES)[keyof typeof POLICY_NAMES];

export interface DbsslPolicyOptions {
  /** Default enforcement level per policy (the pack's config overrides it). */
  enforcementLevels?: Partial<Record<PolicyName, EnforcementLevel>>;
}

const DEFAULT_LEVELS: Record<PolicyName, EnforcementLevel> = {
  "dbssl-database-has-ssl-config": "mandatory",
  "dbssl-ssl-enabled": "mandatory",
  "dbssl-production-on-delete-retain": "mandatory",
  "dbssl-renew-before-days": "advisory",
  // Advisory: a stack policy sees outputs, where the SSL setting can hold a value the provider
  // read from the instance though the program never set it, so a database without the setting
  // and with a DbSslConfig shows both (README "Living beside the clouds' own providers").
  "dbssl-ssl-declared-once": "advisory",
};

const COVERAGE_SCHEMA: PolicyConfigSchema = {
  properties: {
    exempt: {
      type: "array",
      items: { type: "string" },
      description: "Databases that need no DbSslConfig: resource names, URNs or ids.",
    },
    extraDatabaseTypes: {
      type: "object",
      additionalProperties: { type: "string" },
      description: 'More database types to check: { "<type token>": "<DbSslConfig family>" }.',
    },
  },
};

const PRODUCTION_SCHEMA: PolicyConfigSchema = {
  properties: {
    productionStacks: {
      type: "array",
      items: { type: "string" },
      default: DEFAULT_PRODUCTION_STACKS,
      description: "Stack names that count as production.",
    },
    productionStackPattern: {
      type: "string",
      description: "A regular expression: stack names matching it count as production.",
    },
  },
};

function resourceCheck(
  check: (subject: SslConfigSubject, config: Record<string, unknown>) => string | undefined,
): ResourceValidationPolicy["validateResource"] {
  return (args, reportViolation) => {
    const message = check(args, args.getConfig<Record<string, unknown>>());
    if (message) reportViolation(message);
  };
}

function stackPolicy(
  name: PolicyName,
  description: string,
  level: EnforcementLevel,
  check: (resources: PolicyResource[], config: CoverageConfig) => Violation[],
): StackValidationPolicy {
  return {
    name,
    description,
    enforcementLevel: level,
    configSchema: COVERAGE_SCHEMA,
    validateStack: (args, reportViolation) => {
      for (const v of check(args.resources, args.getConfig<CoverageConfig>())) {
        reportViolation(v.message, v.urn);
      }
    },
  };
}

const COVERAGE_DESCRIPTION =
  "Every database (Alibaba RDS, MongoDB, KVStore; Tencent PostgreSQL; OTC and Huawei RDS) " +
  "has a DbSslConfig of its family with sslEnabled: true naming it, or SSL on through its " +
  "own provider's setting.";

const DECLARED_ONCE_DESCRIPTION =
  "A database's SSL is declared in one place: its own provider's setting or a DbSslConfig, " +
  "not both.";

/** The pulumi-dbssl policies, ready for `new PolicyPack(name, { policies })`. */
export function dbsslPolicies(options: DbsslPolicyOptions = {}): Policies {
  const level = (name: PolicyName) => options.enforcementLevels?.[name] ?? DEFAULT_LEVELS[name];
  return [
    stackPolicy(
      POLICY_NAMES.coverage,
      COVERAGE_DESCRIPTION,
      level(POLICY_NAMES.coverage),
      uncoveredDatabases,
    ),
    {
      name: POLICY_NAMES.sslEnabled,
      description: "A DbSslConfig keeps SSL on (sslEnabled is not false).",
      enforcementLevel: level(POLICY_NAMES.sslEnabled),
      validateResource: resourceCheck((subject) => sslDisabledMessage(subject)),
    },
    {
      name: POLICY_NAMES.onDelete,
      description:
        'On production stacks a DbSslConfig keeps onDelete at "retain" (the default), so ' +
        "deleting it never turns SSL off.",
      enforcementLevel: level(POLICY_NAMES.onDelete),
      configSchema: PRODUCTION_SCHEMA,
      validateResource: resourceCheck((subject, config) =>
        onDeleteMessage(subject, config as ProductionConfig),
      ),
    },
    {
      name: POLICY_NAMES.renewBeforeDays,
      description: "A DbSslConfig with a cloud certificate sets renewBeforeDays.",
      enforcementLevel: level(POLICY_NAMES.renewBeforeDays),
      validateResource: resourceCheck((subject) => renewBeforeDaysMessage(subject)),
    },
    stackPolicy(
      POLICY_NAMES.declaredOnce,
      DECLARED_ONCE_DESCRIPTION,
      level(POLICY_NAMES.declaredOnce),
      declaredTwice,
    ),
  ];
}
