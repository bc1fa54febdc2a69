/**
 * The stack checks. Coverage: every recognised database has a `DbSslConfig` of its family, with
 * `sslEnabled` not false, that names it, or keeps SSL on through its own provider's setting
 * (`native-ssl.ts`). A config names a database by its `instanceId` value (an existing database:
 * the id is in the database's outputs), or, when that value is not known yet (a new database at
 * preview), by the property dependency the engine records when the program passes `database.id`
 * as `instanceId` (`propertyDependencies.instanceId`). Declared once: a database whose SSL both
 * its own provider and a `DbSslConfig` declare is reported, because each puts back its own value.
 */
import type { PolicyResource } from "@pulumi/policy";
import { databaseKind, dbSslConfigFamily, type DatabaseKind } from "./databases";
import { describeNative, keepOneFix, nativeSsl, type NativeSsl } from "./native-ssl";
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

function uncoveredMessage(db: DatabaseView, reasons: string[]): string {
  const others = reasons.length ? ` Found: ${reasons.join("; ")}.` : "";
  const { database, kind, id } = db;
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

/** A recognised database, what names it, and what its own provider declares. */
interface DatabaseView {
  database: PolicyResource;
  kind: DatabaseKind;
  id: string | undefined;
  naming: SslConfigView[];
  native: NativeSsl | undefined;
}

function databaseViews(resources: readonly PolicyResource[], config: CoverageConfig) {
  const configs = sslConfigs(resources);
  const exempt = new Set(config.exempt ?? []);
  const extra = extraKinds(config);
  const views: DatabaseView[] = [];
  for (const database of resources) {
    const kind = databaseKind(database.type, extra);
    if (!kind || kind.needsConfig?.(database.props) === false) continue;
    const idValue = readProp(database.props, "id");
    const id = idValue === UNKNOWN ? undefined : knownString(idValue);
    if ([database.name, database.urn, id].some((k) => k !== undefined && exempt.has(k))) continue;
    const naming = configs.filter((c) => names(c, database, id));
    views.push({ database, kind, id, naming, native: nativeSsl(database, id, resources) });
  }
  return views;
}

/**
 * One violation per recognised database whose SSL neither a DbSslConfig nor its own provider
 * keeps on.
 */
export function uncoveredDatabases(
  resources: readonly PolicyResource[],
  config: CoverageConfig = {},
): Violation[] {
  const violations: Violation[] = [];
  for (const db of databaseViews(resources, config)) {
    if (db.native?.on) continue;
    const reasons = db.naming.map((c) => whyNotCounted(c, db.kind));
    if (reasons.some((r) => r === undefined)) continue;
    if (db.native) reasons.unshift(describeNative(db.native));
    violations.push({ urn: db.database.urn, message: uncoveredMessage(db, reasons as string[]) });
  }
  return violations;
}

/**
 * One violation per database whose SSL both its own provider and a DbSslConfig declare: each
 * finds the other's change as drift and puts its own value back (README "Living beside the
 * clouds' own providers").
 */
export function declaredTwice(
  resources: readonly PolicyResource[],
  config: CoverageConfig = {},
): Violation[] {
  const violations: Violation[] = [];
  for (const { database, id, naming, native } of databaseViews(resources, config)) {
    if (!native || naming.length === 0) continue;
    const configs = naming.map((c) => `"${c.name}"`).join(", ");
    violations.push({
      urn: database.urn,
      message:
        `${describe(database, id)} declares SSL twice: ${describeNative(native)}, and ` +
        `DbSslConfig ${configs} names it too. Each puts its own value back when it finds the ` +
        `other's; keep one: ${keepOneFix(native)}.`,
    });
  }
  return violations;
}
