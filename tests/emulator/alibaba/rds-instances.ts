/**
 * In-memory ApsaraDB RDS instances and their SSL state machine.
 *
 * After an accepted ModifyDBInstanceSSL an instance still reads `Running` with its OLD SSL state for
 * `lagMs` (the real API is eventually consistent: alibaba.md §6.3 "first wait until the status leaves
 * Running"), then `SSL_MODIFYING` (the undocumented status Terraform waits through, §1.1) for `durationMs`,
 * then `Running` with the new state. Everything is computed lazily from virtual timestamps (no timers),
 * so advancing the emulator clock is what moves an instance along.
 *
 * The default lag (12 s) is longer than the provider's first poll (5 s), so a waiter that takes "Running
 * and the old state" as done, or that forgets what it saw between polls, ends before the change.
 */
import { DEFAULT_PEM_ECHO, type PemEcho } from "./pem-echo";

export type RdsEngine = "MySQL" | "PostgreSQL" | "SQLServer";
export const RDS_ENGINES: readonly RdsEngine[] = ["MySQL", "PostgreSQL", "SQLServer"];

export interface RdsTiming {
  /** Virtual ms during which the instance still reads Running and the old SSL state. */
  lagMs: number;
  /** Virtual ms in SSL_MODIFYING after the lag. */
  durationMs: number;
  /**
   * True: DescribeDBInstanceSSL shows the NEW `SSLEnabled` from the moment the Modify is accepted (during
   * the lag, while the status still reads Running and nothing has restarted), every other field the old
   * one until the change lands. A waiter that ends on the flag ends before the restart.
   */
  flipEarly: boolean;
  /** True: a Modify during the lag gets the busy code (kinder than the real API, which accepts it). */
  rejectDuringLag?: boolean;
}

export const DEFAULT_RDS_TIMING: RdsTiming = { lagMs: 12000, durationMs: 30000, flipEarly: false };

/** `DescribeDBInstanceAttribute.LockMode` values (SDK 15.4.0 `DescribeDbinstanceAttributeResponseBody.d.ts`). */
export const RDS_LOCK_MODES = [
  "Unlock",
  "ManualLock",
  "LockByExpiration",
  "LockByRestoration",
  "LockByDiskQuota",
  "LockReadInstanceByDiskQuota",
] as const;
export type RdsLockMode = (typeof RDS_LOCK_MODES)[number];

/**
 * The code a Modify on a busy (not Running, or change pending) instance answers. Both are met after a
 * change (alibaba.md §3, Terraform PRs #3638/#3487; §5 lists both as "wait, then retry").
 */
export type RdsBusyCode = "IncorrectDBInstanceState" | "OperationDenied.DBInstanceStatus";
export const CERT_VALIDITY_MS = 365 * 24 * 3600 * 1000;

export interface RdsSslState {
  sslEnabled: boolean;
  caType: "aliyun" | "custom";
  serverCert?: string;
  serverKey?: string;
  clientCaEnabled: boolean;
  clientCaCert?: string;
  clientCrlEnabled: boolean;
  clientCertRevocationList?: string;
  acl?: string;
  replicationAcl?: string;
  /** "1" or "0", as the API sends it. */
  forceEncryption: string;
  tlsVersion?: string;
  /** The endpoint the certificate protects. */
  connectionString?: string;
  /** Virtual epoch ms when SSL was enabled or the certificate last renewed. */
  createdAt?: number;
  /** Virtual epoch ms when the certificate expires. */
  expiresAt?: number;
  /** PostgreSQL `LastModifyStatus`. */
  lastModifyStatus: "success" | "setting" | "failed";
  /** PostgreSQL `ModifyStatusReason` (e.g. why an earlier change failed). */
  modifyStatusReason?: string;
}

/** A partial SSL state, as given to seed or to an out-of-band change. Times: epoch ms or ISO 8601. */
export type RdsSslPatch = Partial<Omit<RdsSslState, "createdAt" | "expiresAt">> & {
  createdAt?: number | string;
  expiresAt?: number | string;
};

