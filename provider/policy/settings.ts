/**
 * Checks on each `DbSslConfig`'s own settings. They run on what the engine sends the analyzer:
 * the inputs after the provider's `check` (defaults applied: `sslEnabled: true`,
 * `onDelete: "retain"`), or the outputs at the end of a preview or update
 * (pulumi/pulumi `pkg/resource/deploy/step_generator.go`: analyzers get the checked `inputs`).
 * `onDelete` defaults to "retain", so only an explicit `"disable"` turns SSL off when the
 * resource is deleted (or the stack destroyed).
 */
import { dbSslConfigFamily, RENEWABLE_FAMILIES } from "./databases";
import { readProp, stackOfUrn, type PropValue } from "./props";

export interface SslConfigSubject {
  type: string;
  urn: string;
  name: string;
  props: unknown;
}

export interface ProductionConfig {
  /** Stack names that count as production (exact match). */
  productionStacks?: string[];
  /** A regular expression; stack names matching it count as production. */
  productionStackPattern?: string;
}

export const DEFAULT_PRODUCTION_STACKS = ["prod", "production"];

function label(subject: SslConfigSubject, family: string): string {
  const id = readProp(subject.props, "instanceId");
  const instance = typeof id === "string" ? `instance ${id}` : "instance not known yet";
  return `DbSslConfig "${subject.name}" (${family}, ${instance})`;
}

/** `sslEnabled: false` leaves connections unencrypted. */
export function sslDisabledMessage(subject: SslConfigSubject): string | undefined {
  const family = dbSslConfigFamily(subject.type);
  if (!family || readProp(subject.props, "sslEnabled") !== false) return undefined;
  return `${label(subject, family)} sets sslEnabled: false: connections to the database are not encrypted.`;
}

export function isProductionStack(stack: string, config: ProductionConfig): boolean {
  const exact = config.productionStacks ?? DEFAULT_PRODUCTION_STACKS;
  if (exact.includes(stack)) return true;
  return config.productionStackPattern
    ? new RegExp(config.productionStackPattern).test(stack)
    : false;
}

/** On a production stack, a delete (or a stack destroy) must not turn SSL off. */
export function onDeleteMessage(
  subject: SslConfigSubject,
  config: ProductionConfig,
): string | undefined {
  const family = dbSslConfigFamily(subject.type);
  const stack = stackOfUrn(subject.urn);
  if (!family || !isProductionStack(stack, config)) return undefined;
  const onDelete: PropValue = readProp(subject.props, "onDelete");
  if (onDelete !== "disable") return undefined; // "retain" (the default), or not known yet
  return (
    `${label(subject, family)} on production stack "${stack}" sets onDelete: "disable": ` +
    `deleting the resource (or destroying the stack) turns SSL off on the database. ` +
    `Set onDelete: "retain" (the default).`
  );
}

/** Without `renewBeforeDays` a cloud certificate can expire unnoticed (families that can renew). */
export function renewBeforeDaysMessage(subject: SslConfigSubject): string | undefined {
  const family = dbSslConfigFamily(subject.type);
  if (!family || !RENEWABLE_FAMILIES.has(family)) return undefined;
  if (readProp(subject.props, "sslEnabled") === false) return undefined;
  // A custom certificate is renewed by sending a new one, not by the cloud (issue 6, 8).
  if (readProp(subject.props, "caType") === "custom") return undefined;
  if (readProp(subject.props, "renewBeforeDays") !== undefined) return undefined;
  return (
    `${label(subject, family)} has no renewBeforeDays: the cloud certificate is not renewed ` +
    `before it expires. Set renewBeforeDays (e.g. 30).`
  );
}
