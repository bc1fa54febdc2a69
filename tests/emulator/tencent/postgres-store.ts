/**
 * The emulated TencentDB for PostgreSQL instances and tasks, and the admin operations tests use on
 * them: seed, out-of-band SSL change (a console user), status, access denial, how the next task
 * ends, the switch window, scripted error codes, task ids, the per-action rate limit, temporary keys.
 */
import type { EstimateErrorMode } from "../estimate-errors";
import { AdminError } from "../admin-routes";
import type { VirtualClock } from "../virtual-clock";
import {
  newPgInstance,
  outcomeOf,
  settleTasks,
  taskProgress,
  taskStatus,
  visibleSsl,
  visibleStatus,
  type PgInstance,
  type PgInstanceSeed,
  type PgSsl,
  type PgTask,
  type PgTiming,
  type TaskOutcome,
  type TaskStatus,
} from "./postgres-instances";
import type { Tc3Key } from "./tc3-signature";

export interface PgTaskView {
  taskId: string;
  status: TaskStatus;
  progress: number;
  startedAt: string;
  target: PgSsl;
  message: string;
}

export interface PgInstanceView {
  id: string;
  regionId: string;
  /** What DescribeDBInstanceAttribute reports now. */
  status: string;
  /** What DescribeDBInstanceSSLConfig reports now. */
  ssl: PgSsl;
  addresses: { ip: string; netType: string }[];
  cloudDisk: boolean;
  timing: PgTiming;
  nextOutcome: TaskOutcome;
  accessDenied: boolean;
  /** Tasks not landed yet (Running, WaitSwitch, Fail, Pause). */
  openTasks: PgTaskView[];
}

export interface ScriptedError {
  code: string;
  /** Only this action (default: any postgres action). */
  action?: string;
  times?: number;
  message?: string;
}

export interface TencentPostgresAdmin {
  seed(seed: PgInstanceSeed): PgInstanceView;
  get(id: string): PgInstanceView | undefined;
  list(): PgInstanceView[];
  /** A console change, applied at once. */
  setSsl(id: string, patch: Partial<PgSsl>): PgInstanceView;
  /** The base status ("running", "isolated", "restarting", ...); Modify answers InstanceStatusLimitError unless running. */
  setStatus(id: string, status: string): PgInstanceView;
  /** OperationDenied.InstanceAccessDeniedError on every call for this instance. */
  setAccessDenied(id: string, denied: boolean): PgInstanceView;
  /** How tasks accepted from now on end. */
  setTaskOutcome(id: string, outcome: TaskOutcome, message?: string): PgInstanceView;
  /** The switch window comes: every WaitSwitch task of the instance lands now. */
  switchNow(id: string): number;
  /** Tencent resumes the instance's paused tasks: every Pause task lands now. */
  resumeNow(id: string): number;
  tasks(id: string): PgTaskView[];
  delete(id: string): boolean;
  /** The next matching calls answer this code (the seed's FailedOperation.*, ...). */
  failNext(error: ScriptedError): void;
  /** The TaskId the next accepted Modify gets (exact decimal text). */
  setNextTaskId(taskId: string): void;
  /** Requests per second per action before RequestLimitExceeded (default 20, seed 003). */
  setRateLimit(perSecond: number): void;
  /** A temporary key, valid only with its token. */
  addTemporaryKey(secretId: string, secretKey: string, token: string): void;
}

export const DEFAULT_RATE_LIMIT = 20;

export class TencentPostgresStore implements TencentPostgresAdmin {
  private readonly instances = new Map<string, PgInstance>();
  private allTasks: PgTask[] = [];
  private scripted: (ScriptedError & { remaining: number })[] = [];
  private nextTaskId = 100015n;
  readonly temporaryKeys = new Map<string, Tc3Key>();
  rateLimit = DEFAULT_RATE_LIMIT;
  /** How wrong each instance's task `Progress` is (the emulator's shared EstimateErrors). */
  estimateOf: (instanceId: string) => EstimateErrorMode = () => "none";

  constructor(
    readonly clock: Pick<VirtualClock, "now">,
    private readonly defaultTiming: PgTiming,
  ) {}

  /** The instance settled to the current virtual time (for the API handlers). */
  find(id: string): PgInstance | undefined {
    const instance = this.instances.get(id);
    if (instance) settleTasks(instance, this.tasksOf(id), this.clock.now());
    return instance;
  }

  tasksOf(id: string): PgTask[] {
    return this.allTasks.filter((t) => t.instanceId === id);
  }

  /** Every task ever accepted (they outlive their instance). */
  taskList(): readonly PgTask[] {
    for (const id of this.instances.keys()) this.find(id);
    return this.allTasks;
  }

  addTask(instance: PgInstance, target: PgSsl): PgTask {
    const now = this.clock.now();
    const { lagMs, durationMs, listLagMs } = instance.timing;
    const task: PgTask = {
      taskId: String(this.nextTaskId++),
      instanceId: instance.id,
      startAt: now,
      modifyingAt: now + lagMs,
      endsAt: now + lagMs + durationMs,
      listedAt: now + listLagMs,
      ...instance.nextOutcome,
      target,
    };
    this.allTasks.push(task);
    return task;
  }

