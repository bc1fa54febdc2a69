/**
 * In-memory Tair / ApsaraDB for Redis (R-KVStore 2015-01-01) instances and their SSL state machine.
 *
 * After an accepted ModifyInstanceSSL the instance still reads `Normal` with its OLD SSL state for
 * `lagMs` (Terraform waits 5 minutes before its first poll for exactly this, alibaba.md §2.4), then
 * `SSLModifying` and, for the restart, `Changing` (Terraform PR #1539 "unexpected state 'Changing'")
 * for `durationMs` in all, then `Normal` with the new state. Computed lazily from virtual time.
 *
 * DescribeInstanceSSL never reads `Update` (alibaba.md §1.3), and its `SSLExpiredTime` is documented as
 * the CA certificate's expiry (SDK `DescribeInstanceSslresponseBody.d.ts`): by default a certificate
 * update does NOT move it (`expiryOnUpdate: "unchanged"`), so only the task shows that a renewal ran.
 */

/** Why an instance refuses SSL: the seed's 403/404 codes (seed 002, ModifyInstanceSSL error table). */
export type KvstoreRefusal =
  "IncorrectEngineVersion" | "IncorrectCharacterType" | "EnabledSSLNotSupport";
export const KVSTORE_REFUSALS: readonly KvstoreRefusal[] = [
  "IncorrectEngineVersion",
  "IncorrectCharacterType",
  "EnabledSSLNotSupport",
];

export interface KvstoreTiming {
  /** Virtual ms during which the instance still reads Normal and the old SSL state. */
  lagMs: number;
  /** Virtual ms in SSLModifying, then Changing (half each), after the lag. */
  durationMs: number;
  /** True: DescribeInstanceSSL shows the new `SSLEnabled` from acceptance, before any restart. */
  flipEarly?: boolean;
  /** True: a Modify during the lag is refused as busy (kinder than accepting a second restart). */
  rejectDuringLag?: boolean;
}

export const DEFAULT_KVSTORE_TIMING: KvstoreTiming = { lagMs: 12000, durationMs: 30000 };

/** Tair TLS certificates are valid for 3 years (alibaba.md §1.3 "classic SSL certs ... 3 years"). */
export const KVSTORE_CERT_VALIDITY_MS = 3 * 365 * 24 * 3600 * 1000;

export interface KvstoreSslState {
  sslEnabled: boolean;
  /** Virtual epoch ms when the certificate expires (SSLExpiredTime). */
  expiresAt?: number;
}

export type KvstoreAction = "Enable" | "Disable" | "Update";

export interface KvstoreInstanceSeed {
  id: string;
  /** `EngineVersion`, default "7.0". */
  engineVersion?: string;
  regionId?: string;
  /** Base `InstanceStatus`, default "Normal". */
  status?: string;
  /** `NodeType`: "double" (master-replica, default) or "single" (standalone: no TLS). */
  nodeType?: "double" | "single";
  /** `ArchitectureType`, default "standard". */
  architectureType?: "standard" | "cluster" | "rwsplit";
  ssl?: { sslEnabled?: boolean; expiresAt?: number | string };
  timing?: Partial<KvstoreTiming>;
  /** A locked instance: Modify answers 403 IncorrectDBInstanceLockMode (the status stays Normal). */
  locked?: boolean;
  /** The instance refuses SSL with this code (engine minor version, character type, region). */
  refuse?: KvstoreRefusal;
  /** What a certificate Update does to SSLExpiredTime; default "unchanged" (see the file comment). */
  expiryOnUpdate?: "unchanged" | "renewed";
}

export interface KvstorePending {
  action: KvstoreAction;
  acceptedAt: number;
  modifyingAt: number;
  completesAt: number;
  target: KvstoreSslState;
  /** ModifyInstanceSSL's `TaskId` (DescribeTaskDetail) of this change. */
  taskId: string;
}

export interface KvstoreInstance {
  id: string;
  engineVersion: string;
  regionId: string;
  status: string;
  nodeType: "double" | "single";
  architectureType: string;
  ssl: KvstoreSslState;
  timing: KvstoreTiming;
  locked: boolean;
  refuse?: KvstoreRefusal;
  expiryOnUpdate: "unchanged" | "renewed";
  pending?: KvstorePending;
}

export function toEpochMs(value: number | string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === "number" ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`${name} must be epoch ms or an ISO 8601 time`);
  return ms;
}