export interface RdsInstanceSeed {
  id: string;
  engine: RdsEngine;
  engineVersion?: string;
  regionId?: string;
  /** Default `${id}.mysql.rds.aliyuncs.com` (`.pg.`, `.sqlserver.` for the other engines). */
  connectionString?: string;
  port?: number;
  /** Base status, default "Running". */
  status?: string;
  ssl?: RdsSslPatch;
  timing?: Partial<RdsTiming>;
  /** Default "Unlock". */
  lockMode?: RdsLockMode;
  lockReason?: string;
  /** The code a Modify on this instance answers while it is busy; default IncorrectDBInstanceState. */
  busyCode?: RdsBusyCode;
  /** How DescribeDBInstanceSSL wraps the PEMs it returns; default re-folded at 76, CRLF, leaf only. */
  pemEcho?: Partial<PemEcho>;
}

export interface PendingModify {
  acceptedAt: number;
  modifyingAt: number;
  completesAt: number;
  target: RdsSslState;
  /** The task-center entry of this change (DescribeHistoryTasks / DescribeTasks); set on acceptance. */
  taskId: string;
  /** Restarts this pending change stands for: 2 when a second Modify was queued during the lag. */
  restarts: number;
}

export interface RdsInstance {
  id: string;
  engine: RdsEngine;
  engineVersion: string;
  regionId: string;
  connectionString: string;
  port: number;
  status: string;
  ssl: RdsSslState;
  timing: RdsTiming;
  pending?: PendingModify;
  lockMode: RdsLockMode;
  lockReason: string;
  busyCode: RdsBusyCode;
  pemEcho: PemEcho;
}

const ENGINE_DEFAULTS: Record<RdsEngine, { version: string; port: number; domain: string }> = {
  MySQL: { version: "8.0", port: 3306, domain: "mysql" },
  PostgreSQL: { version: "14.0", port: 5432, domain: "pg" },
  SQLServer: { version: "2019_std_ha", port: 1433, domain: "sqlserver" },
};

export function toEpochMs(value: number | string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === "number" ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`${name} must be epoch ms or an ISO 8601 time`);
  return ms;
}

export function disabledSsl(): RdsSslState {
  return {
    sslEnabled: false,
    caType: "aliyun",
    clientCaEnabled: false,
    clientCrlEnabled: false,
    forceEncryption: "0",
    lastModifyStatus: "success",
  };
}

/** Applies a console-style patch: turning SSL on without times gives a fresh one-year certificate. */
export function patchSsl(current: RdsSslState, patch: RdsSslPatch, now: number): RdsSslState {
  const { createdAt, expiresAt, ...rest } = patch;
  const next: RdsSslState = { ...current, ...rest };
  const turnedOn = next.sslEnabled && (!current.sslEnabled || current.expiresAt === undefined);
  next.createdAt = toEpochMs(createdAt, "ssl.createdAt") ?? (turnedOn ? now : next.createdAt);
  next.expiresAt =
    toEpochMs(expiresAt, "ssl.expiresAt") ??
    (turnedOn ? (next.createdAt ?? now) + CERT_VALIDITY_MS : next.expiresAt);
  if (!next.sslEnabled) {
    next.createdAt = undefined;
    next.expiresAt = undefined;
  }
  return next;
}