  /** The next scripted error for `action`, if any. */
  takeScripted(action: string): ScriptedError | undefined {
    const index = this.scripted.findIndex((s) => s.action === undefined || s.action === action);
    if (index < 0) return undefined;
    const found = this.scripted[index];
    if (--found.remaining === 0) this.scripted.splice(index, 1);
    return found;
  }

  seed(seed: PgInstanceSeed): PgInstanceView {
    const instance = newPgInstance(seed, this.defaultTiming);
    this.instances.set(instance.id, instance);
    return this.view(instance);
  }

  get(id: string): PgInstanceView | undefined {
    const instance = this.find(id);
    return instance && this.view(instance);
  }

  list(): PgInstanceView[] {
    return [...this.instances.keys()].map((id) => this.view(this.mustFind(id)));
  }

  setSsl(id: string, patch: Partial<PgSsl>): PgInstanceView {
    const instance = this.mustFind(id);
    const sslEnabled = patch.sslEnabled ?? instance.ssl.sslEnabled;
    const address = patch.connectAddress ?? instance.ssl.connectAddress ?? instance.addresses[0].ip;
    instance.ssl = { sslEnabled, connectAddress: sslEnabled ? address : undefined };
    return this.view(instance);
  }

  setStatus(id: string, status: string): PgInstanceView {
    const instance = this.mustFind(id);
    instance.status = status;
    return this.view(instance);
  }

  setAccessDenied(id: string, denied: boolean): PgInstanceView {
    const instance = this.mustFind(id);
    instance.accessDenied = denied;
    return this.view(instance);
  }

  setTaskOutcome(id: string, outcome: TaskOutcome, message?: string): PgInstanceView {
    const instance = this.mustFind(id);
    instance.nextOutcome = outcomeOf(outcome, message);
    return this.view(instance);
  }

  switchNow(id: string): number {
    return this.land(id, "WaitSwitch");
  }

  resumeNow(id: string): number {
    return this.land(id, "Pause");
  }

  /** Every task of the instance held in `status` lands now. */
  private land(id: string, status: "WaitSwitch" | "Pause"): number {
    const instance = this.mustFind(id);
    const now = this.clock.now();
    const waiting = this.tasksOf(id).filter((t) => taskStatus(t, now) === status);
    for (const task of waiting) {
      task.doneAt = now;
      instance.ssl = { ...task.target };
    }
    return waiting.length;
  }

  tasks(id: string): PgTaskView[] {
    this.find(id);
    return this.tasksOf(id)
      .map((t) => this.taskView(t))
      .reverse();
  }

  delete(id: string): boolean {
    return this.instances.delete(id);
  }

  failNext(error: ScriptedError): void {
    if (typeof error.code !== "string" || error.code === "") {
      throw new AdminError(400, "code must be a non-empty string");
    }
    const times = error.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new AdminError(400, "times must be >= 1");
    this.scripted.push({ ...error, remaining: times });
  }

  setNextTaskId(taskId: string): void {
    if (!/^\d{1,30}$/.test(String(taskId))) throw new AdminError(400, "taskId must be digits");
    this.nextTaskId = BigInt(taskId);
  }

  setRateLimit(perSecond: number): void {
    if (!Number.isInteger(perSecond) || perSecond < 1) throw new AdminError(400, "rate >= 1");
    this.rateLimit = perSecond;
  }

  addTemporaryKey(secretId: string, secretKey: string, token: string): void {
    this.temporaryKeys.set(secretId, { secretKey, token });
  }

  reset(): void {
    this.instances.clear();
    this.allTasks = [];
    this.scripted = [];
    this.nextTaskId = 100015n;
    this.rateLimit = DEFAULT_RATE_LIMIT;
    this.temporaryKeys.clear();
  }

  private mustFind(id: string): PgInstance {
    const instance = this.find(id);
    if (!instance) throw new AdminError(404, `no emulated Tencent PostgreSQL instance "${id}"`);
    return instance;
  }

  private taskView(task: PgTask): PgTaskView {
    const now = this.clock.now();
    return {
      taskId: task.taskId,
      status: taskStatus(task, now),
      progress: taskProgress(task, now),
      startedAt: new Date(task.startAt).toISOString(),
      target: { ...task.target },
      message: task.message,
    };
  }

  private view(instance: PgInstance): PgInstanceView {
    const now = this.clock.now();
    const tasks = this.tasksOf(instance.id);
    return {
      id: instance.id,
      regionId: instance.regionId,
      status: visibleStatus(instance, tasks, now),
      ssl: { ...visibleSsl(instance, tasks, now) },
      addresses: instance.addresses.map((a) => ({ ...a })),
      cloudDisk: instance.cloudDisk,
      timing: { ...instance.timing },
      nextOutcome: instance.nextOutcome.outcome,
      accessDenied: instance.accessDenied,
      openTasks: tasks.filter((t) => taskStatus(t, now) !== "Success").map((t) => this.taskView(t)),
    };
  }
}
