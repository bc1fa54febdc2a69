/**
 * In-memory ApsaraDB for MongoDB (DDS) instances and their SSL state machine.
 *
 * After an accepted ModifyDBInstanceSSL with SwitchMode 0 an instance still reads `Running` with its
 * OLD SSL state for `lagMs` (the API is eventually consistent, alibaba.md §6.3), then `SSLModifying`,
 * then `NodeRestarting` (the restart the seed warns about; Terraform's pending list {SSLModifying}
 * would abort on it, alibaba.md §2.3), then `Running` with the new state. With SwitchMode 1 the change
 * waits for the next maintenance window (`MaintainStartTime`), reading `Running` and the old state,
 * its task `Waiting`; then it modifies and restarts the same way. Everything is computed lazily from
 * virtual timestamps, so advancing the emulator clock moves instances along.
 */
export interface DdsTiming {
  /** Virtual ms during which the instance still reads Running and the old SSL state. */
  lagMs: number;
  /** Virtual ms of SSLModifying + NodeRestarting after the lag (or from the window start). */
  durationMs: number;
  /** True: SSLStatus shows the new value from acceptance, before anything restarted. */
  flipEarly: boolean;
  /**
   * True: the change shows nowhere while it runs (the status stays Running, the task center lists
   * no task): only the SSL read moves when it lands, e.g. the expiry of an Update. The harshest
   * reading of "minutes" with no documented status (alibaba.md §6): a waiter that takes a steady
   * instance with SSL on for a finished renewal reports success before the new certificate.
   */
  quiet?: boolean;
}

export const DEFAULT_DDS_TIMING: DdsTiming = { lagMs: 12000, durationMs: 30000, flipEarly: false };
export const DDS_CERT_VALIDITY_MS = 365 * 24 * 3600 * 1000;

/** `DBInstanceType` (SDK: replicate = replica set, sharding = sharded cluster). */
export type DdsInstanceType = "replicate" | "sharding";
export const DDS_LOCK_MODES = [
  "Unlock",
  "ManualLock",
  "LockByExpiration",
  "LockByRestoration",
  "LockByDiskQuota",
] as const;
export type DdsLockMode = (typeof DDS_LOCK_MODES)[number];

/**
 * Seed-000 refusals that depend on what no read shows (the node's character type, the region's SSL
 * support, a minor version the API refuses, a lock taken after the read): set per instance, every
 * Modify answers the code.
 */
export const DDS_REFUSALS = [
  "InvalidParam",
  "IncorrectCharacterType",
  "IncorrectEngineVersion",
  "IncorrectDBInstanceLockMode",
  "EnabledSSLNotSupport",
] as const;
export type DdsRefusal = (typeof DDS_REFUSALS)[number];

export interface DdsSslState {
  open: boolean;
  /** Virtual epoch ms. */
  expiresAt?: number;
  forceEncryption: boolean;
}

export interface DdsInstanceSeed {
  id: string;
  instanceType?: DdsInstanceType;
  /** Default "4.4". */
  engineVersion?: string;
  /** Default "cloud_essd1" (`local_ssd`, `cloud_essd2`, ...). */
  storageType?: string;
  /** A single-node instance (seed: not a replica set or sharded cluster): SSL refused. */
  singleNode?: boolean;
  regionId?: string;
  /** Base status, default "Running". */
  status?: string;
  ssl?: { open?: boolean; expiresAt?: number | string; forceEncryption?: boolean };
  timing?: Partial<DdsTiming>;
  lockMode?: DdsLockMode;
  /** `HH:mmZ`, default "18:00Z"; the window lasts an hour (DDS requires exactly one hour). */
  maintainStartTime?: string;
  refuseModify?: DdsRefusal;
}

export interface DdsPending {
  acceptedAt: number;
  /** SSLModifying from here (after the lag, or at the window start). */
  modifyingAt: number;
  completesAt: number;
  target: DdsSslState;
  scheduled: boolean;
  taskId: string;
  restarts: number;
}

export interface DdsInstance {
  id: string;
  instanceType: DdsInstanceType;
  engineVersion: string;
  storageType: string;
  singleNode: boolean;
  regionId: string;
  status: string;
  ssl: DdsSslState;
  timing: DdsTiming;
  lockMode: DdsLockMode;
  maintainStartTime: string;
  refuseModify?: DdsRefusal;
  pending?: DdsPending;
}

export function toEpochMs(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === "number" ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error("ssl.expiresAt must be epoch ms or an ISO 8601 time");
  return ms;
}

