/**
 * The set of emulated RDS instances, and the admin operations tests use on it (seed, read, change SSL
 * out of band as a console user would, change status or lock mode, leave a failed change behind,
 * delete), plus the task center that outlives deleted instances.
 */
import { otherTaskTimes, type OtherTask } from "./other-task";
import type { VirtualClock } from "../virtual-clock";
import { checkPemEcho, type PemEcho } from "./pem-echo";
import {
  checkBusyCode,
  checkLockMode,
  newRdsInstance,
  patchSsl,
  settle,
  visibleSsl,
  visibleStatus,
  type RdsBusyCode,
  type RdsEngine,
  type RdsInstance,
  type RdsInstanceSeed,
  type RdsLockMode,
  type RdsSslPatch,
  type RdsSslState,
  type RdsTiming,
} from "./rds-instances";
import { RdsTaskLog, type RdsTaskView } from "./rds-tasks";

/** SSL state as the admin API shows it: times as ISO 8601. */
export type RdsSslView = Omit<RdsSslState, "createdAt" | "expiresAt"> & {
  createdAt?: string;
  expiresAt?: string;
};

export interface RdsInstanceView {
  id: string;
  engine: RdsEngine;
  engineVersion: string;
  regionId: string;
  connectionString: string;
  port: number;
  /** What DescribeDBInstanceAttribute reports now. */
  status: string;
  /** What DescribeDBInstanceSSL reports now. */
  ssl: RdsSslView;
  timing: RdsTiming;
  lockMode: RdsLockMode;
  lockReason: string;
  busyCode: RdsBusyCode;
  pemEcho: PemEcho;
  /** An accepted Modify that has not landed yet. */
  pending?: {
    phase: "lag" | "modifying";
    acceptedAt: string;
    modifyingAt: string;
    completesAt: string;
    target: RdsSslView;
    taskId: string;
    /** 2 when a second Modify was queued during the lag (a second restart). */
    restarts: number;
  };
}

export interface SetStatusOptions {
  /** The code Modify answers while the instance is busy, from now on (default: unchanged). */
  busyCode?: RdsBusyCode;
}

export interface RdsAdmin {
  seed(seed: RdsInstanceSeed): RdsInstanceView;
  get(id: string): RdsInstanceView | undefined;
  list(): RdsInstanceView[];
  /** Applies an SSL change immediately, like a console user would; cancels a pending Modify. */
  setSsl(id: string, patch: RdsSslPatch): RdsInstanceView;
  /**
   * Sets the base status (e.g. "Stopped", "Locking", "Deleting", "Released"); a pending Modify keeps
   * going and still shows SSL_MODIFYING while it modifies. Modify answers the busy code while the base
   * status is not Running.
   */
  setStatus(id: string, status: string, options?: SetStatusOptions): RdsInstanceView;
  /** Sets `LockMode`/`LockReason`; Modify on a locked instance answers 403 IncorrectDBInstanceLockMode. */
  setLock(id: string, lockMode: RdsLockMode, lockReason?: string): RdsInstanceView;
  /**
   * Leaves `LastModifyStatus=failed` (and a reason) from an earlier change, as PostgreSQL shows it until
   * the next change. Only PostgreSQL returns the field (SDK comment), but the state is kept for any engine.
   */
  leaveFailedChange(id: string, reason?: string): RdsInstanceView;
  /** Sets how DescribeDBInstanceSSL re-wraps the PEMs it returns. */
  setPemEcho(id: string, echo: Partial<PemEcho>): RdsInstanceView;
  /** The instance's task-center entries at the current virtual time, newest first. */
  tasks(id: string): RdsTaskView[];
  /**
   * Adds a task of another kind (`taskType`, e.g. a backup) running on the instance from now for
   * `durationMs`; it changes nothing on the instance, it only shows in the task centre.
   */
  addTask(id: string, task: OtherTask): void;
  /** The task centre's clock runs `ms` ahead of the API's (negative: behind): its times are skewed. */
  skewTaskClock(ms: number): void;
  /** Removes the instance at once, even with a change pending (its task ends as Failed). */
  delete(id: string): boolean;
}

export class UnknownInstanceError extends Error {
  constructor(id: string) {
    super(`no emulated RDS instance "${id}"`);
  }
}

const iso = (ms: number | undefined): string | undefined =>
  ms === undefined ? undefined : new Date(ms).toISOString();

export function sslView(ssl: RdsSslState): RdsSslView {
  const { createdAt, expiresAt, ...rest } = ssl;
  return { ...rest, createdAt: iso(createdAt), expiresAt: iso(expiresAt) };
}