/** SSL on without an expiry gets a fresh certificate; SSL off has none. */
export function sslState(
  patch: { sslEnabled?: boolean; expiresAt?: number | string },
  current: KvstoreSslState,
  now: number,
): KvstoreSslState {
  const sslEnabled = patch.sslEnabled ?? current.sslEnabled;
  if (!sslEnabled) return { sslEnabled: false };
  const given = toEpochMs(patch.expiresAt, "ssl.expiresAt");
  const kept = current.sslEnabled ? current.expiresAt : undefined;
  return { sslEnabled: true, expiresAt: given ?? kept ?? now + KVSTORE_CERT_VALIDITY_MS };
}

export function newKvstoreInstance(
  seed: KvstoreInstanceSeed,
  defaults: KvstoreTiming,
  now: number,
): KvstoreInstance {
  if (!/^r-[a-z0-9-]+$/.test(seed.id ?? "")) throw new Error('instance id must look like "r-..."');
  if (seed.refuse !== undefined && !KVSTORE_REFUSALS.includes(seed.refuse)) {
    throw new Error(`refuse must be one of ${KVSTORE_REFUSALS.join(", ")}`);
  }
  return {
    id: seed.id,
    engineVersion: seed.engineVersion ?? "7.0",
    regionId: seed.regionId ?? "cn-hangzhou",
    status: seed.status ?? "Normal",
    nodeType: seed.nodeType ?? "double",
    architectureType: seed.architectureType ?? "standard",
    ssl: sslState(seed.ssl ?? {}, { sslEnabled: false }, now),
    timing: { ...defaults, ...seed.timing },
    locked: seed.locked ?? false,
    refuse: seed.refuse,
    expiryOnUpdate: seed.expiryOnUpdate ?? "unchanged",
  };
}

/** Lands a finished Modify. Called before every read, so state follows the virtual clock. */
export function settle(instance: KvstoreInstance, now: number): void {
  if (instance.pending && now >= instance.pending.completesAt) {
    instance.ssl = instance.pending.target;
    instance.pending = undefined;
  }
}

export type KvstorePhase = "none" | "lag" | "sslModifying" | "changing";

export function phaseOf(instance: KvstoreInstance, now: number): KvstorePhase {
  settle(instance, now);
  const p = instance.pending;
  if (!p) return "none";
  if (now < p.modifyingAt) return "lag";
  return now < (p.modifyingAt + p.completesAt) / 2 ? "sslModifying" : "changing";
}

/** The `InstanceStatus` DescribeInstanceAttribute reports now. */
export function visibleStatus(instance: KvstoreInstance, now: number): string {
  const phase = phaseOf(instance, now);
  if (phase === "sslModifying") return "SSLModifying";
  if (phase === "changing") return "Changing";
  return instance.status;
}

/** The SSL state DescribeInstanceSSL reports now: the old one until the change lands. */
export function visibleSsl(instance: KvstoreInstance, now: number): KvstoreSslState {
  const phase = phaseOf(instance, now);
  const p = instance.pending;
  if (phase === "none" || !p || !instance.timing.flipEarly) return instance.ssl;
  return p.target.sslEnabled === instance.ssl.sslEnabled
    ? instance.ssl
    : { ...instance.ssl, sslEnabled: p.target.sslEnabled };
}

/** The state an accepted action leaves once it lands at `completesAt`. */
export function targetOf(
  instance: KvstoreInstance,
  action: KvstoreAction,
  from: KvstoreSslState,
  completesAt: number,
): KvstoreSslState {
  if (action === "Disable") return { sslEnabled: false };
  if (action === "Enable")
    return { sslEnabled: true, expiresAt: completesAt + KVSTORE_CERT_VALIDITY_MS };
  const renewed = instance.expiryOnUpdate === "renewed";
  return {
    sslEnabled: true,
    expiresAt: renewed ? completesAt + KVSTORE_CERT_VALIDITY_MS : from.expiresAt,
  };
}

/** Starts the state machine; a Modify queued during an earlier one's lag restarts once more after it. */
export function startModify(
  instance: KvstoreInstance,
  action: KvstoreAction,
  now: number,
  taskId: string,
): KvstorePending {
  const before = instance.pending;
  const modifyingAt = before ? before.modifyingAt : now + instance.timing.lagMs;
  const completesAt = (before ? before.completesAt : modifyingAt) + instance.timing.durationMs;
  const from = before?.target ?? instance.ssl;
  instance.pending = {
    action,
    acceptedAt: now,
    modifyingAt,
    completesAt,
    target: targetOf(instance, action, from, completesAt),
    taskId,
  };
  return instance.pending;
}