export function newRdsInstance(
  seed: RdsInstanceSeed,
  defaults: RdsTiming,
  now: number,
): RdsInstance {
  if (!seed.id) throw new Error("instance id is required");
  if (!RDS_ENGINES.includes(seed.engine)) {
    throw new Error(`engine must be one of ${RDS_ENGINES.join(", ")}`);
  }
  const engine = ENGINE_DEFAULTS[seed.engine];
  const connectionString = seed.connectionString ?? `${seed.id}.${engine.domain}.rds.aliyuncs.com`;
  const ssl = patchSsl(disabledSsl(), seed.ssl ?? {}, now);
  if (ssl.sslEnabled && ssl.connectionString === undefined) ssl.connectionString = connectionString;
  return {
    id: seed.id,
    engine: seed.engine,
    engineVersion: seed.engineVersion ?? engine.version,
    regionId: seed.regionId ?? "cn-hangzhou",
    connectionString,
    port: seed.port ?? engine.port,
    status: seed.status ?? "Running",
    ssl,
    timing: { ...defaults, ...seed.timing },
    lockMode: checkLockMode(seed.lockMode ?? "Unlock"),
    lockReason: seed.lockReason ?? "",
    busyCode: checkBusyCode(seed.busyCode ?? "IncorrectDBInstanceState"),
    pemEcho: { ...DEFAULT_PEM_ECHO, ...seed.pemEcho },
  };
}

export function checkLockMode(mode: string): RdsLockMode {
  const found = RDS_LOCK_MODES.find((m) => m === mode);
  if (!found) throw new Error(`lockMode must be one of ${RDS_LOCK_MODES.join(", ")}`);
  return found;
}

export function checkBusyCode(code: string): RdsBusyCode {
  if (code !== "IncorrectDBInstanceState" && code !== "OperationDenied.DBInstanceStatus") {
    throw new Error(
      "busyCode must be IncorrectDBInstanceState or OperationDenied.DBInstanceStatus",
    );
  }
  return code;
}

/** Lands a finished Modify. Called before every read, so state follows the virtual clock. */
export function settle(instance: RdsInstance, now: number): void {
  if (instance.pending && now >= instance.pending.completesAt) {
    instance.ssl = instance.pending.target;
    instance.pending = undefined;
  }
}

export type ModifyPhase = "lag" | "modifying" | "none";

export function modifyPhase(instance: RdsInstance, now: number): ModifyPhase {
  settle(instance, now);
  if (!instance.pending) return "none";
  return now < instance.pending.modifyingAt ? "lag" : "modifying";
}

/** The status DescribeDBInstanceAttribute reports now. */
export function visibleStatus(instance: RdsInstance, now: number): string {
  return modifyPhase(instance, now) === "modifying" ? "SSL_MODIFYING" : instance.status;
}

/**
 * The SSL state DescribeDBInstanceSSL reports now: the old one until the Modify lands (with `flipEarly`,
 * the new SSLEnabled flag from the start). A `LastModifyStatus=failed` left by an earlier change still
 * shows during the lag; `setting` shows while modifying.
 */
export function visibleSsl(instance: RdsInstance, now: number): RdsSslState {
  const phase = modifyPhase(instance, now);
  const pending = instance.pending;
  if (phase === "none" || !pending) return instance.ssl;
  const flag = instance.timing.flipEarly ? { sslEnabled: pending.target.sslEnabled } : {};
  const setting =
    phase === "modifying"
      ? {
          lastModifyStatus: "setting" as const,
          modifyStatusReason: "Modify DB Instance SSL Config.",
        }
      : {};
  return { ...instance.ssl, ...flag, ...setting };
}

/** Starts the state machine for an accepted Modify; `target` is what the instance will read after. */
export function startModify(
  instance: RdsInstance,
  now: number,
  target: (completesAt: number) => RdsSslState,
): PendingModify {
  // Queued during the lag of an earlier Modify: a second restart right after the first one.
  const before = instance.pending;
  const modifyingAt = before ? before.modifyingAt : now + instance.timing.lagMs;
  const completesAt = (before ? before.completesAt : modifyingAt) + instance.timing.durationMs;
  instance.pending = {
    acceptedAt: now,
    modifyingAt,
    completesAt,
    target: target(completesAt),
    taskId: "",
    restarts: (before?.restarts ?? 0) + 1,
  };
  return instance.pending;
}
