/**
 * The emulated R-KVStore (Tair / Redis) instances, the admin operations tests use on them (seed, read,
 * change SSL out of band as a console user would, change status, lock, delete) and the task center,
 * which outlives deleted instances.
 */
import { otherTaskTimes, type OtherTask } from "./other-task";
import { AdminError } from "../admin-routes";
import type { VirtualClock } from "../virtual-clock";
import {
  newKvstoreInstance,
  settle,
  sslState,
  visibleSsl,
  visibleStatus,
  type KvstoreInstance,
  type KvstoreInstanceSeed,
  type KvstoreTiming,
} from "./kvstore-instances";
import { KvstoreTaskLog, type KvstoreTaskView } from "./kvstore-tasks";

export interface KvstoreInstanceView {
  id: string;
  engineVersion: string;
  regionId: string;
  nodeType: string;
  /** What DescribeInstanceAttribute reports now. */
  status: string;
  /** What DescribeInstanceSSL reports now (expiry as ISO 8601). */
  ssl: { sslEnabled: boolean; expiresAt?: string };
  locked: boolean;
  refuse?: string;
  expiryOnUpdate: string;
  timing: KvstoreTiming;
  /** An accepted Modify that has not landed yet. */
  pending?: {
    action: string;
    taskId: string;
    completesAt: string;
    target: { sslEnabled: boolean };
  };
}

export type TaskDetailSpelling = Partial<Record<"RUNNING" | "COMPLETED", string>>;

export interface KvstoreAdmin {
  seed(seed: KvstoreInstanceSeed): KvstoreInstanceView;
  get(id: string): KvstoreInstanceView | undefined;
  list(): KvstoreInstanceView[];
  /** Applies an SSL change at once, as a console user would; cancels a pending Modify. */
  setSsl(
    id: string,
    patch: { sslEnabled?: boolean; expiresAt?: number | string },
  ): KvstoreInstanceView;
  /** Sets the base status (e.g. "Changing", "Inactive", "Released"); Modify is refused unless Normal. */
  setStatus(id: string, status: string): KvstoreInstanceView;
  /** Locks or unlocks the instance: Modify answers 403 IncorrectDBInstanceLockMode while locked. */
  setLocked(id: string, locked: boolean): KvstoreInstanceView;
  /** The instance's task-center entries at the current virtual time, newest first. */
  tasks(id: string): KvstoreTaskView[];
  /**
   * Adds a task of another kind (`taskType`, e.g. a backup) running on the instance from now for
   * `durationMs`; it changes nothing on the instance, it only shows in the task centre.
   */
  addTask(id: string, task: OtherTask): void;
  /**
   * How DescribeTaskDetail spells its two documented statuses from now on (the API page lists
   * RUNNING and COMPLETED only; a real answer may differ: "Completed", "SUCCESS", ...).
   */
  spellTaskDetail(spelling: TaskDetailSpelling): void;
  /** The task centre's clock runs `ms` ahead of the API's (negative: behind): its times are skewed. */
  skewTaskClock(ms: number): void;
  /** Removes the instance at once, even with a change pending (its task ends as Failed). */
  delete(id: string): boolean;
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

export class KvstoreInstanceStore implements KvstoreAdmin {
  private readonly instances = new Map<string, KvstoreInstance>();
  readonly taskLog = new KvstoreTaskLog();
  /** DescribeTaskDetail's spelling of RUNNING / COMPLETED (spellTaskDetail). */
  taskDetailSpelling: TaskDetailSpelling = {};

  constructor(
    private readonly clock: Pick<VirtualClock, "now">,
    private readonly defaultTiming: KvstoreTiming,
  ) {}

  /** The live instance, settled to the current virtual time (for the API handlers). */
  find(id: string): KvstoreInstance | undefined {
    const instance = this.instances.get(id);
    if (instance) settle(instance, this.clock.now());
    return instance;
  }

  seed(seed: KvstoreInstanceSeed): KvstoreInstanceView {
    const instance = newKvstoreInstance(seed, this.defaultTiming, this.clock.now());
    this.instances.set(instance.id, instance);
    return this.view(instance);
  }

  get(id: string): KvstoreInstanceView | undefined {
    const instance = this.find(id);
    return instance && this.view(instance);
  }

  list(): KvstoreInstanceView[] {
    return [...this.instances.keys()].map((id) => this.view(this.mustFind(id)));
  }

  setSsl(id: string, patch: { sslEnabled?: boolean; expiresAt?: number | string }) {
    const instance = this.mustFind(id);
    this.cancelPending(instance, "Canceled");
    instance.ssl = sslState(patch, instance.ssl, this.clock.now());
    return this.view(instance);
  }

  setStatus(id: string, status: string): KvstoreInstanceView {
    if (typeof status !== "string" || status === "")
      throw new AdminError(400, "status must be a string");
    const instance = this.mustFind(id);
    instance.status = status;
    return this.view(instance);
  }

  setLocked(id: string, locked: boolean): KvstoreInstanceView {
    const instance = this.mustFind(id);
    instance.locked = locked === true;
    return this.view(instance);
  }

  tasks(id: string): KvstoreTaskView[] {
    return this.taskLog.list(this.clock.now(), id);
  }

  addTask(id: string, task: OtherTask): void {
    const instance = this.mustFind(id);
    this.taskLog.add({ ...otherTaskTimes(instance, task, this.clock.now()) });
  }

  spellTaskDetail(spelling: TaskDetailSpelling): void {
    this.taskDetailSpelling = { ...spelling };
  }

  skewTaskClock(ms: number): void {
    this.taskLog.skewMs = ms;
  }

  delete(id: string): boolean {
    const instance = this.find(id);
    if (instance) this.cancelPending(instance, "Failed");
    return this.instances.delete(id);
  }

  reset(): void {
    this.instances.clear();
    this.taskLog.clear();
  }

  private cancelPending(instance: KvstoreInstance, status: "Failed" | "Canceled"): void {
    if (instance.pending) this.taskLog.end(instance.pending.taskId, status, this.clock.now());
    instance.pending = undefined;
  }

  private mustFind(id: string): KvstoreInstance {
    const instance = this.find(id);
    if (!instance) throw new AdminError(404, `no emulated KVStore instance "${id}"`);
    return instance;
  }

  private view(instance: KvstoreInstance): KvstoreInstanceView {
    const now = this.clock.now();
    const ssl = visibleSsl(instance, now);
    const p = instance.pending;
    return {
      id: instance.id,
      engineVersion: instance.engineVersion,
      regionId: instance.regionId,
      nodeType: instance.nodeType,
      status: visibleStatus(instance, now),
      ssl: { sslEnabled: ssl.sslEnabled, expiresAt: iso(ssl.expiresAt) },
      locked: instance.locked,
      refuse: instance.refuse,
      expiryOnUpdate: instance.expiryOnUpdate,
      timing: { ...instance.timing },
      pending: p && {
        action: p.action,
        taskId: p.taskId,
        completesAt: new Date(p.completesAt).toISOString(),
        target: { sslEnabled: p.target.sslEnabled },
      },
    };
  }
}