function check<T extends string>(name: string, value: T, allowed: readonly string[]): T {
  if (!allowed.includes(value)) throw new Error(`${name} must be one of ${allowed.join(", ")}`);
  return value;
}

export function checkLockMode(mode: string): DdsLockMode {
  return check("lockMode", mode as DdsLockMode, DDS_LOCK_MODES);
}

export function newDdsInstance(
  seed: DdsInstanceSeed,
  defaults: DdsTiming,
  now: number,
): DdsInstance {
  if (!seed.id) throw new Error("instance id is required");
  const start = seed.maintainStartTime ?? "18:00Z";
  if (!/^([01]\d|2[0-3]):[0-5]\dZ$/.test(start))
    throw new Error("maintainStartTime must be HH:mmZ");
  const open = seed.ssl?.open ?? false;
  return {
    id: seed.id,
    instanceType: check("instanceType", seed.instanceType ?? "replicate", [
      "replicate",
      "sharding",
    ]),
    engineVersion: seed.engineVersion ?? "4.4",
    storageType: seed.storageType ?? "cloud_essd1",
    singleNode: seed.singleNode ?? false,
    regionId: seed.regionId ?? "cn-hangzhou",
    status: seed.status ?? "Running",
    ssl: {
      open,
      expiresAt: open ? (toEpochMs(seed.ssl?.expiresAt) ?? now + DDS_CERT_VALIDITY_MS) : undefined,
      forceEncryption: open && (seed.ssl?.forceEncryption ?? false),
    },
    timing: { ...defaults, ...seed.timing },
    lockMode: checkLockMode(seed.lockMode ?? "Unlock"),
    maintainStartTime: start,
    refuseModify:
      seed.refuseModify === undefined
        ? undefined
        : check("refuseModify", seed.refuseModify, DDS_REFUSALS),
  };
}

/** `HH:mmZ` one hour after `start`. */
export function maintainEndTime(start: string): string {
  const hour = (Number(start.slice(0, 2)) + 1) % 24;
  return `${String(hour).padStart(2, "0")}${start.slice(2)}`;
}

/** The next start of the maintenance window at or after `now` (virtual epoch ms). */
export function nextWindowStart(start: string, now: number): number {
  const day = new Date(now);
  const at = Date.UTC(
    day.getUTCFullYear(),
    day.getUTCMonth(),
    day.getUTCDate(),
    Number(start.slice(0, 2)),
    Number(start.slice(3, 5)),
  );
  return at >= now ? at : at + 24 * 3600_000;
}

/** Lands a finished change. Called before every read, so state follows the virtual clock. */
export function settle(instance: DdsInstance, now: number): void {
  if (instance.pending && now >= instance.pending.completesAt) {
    instance.ssl = instance.pending.target;
    instance.pending = undefined;
  }
}

export type DdsPhase = "none" | "waiting" | "lag" | "modifying" | "restarting";

export function phaseOf(instance: DdsInstance, now: number): DdsPhase {
  settle(instance, now);
  const p = instance.pending;
  if (!p) return "none";
  if (now < p.modifyingAt) return p.scheduled ? "waiting" : "lag";
  // The last third of the change is the restart of the nodes.
  const restartAt = p.completesAt - Math.floor((p.completesAt - p.modifyingAt) / 3);
  return now < restartAt ? "modifying" : "restarting";
}

/** What DescribeDBInstanceAttribute reports now. */
export function visibleStatus(instance: DdsInstance, now: number): string {
  const phase = phaseOf(instance, now);
  if (instance.timing.quiet) return instance.status;
  if (phase === "modifying") return "SSLModifying";
  if (phase === "restarting") return "NodeRestarting";
  return instance.status;
}

/** What DescribeDBInstanceSSL reports now (with `flipEarly`, SSLStatus flips at acceptance). */
export function visibleSsl(instance: DdsInstance, now: number): DdsSslState {
  const phase = phaseOf(instance, now);
  const p = instance.pending;
  if (phase === "none" || !p || !instance.timing.flipEarly || p.scheduled) return instance.ssl;
  return { ...instance.ssl, open: p.target.open };
}

/** MongoDB 7.0 / 8.0 on cloud disks have ForceEncryption (seed 000, Terraform doc). */
export function forceEncryptionCapable(instance: DdsInstance): boolean {
  return /^(7|8)\.0/.test(instance.engineVersion) && instance.storageType.startsWith("cloud_");
}