export class RdsInstanceStore implements RdsAdmin {
  private readonly instances = new Map<string, RdsInstance>();
  /** The task center (DescribeHistoryTasks / DescribeTasks); entries outlive their instance. */
  readonly taskLog = new RdsTaskLog();

  constructor(
    private readonly clock: Pick<VirtualClock, "now">,
    private readonly defaultTiming: RdsTiming,
  ) {}

  /** The live instance, settled to the current virtual time (for the API handlers). */
  find(id: string): RdsInstance | undefined {
    const instance = this.instances.get(id);
    if (instance) settle(instance, this.clock.now());
    return instance;
  }

  seed(seed: RdsInstanceSeed): RdsInstanceView {
    const instance = newRdsInstance(seed, this.defaultTiming, this.clock.now());
    checkPemEcho(instance.pemEcho);
    this.instances.set(instance.id, instance);
    return this.view(instance);
  }

  get(id: string): RdsInstanceView | undefined {
    const instance = this.find(id);
    return instance && this.view(instance);
  }

  list(): RdsInstanceView[] {
    return [...this.instances.keys()].map((id) => this.view(this.mustFind(id)));
  }

  setSsl(id: string, patch: RdsSslPatch): RdsInstanceView {
    const instance = this.mustFind(id);
    this.cancelPending(instance, "Canceled");
    instance.ssl = patchSsl(instance.ssl, patch, this.clock.now());
    if (instance.ssl.sslEnabled && instance.ssl.connectionString === undefined) {
      instance.ssl.connectionString = instance.connectionString;
    }
    return this.view(instance);
  }

  setStatus(id: string, status: string, options: SetStatusOptions = {}): RdsInstanceView {
    const instance = this.mustFind(id);
    if (options.busyCode !== undefined) instance.busyCode = checkBusyCode(options.busyCode);
    instance.status = status;
    return this.view(instance);
  }

  setLock(id: string, lockMode: RdsLockMode, lockReason = ""): RdsInstanceView {
    const instance = this.mustFind(id);
    instance.lockMode = checkLockMode(lockMode);
    instance.lockReason = lockMode === "Unlock" ? "" : lockReason;
    return this.view(instance);
  }

  leaveFailedChange(id: string, reason = "Modify DB Instance SSL Config failed."): RdsInstanceView {
    const instance = this.mustFind(id);
    instance.ssl = { ...instance.ssl, lastModifyStatus: "failed", modifyStatusReason: reason };
    return this.view(instance);
  }

  setPemEcho(id: string, echo: Partial<PemEcho>): RdsInstanceView {
    const instance = this.mustFind(id);
    instance.pemEcho = checkPemEcho({ ...instance.pemEcho, ...echo });
    return this.view(instance);
  }

  tasks(id: string): RdsTaskView[] {
    return this.taskLog.list(this.clock.now(), id);
  }

  addTask(id: string, task: OtherTask): void {
    const instance = this.mustFind(id);
    this.taskLog.add({
      ...otherTaskTimes(instance, task, this.clock.now()),
      engine: instance.engine,
    });
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

  private cancelPending(instance: RdsInstance, status: "Failed" | "Canceled"): void {
    if (instance.pending) this.taskLog.end(instance.pending.taskId, status, this.clock.now());
    instance.pending = undefined;
  }

  private mustFind(id: string): RdsInstance {
    const instance = this.find(id);
    if (!instance) throw new UnknownInstanceError(id);
    return instance;
  }

  private view(instance: RdsInstance): RdsInstanceView {
    const now = this.clock.now();
    const status = visibleStatus(instance, now);
    const pending = instance.pending;
    return {
      id: instance.id,
      engine: instance.engine,
      engineVersion: instance.engineVersion,
      regionId: instance.regionId,
      connectionString: instance.connectionString,
      port: instance.port,
      status,
      ssl: sslView(visibleSsl(instance, now)),
      timing: { ...instance.timing },
      lockMode: instance.lockMode,
      lockReason: instance.lockReason,
      busyCode: instance.busyCode,
      pemEcho: { ...instance.pemEcho },
      pending: pending && {
        phase: now < pending.modifyingAt ? "lag" : "modifying",
        acceptedAt: new Date(pending.acceptedAt).toISOString(),
        modifyingAt: new Date(pending.modifyingAt).toISOString(),
        completesAt: new Date(pending.completesAt).toISOString(),
        target: sslView(pending.target),
        taskId: pending.taskId,
        restarts: pending.restarts,
      },
    };
  }
}
