/**
 * Emulated RDS v3 instances (Open Telekom Cloud and Huawei Cloud; tencent-huawei.md §2): a reboot
 * state machine per SSL change on the virtual clock, read lazily.
 *
 * After an accepted PUT the instance reads ACTIVE with the OLD `enable_ssl` for `lagMs` (longer
 * than a 5 s poll; OTC's backend may not change the status at first, OTC provider PR #2049), then
 * REBOOTING for `rebootMs` (enabling or disabling SSL reboots the instance, OTC user guide), then
 * ACTIVE with the new flag. `flipEarly` shows the new flag from acceptance, before the reboot.
 * A change that fails (admin `failNextChange`) reboots too and ends ACTIVE with the old flag.
 *
 * A second PUT during the lag (the instance still reads ACTIVE) is accepted and reboots the
 * instance again (`acceptsDuringLag`, the default): nothing documents a refusal, and the harsher
 * cloud is the one a crash-resume must survive (issue 17 item 3). Instance tags (rds_06_0037,
 * rds_06_0038) are kept per instance and listed with the instance.
 */

export type RdsV3CloudName = "opentelekomcloud" | "huaweicloud";

/**
 * How the PUT answers (tencent-huawei.md §2.1): OTC's documented 200 `{}`, OTC's 202 since
 * 2026-07 (body not known; an empty one here), Huawei's 200 `{"job_id"}`.
 */
export type RdsV3AnswerShape = "empty200" | "accepted202" | "job";

export const RDSV3_ANSWER_SHAPES: readonly RdsV3AnswerShape[] = ["empty200", "accepted202", "job"];

export interface RdsV3Timing {
  lagMs: number;
  rebootMs: number;
  flipEarly: boolean;
  /** A new job cannot be queried for this long (rds_13_0003: "it takes several seconds"); longer than the first 5 s poll. */
  jobVisibleAfterMs: number;
  /** A second PUT while the first still lags (status ACTIVE) is accepted: a second reboot. */
  acceptsDuringLag: boolean;
}

export const DEFAULT_RDSV3_TIMING: RdsV3Timing = {
  lagMs: 12_000,
  rebootMs: 60_000,
  flipEarly: false,
  jobVisibleAfterMs: 8_000,
  acceptsDuringLag: true,
};

export type RdsV3Engine = "MySQL" | "PostgreSQL" | "SQLServer";

export interface RdsV3InstanceSeed {
  id: string;
  projectId: string;
  /** Default "opentelekomcloud"; decides the default answer shape and the PostgreSQL rule. */
  cloud?: RdsV3CloudName;
  engine?: RdsV3Engine;
  engineVersion?: string;
  name?: string;
  region?: string;
  /** Default ACTIVE. */
  status?: string;
  /** Default false; OTC PostgreSQL always true (SSL cannot be disabled). */
  enableSsl?: boolean;
  answer?: RdsV3AnswerShape;
  /**
   * Default true: the instant task list (`GET …/tasklist`, OTC rds_13_0002, Huawei rds_06_0138)
   * shows the switch as a Running task with a `process`. Not verified on either cloud (the pages
   * do not list the task types), so false is the cloud that leaves it out.
   */
  listsSwitchTask?: boolean;
  timing?: Partial<RdsV3Timing>;
}

export interface RdsV3PendingChange {
  target: boolean;
  acceptedAt: number;
  endsAt: number;
  jobId?: string;
  failReason?: string;
}

export interface RdsV3Instance {
  id: string;
  projectId: string;
  cloud: RdsV3CloudName;
  engine: RdsV3Engine;
  engineVersion: string;
  name: string;
  region: string;
  status: string;
  enableSsl: boolean;
  answer: RdsV3AnswerShape;
  listsSwitchTask: boolean;
  timing: RdsV3Timing;
  created: number;
  pending?: RdsV3PendingChange;
  /** The next accepted change fails with this reason (its job reads Failed). */
  failNext?: string;
  /** Instance tags, in the order they were added (key to value). */
  tags: Map<string, string>;
  /** Tag calls are refused (403), as for a user without the tag permission. */
  tagsRefused?: boolean;
}

const DEFAULT_VERSIONS: Record<RdsV3Engine, string> = {
  MySQL: "8.0",
  PostgreSQL: "14",
  SQLServer: "2019_SE",
};

export function newInstance(
  seed: RdsV3InstanceSeed,
  timing: RdsV3Timing,
  now: number,
): RdsV3Instance {
  if (!/^[0-9a-f]{32}$/.test(seed.projectId ?? ""))
    throw new Error("projectId must be 32 hex characters");
  if (!seed.id) throw new Error("id is required");
  const cloud = seed.cloud ?? "opentelekomcloud";
  const engine = seed.engine ?? "MySQL";
  const alwaysOn = cloud === "opentelekomcloud" && engine === "PostgreSQL";
  return {
    id: seed.id,
    projectId: seed.projectId,
    cloud,
    engine,
    engineVersion: seed.engineVersion ?? DEFAULT_VERSIONS[engine],
    name: seed.name ?? `db-${seed.id.slice(0, 8)}`,
    region: seed.region ?? (cloud === "opentelekomcloud" ? "eu-de" : "cn-north-4"),
    status: seed.status ?? "ACTIVE",
    enableSsl: alwaysOn ? true : (seed.enableSsl ?? false),
    answer: seed.answer ?? (cloud === "huaweicloud" ? "job" : "empty200"),
    listsSwitchTask: seed.listsSwitchTask ?? true,
    timing: { ...timing, ...seed.timing },
    created: now,
    tags: new Map(),
  };
}

/** Applies a change whose reboot has ended. */
export function settle(instance: RdsV3Instance, now: number): void {
  const change = instance.pending;
  if (!change || now < change.endsAt) return;
  if (change.failReason === undefined) instance.enableSsl = change.target;
  instance.pending = undefined;
}

/** What `GET …/instances` shows now: status and `enable_ssl`. */
export function visibleState(
  instance: RdsV3Instance,
  now: number,
): { status: string; enableSsl: boolean } {
  settle(instance, now);
  const change = instance.pending;
  if (!change) return { status: instance.status, enableSsl: instance.enableSsl };
  const shown = instance.timing.flipEarly ? change.target : instance.enableSsl;
  const rebooting = now >= change.acceptedAt + instance.timing.lagMs;
  return { status: rebooting ? "REBOOTING" : instance.status, enableSsl: shown };
}

/** Whether a PUT now would be refused as busy: not ACTIVE, or a change past its lag (rebooting). */
export function refusesChange(instance: RdsV3Instance, now: number): boolean {
  if (instance.status !== "ACTIVE") return true;
  const change = instance.pending;
  if (!change) return false;
  return !instance.timing.acceptsDuringLag || now >= change.acceptedAt + instance.timing.lagMs;
}

/** Starts an SSL change (the caller has checked that the instance accepts it). */
export function startChange(
  instance: RdsV3Instance,
  target: boolean,
  now: number,
  jobId?: string,
): RdsV3PendingChange {
  const { lagMs, rebootMs } = instance.timing;
  const change: RdsV3PendingChange = {
    target,
    acceptedAt: now,
    endsAt: now + lagMs + rebootMs,
    jobId,
    failReason: instance.failNext,
  };
  instance.failNext = undefined;
  instance.pending = change;
  return change;
}
