/**
 * The set of emulated DDS instances and the admin operations tests use on it (seed, read, change SSL
 * out of band as a console user would, change status or lock mode, delete), plus the task center,
 * whose entries outlive deleted instances.
 */
import { otherTaskTimes, type OtherTask } from "./other-task";
import type { VirtualClock } from "../virtual-clock";
import {
  checkLockMode,
  DDS_CERT_VALIDITY_MS,
  maintainEndTime,
  newDdsInstance,
  settle,
  toEpochMs,
  visibleSsl,
  visibleStatus,
  type DdsInstance,
  type DdsInstanceSeed,
  type DdsLockMode,
  type DdsTiming,
} from "./dds-instances";
import { DdsTaskLog, type DdsTaskView } from "./dds-tasks";

export interface DdsSslView {
  open: boolean;
  expiresAt?: string;
  forceEncryption: boolean;
}

export interface DdsInstanceView {
  id: string;
  instanceType: string;
  engineVersion: string;
  storageType: string;
  regionId: string;
  /** What DescribeDBInstanceAttribute reports now. */
  status: string;
  /** What DescribeDBInstanceSSL reports now. */
  ssl: DdsSslView;
  lockMode: DdsLockMode;
  maintenanceWindow: string;
  /** An accepted change that has not landed yet. */
  pending?: {
    scheduled: boolean;
    modifyingAt: string;
    completesAt: string;
    target: DdsSslView;
    taskId: string;
    restarts: number;
  };
}

export interface DdsSslPatch {
  open?: boolean;
  expiresAt?: number | string;
  forceEncryption?: boolean;
}

export interface DdsAdmin {
  seed(seed: DdsInstanceSeed): DdsInstanceView;
  get(id: string): DdsInstanceView | undefined;
  list(): DdsInstanceView[];
  /** Applies an SSL change at once, like a console user; cancels a pending change. */
  setSsl(id: string, patch: DdsSslPatch): DdsInstanceView;
  /** Base status (`Stopped`, `Deleting`, `DBInstanceClassChanging`, ...); Modify answers busy. */
  setStatus(id: string, status: string): DdsInstanceView;
  /** Modify on a locked instance answers 403 IncorrectDBInstanceLockMode. */
  setLock(id: string, lockMode: DdsLockMode): DdsInstanceView;
  /** Task-center entries of the instance at the current virtual time, newest first. */
  tasks(id: string): DdsTaskView[];
  /**
   * Adds a task of another kind (`taskType`, e.g. a backup) running on the instance from now for
   * `durationMs`; it changes nothing on the instance, it only shows in the task centre.
   */
  addTask(id: string, task: OtherTask): void;
  /** The task centre's clock runs `ms` ahead of the API's (negative: behind): its times are skewed. */
  skewTaskClock(ms: number): void;
  /**
   * A new task is listed only `ms` after its change was accepted: the task centre, a separate
   * service, may show a change later than the instance does (nothing documents it cannot).
   */
  lagTaskListing(ms: number): void;
  /** Removes the instance at once, even with a change pending (its task ends as Failed). */
  delete(id: string): boolean;
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

export class DdsInstanceStore implements DdsAdmin {
  private readonly instances = new Map<string, DdsInstance>();
  readonly taskLog = new DdsTaskLog();

  constructor(
    private readonly clock: Pick<VirtualClock, "now">,
    private readonly defaultTiming: DdsTiming,
  ) {}

  /** The live instance, settled to the current virtual time (for the API handlers). */
  find(id: string): DdsInstance | undefined {
    const instance = this.instances.get(id);
    if (instance) settle(instance, this.clock.now());
    return instance;
  }

  seed(seed: DdsInstanceSeed): DdsInstanceView {
    const instance = newDdsInstance(seed, this.defaultTiming, this.clock.now());
    this.instances.set(instance.id, instance);
    return this.view(instance);
  }

  get(id: string): DdsInstanceView | undefined {
    const instance = this.find(id);
    return instance && this.view(instance);
  }

  list(): DdsInstanceView[] {
    return [...this.instances.keys()].map((id) => this.view(this.mustFind(id)));
  }

  setSsl(id: string, patch: DdsSslPatch): DdsInstanceView {
    const instance = this.mustFind(id);
    this.cancelPending(instance, "Canceled");
    const now = this.clock.now();
    const open = patch.open ?? instance.ssl.open;
    const renewed = open && (!instance.ssl.open || instance.ssl.expiresAt === undefined);
    instance.ssl = {
      open,
      expiresAt: open
        ? (toEpochMs(patch.expiresAt) ??
          (renewed ? now + DDS_CERT_VALIDITY_MS : instance.ssl.expiresAt))
        : undefined,
      forceEncryption: open && (patch.forceEncryption ?? instance.ssl.forceEncryption),
    };
    return this.view(instance);
  }

  setStatus(id: string, status: string): DdsInstanceView {
    const instance = this.mustFind(id);
    instance.status = status;
    return this.view(instance);
  }

  setLock(id: string, lockMode: DdsLockMode): DdsInstanceView {
    const instance = this.mustFind(id);
    instance.lockMode = checkLockMode(lockMode);
    return this.view(instance);
  }

  tasks(id: string): DdsTaskView[] {
    return this.taskLog.list(this.clock.now(), id);
  }

  addTask(id: string, task: OtherTask): void {
    const instance = this.mustFind(id);
    this.taskLog.add({ ...otherTaskTimes(instance, task, this.clock.now()), scheduled: false });
  }

  skewTaskClock(ms: number): void {
    this.taskLog.skewMs = ms;
  }

  lagTaskListing(ms: number): void {
    this.taskLog.listLagMs = ms;
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

  private cancelPending(instance: DdsInstance, status: "Failed" | "Canceled"): void {
    if (instance.pending) this.taskLog.end(instance.pending.taskId, status, this.clock.now());
    instance.pending = undefined;
  }

  private mustFind(id: string): DdsInstance {
    const instance = this.find(id);
    if (!instance) throw new UnknownDdsInstanceError(id);
    return instance;
  }

  private view(instance: DdsInstance): DdsInstanceView {
    const now = this.clock.now();
    const ssl = visibleSsl(instance, now);
    const p = instance.pending;
    return {
      id: instance.id,
      instanceType: instance.instanceType,
      engineVersion: instance.engineVersion,
      storageType: instance.storageType,
      regionId: instance.regionId,
      status: visibleStatus(instance, now),
      ssl: { ...ssl, expiresAt: iso(ssl.expiresAt) },
      lockMode: instance.lockMode,
      maintenanceWindow: `${instance.maintainStartTime}-${maintainEndTime(instance.maintainStartTime)}`,
      pending: p && {
        scheduled: p.scheduled,
        modifyingAt: new Date(p.modifyingAt).toISOString(),
        completesAt: new Date(p.completesAt).toISOString(),
        target: { ...p.target, expiresAt: iso(p.target.expiresAt) },
        taskId: p.taskId,
        restarts: p.restarts,
      },
    };
  }
}

export class UnknownDdsInstanceError extends Error {
  constructor(id: string) {
    super(`no emulated MongoDB instance "${id}"`);
  }
}
