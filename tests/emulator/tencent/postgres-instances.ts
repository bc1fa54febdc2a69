/**
 * In-memory TencentDB for PostgreSQL instances and their SSL change tasks.
 *
 * An accepted ModifyDBInstanceSSLConfig starts a task that reads `Running` (the instance still
 * `running`, the SSL read unchanged) for `lagMs`, then `Running` with the instance in `busyStatus` for
 * `durationMs`, then ends as the instance's scripted outcome: `Success` (the change lands), `Fail` or
 * `Pause` (nothing changes; TaskDetail.Message says why) or `WaitSwitch` (held for the switch window
 * until `switchNow`). Everything is computed lazily from virtual timestamps (no timers).
 *
 * The default lag (12 s) is longer than the provider's first poll (5 s): a waiter that takes the
 * unchanged SSL read, or a `running` status, as done ends before the change. With `flipEarly` the
 * SSL read shows the new state (SSLEnabled and ConnectAddress) as soon as the task runs.
 * Undocumented by Tencent, chosen here: the busy status name and the task type.
 */
import { reportedProgress, type EstimateErrorMode } from "../estimate-errors";
export type TaskOutcome = "Success" | "Fail" | "Pause" | "WaitSwitch";
export const TASK_OUTCOMES: readonly TaskOutcome[] = ["Success", "Fail", "Pause", "WaitSwitch"];
export type TaskStatus = "Running" | TaskOutcome;

export interface PgTiming {
  lagMs: number;
  durationMs: number;
  flipEarly: boolean;
  /** Virtual ms before DescribeTasks lists a new task (Terraform waits for "TaskSet init"). */
  listLagMs: number;
}

export const DEFAULT_PG_TIMING: PgTiming = {
  lagMs: 12_000,
  durationMs: 30_000,
  flipEarly: false,
  listLagMs: 0,
};

/** What DBInstanceStatus reads while a task modifies the instance (SDK comment value). */
export const BUSY_STATUS = "job running";
export const SSL_TASK_TYPE = "ModifyDBInstanceSSLConfig";

export interface PgSsl {
  sslEnabled: boolean;
  connectAddress?: string;
}

export interface PgTask {
  /** Exact decimal text (an Integer on the wire, possibly above 2^53). */
  taskId: string;
  instanceId: string;
  startAt: number;
  modifyingAt: number;
  endsAt: number;
  listedAt: number;
  outcome: TaskOutcome;
  message: string;
  target: PgSsl;
  /** Set when the change landed (Success, or WaitSwitch switched). */
  doneAt?: number;
}

export interface PgInstance {
  id: string;
  regionId: string;
  /** The status when no task modifies the instance (e.g. "running", "isolated"). */
  status: string;
  addresses: { ip: string; netType: "private" | "public" }[];
  port: number;
  /** Cloud-disk instances return CACert/CAJKS/CAP7B (SDK comment "仅云盘版"). */
  cloudDisk: boolean;
  ssl: PgSsl;
  timing: PgTiming;
  nextOutcome: { outcome: TaskOutcome; message: string };
  accessDenied: boolean;
}

export interface PgInstanceSeed {
  id: string;
  regionId?: string;
  status?: string;
  /** Default: one private IP, 10.6.<n>.4; give more (public) addresses here. */
  addresses?: { ip: string; netType?: "private" | "public" }[];
  cloudDisk?: boolean;
  ssl?: Partial<PgSsl>;
  timing?: Partial<PgTiming>;
  taskOutcome?: TaskOutcome;
  taskMessage?: string;
}

let seeded = 0;

export function newPgInstance(seed: PgInstanceSeed, timing: PgTiming): PgInstance {
  if (typeof seed.id !== "string" || seed.id === "") throw new Error("seed id must be a string");
  const n = ++seeded % 250;
  const addresses = (seed.addresses ?? [{ ip: `10.6.${n}.4` }]).map((a) => ({
    ip: a.ip,
    netType: a.netType ?? "private",
  }));
  const sslEnabled = seed.ssl?.sslEnabled ?? false;
  return {
    id: seed.id,
    regionId: seed.regionId ?? "ap-guangzhou",
    status: seed.status ?? "running",
    addresses,
    port: 5432,
    cloudDisk: seed.cloudDisk ?? true,
    ssl: {
      sslEnabled,
      connectAddress: sslEnabled ? (seed.ssl?.connectAddress ?? addresses[0].ip) : undefined,
    },
    timing: { ...timing, ...seed.timing },
    nextOutcome: outcomeOf(seed.taskOutcome ?? "Success", seed.taskMessage),
    accessDenied: false,
  };
}

export function outcomeOf(outcome: TaskOutcome, message?: string) {
  if (!TASK_OUTCOMES.includes(outcome)) {
    throw new Error(`task outcome must be one of ${TASK_OUTCOMES.join(", ")}`);
  }
  const defaults: Record<TaskOutcome, string> = {
    Success: "",
    Fail: "modify ssl config failed: the certificate could not be issued for this address",
    Pause: "task paused by the operator",
    WaitSwitch: "waiting for the switch window",
  };
  return { outcome, message: message ?? defaults[outcome] };
}

export function taskStatus(task: PgTask, now: number): TaskStatus {
  if (task.doneAt !== undefined) return "Success";
  return now < task.endsAt ? "Running" : task.outcome;
}

/** `Progress` of a task; while it runs, as wrong as `estimate` says (estimate-errors.ts). */
export function taskProgress(
  task: PgTask,
  now: number,
  estimate: EstimateErrorMode = "none",
): number {
  const status = taskStatus(task, now);
  if (status === "Success") return 100;
  if (status !== "Running") return 90;
  return reportedProgress(estimate, now - task.startAt, Math.max(1, task.endsAt - task.startAt));
}

/** Lands every task that has succeeded by `now`, in order (the lazy state machine's one step). */
export function settleTasks(instance: PgInstance, tasks: PgTask[], now: number): void {
  for (const task of tasks) {
    if (task.doneAt === undefined && task.outcome === "Success" && now >= task.endsAt) {
      task.doneAt = task.endsAt;
      instance.ssl = { ...task.target };
    }
  }
}

/** DBInstanceStatus now: the busy status while a task modifies the instance. */
export function visibleStatus(instance: PgInstance, tasks: PgTask[], now: number): string {
  const modifying = tasks.some(
    (t) => t.doneAt === undefined && now >= t.modifyingAt && now < t.endsAt,
  );
  return modifying && instance.status === "running" ? BUSY_STATUS : instance.status;
}

/** The SSL read now: with `flipEarly`, a running task's target shows before it lands. */
export function visibleSsl(instance: PgInstance, tasks: PgTask[], now: number): PgSsl {
  const running = instance.timing.flipEarly
    ? tasks.filter((t) => t.doneAt === undefined && taskStatus(t, now) === "Running").at(-1)
    : undefined;
  return running ? { ...running.target } : instance.ssl;
}
