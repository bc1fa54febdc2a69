/**
 * The stack check: every recognised database has a `DbSslConfig` of its family, with
 * `sslEnabled` not false, that names it. A config names a database by its `instanceId` value (an
 * existing database: the id is in the database's outputs), or, when that value is not known yet
 * (a new database at preview), by the property dependency the engine records when the program
 * passes `database.id` as `instanceId` (`propertyDependencies.instanceId`).
 */
import type { PolicyResource } from "@pulumi/policy";
import { databaseKind, dbSslConfigFamily, type DatabaseKind } from "./databases";
import { knownString, readProp, UNKNOWN, type PropValue } from "./props";

export interface CoverageConfig {
  /** More database types to check: type token -> DbSslConfig family. */
  extraDatabaseTypes?: Record<string, string>;
  /** Databases that need no DbSslConfig, by resource name, URN or id. */
  exempt?: string[];
}

export interface Violation {
  urn: string;
  message: string;
}

interface SslConfigView {
  name: string;
  family: string;
  instanceId: PropValue;
  sslEnabled: PropValue;
  /** URNs of the resources `instanceId` was computed from. */
  instanceIdSources: ReadonlySet<string>;
}

function sslConfigs(resources: readonly PolicyResource[]): SslConfigView[] {
  const views: SslConfigView[] = [];
  for (const r of resources) {
    const family = dbSslConfigFamily(r.type);
    if (!family) continue;
    views.push({
      name: r.name,
      family,
      instanceId: readProp(r.props, "instanceId"),
      sslEnabled: readProp(r.props, "sslEnabled"),
      instanceIdSources: new Set((r.propertyDependencies?.instanceId ?? []).map((d) => d.urn)),
    });
  }
  return views;
}

function names(config: SslConfigView, database: PolicyResource, id: string | undefined): boolean {
  if (config.instanceIdSources.has(database.urn)) return true;
  return id !== undefined && config.instanceId === id;
}

/** Why a config that names the database does not count, or undefined when it does. */
function whyNotCounted(config: SslConfigView, kind: DatabaseKind): string | undefined {
  if (config.family !== kind.family) {
    return `"${config.name}" is an ${config.family} DbSslConfig`;
  }
  // Unknown at preview: the resource policy checks it again when the value is known.
  if (config.sslEnabled === false) return `"${config.name}" sets sslEnabled: false`;
  return undefined;
}

function describe(database: PolicyResource, id: string | undefined): string {
  const where = id ? ` (${id})` : " (new: its id is known once it is created)";
  return `${database.type} "${database.name}"${where}`;
}

function uncoveredMessage(
  database: PolicyResource,
  kind: DatabaseKind,
  id: string | undefined,
  reasons: string[],
): string {
  const others = reasons.length ? ` Found: ${reasons.join("; ")}.` : "";
  return (
    `${describe(database, id)} has no ${kind.family} DbSslConfig with sslEnabled: true naming it.` +
    `${others} Declare one: new dbssl.${kind.family}.DbSslConfig("${database.name}-ssl", ` +
    `{ instanceId: <database>.id }).`
  );
}

function extraKinds(config: CoverageConfig): DatabaseKind[] {
  return Object.entries(config.extraDatabaseTypes ?? {}).map(([type, family]) => ({
    type,
    family,
  }));
}

/** One violation per recognised database without a DbSslConfig that keeps SSL on. */
export function uncoveredDatabases(
  resources: readonly PolicyResource[],
  config: CoverageConfig = {},
): Violation[] {
  const configs = sslConfigs(resources);
  const exempt = new Set(config.exempt ?? []);
  const extra = extraKinds(config);
  const violations: Violation[] = [];
  for (const database of resources) {
    const kind = databaseKind(database.type, extra);
    if (!kind || kind.needsConfig?.(database.props) === false) continue;
    const idValue = readProp(database.props, "id");
    const id = idValue === UNKNOWN ? undefined : knownString(idValue);
    if ([database.name, database.urn, id].some((k) => k !== undefined && exempt.has(k))) continue;
    const naming = configs.filter((c) => names(c, database, id));
    const reasons = naming.map((c) => whyNotCounted(c, kind));
    if (reasons.some((r) => r === undefined)) continue;
    violations.push({
      urn: database.urn,
      message: uncoveredMessage(database, kind, id, reasons as string[]),
    });
  }
  return violations;
}
