/**
 * The RDS v3 instances and jobs of the emulator, and the in-process admin API for tests
 * (`emulator.admin.rdsv3`): seed, out-of-band change, status, delete, failed changes, jobs.
 */
import { reportedProgress, type EstimateErrorMode } from "../estimate-errors";
import { randomUUID } from "node:crypto";
import { UnknownInstanceError } from "../alibaba/rds-store";
import type { VirtualClock } from "../virtual-clock";
import {
  newInstance,
  settle,
  startChange,
  visibleState,
  type RdsV3Instance,
  type RdsV3InstanceSeed,
  type RdsV3Timing,
} from "./instances";

export type RdsV3JobStatus = "Running" | "Completed" | "Failed";

/** A task of the task centre: an SSL switch, or another task on the instance (`addOtherTask`). */
export interface RdsV3Job {
  id: string;
  name: string;
  instanceId: string;
  instanceName: string;
  projectId: string;
  created: number;
  visibleAt: number;
  endsAt: number;
  failReason?: string;
  /** The PUT's answer named it (`{"job_id"}`): ListJobInfo serves only these. */
  returned: boolean;
  /** The instant task list shows it (`listsSwitchTask`). */
  listed: boolean;
}

/** Another task running on an instance (a backup, say), as the instant task list shows it. */
export interface RdsV3OtherTask {
  name: string;
  /** Started this long ago. */
  startedAgoMs: number;
  durationMs: number;
}

export interface RdsV3InstanceView {
  id: string;
  projectId: string;
  cloud: string;
  engine: string;
  engineVersion: string;
  /** What the API shows now. */
  status: string;
  enableSsl: boolean;
  answer: string;
  /** The instance's tags (key to value). */
  tags: Record<string, string>;
  pending?: {
    target: boolean;
    acceptedAt: number;
    endsAt: number;
    jobId?: string;
    failReason?: string;
  };
}

export interface RdsV3JobView {
  id: string;
  instanceId: string;
  status: RdsV3JobStatus;
  failReason?: string;
}

export interface RdsV3Admin {
  seed(seed: RdsV3InstanceSeed): RdsV3InstanceView;
  get(id: string): RdsV3InstanceView | undefined;
  list(): RdsV3InstanceView[];
  /** A console change: applied at once, any pending change dropped. */
  setSsl(id: string, enableSsl: boolean): RdsV3InstanceView;
  /** The instance's own status (e.g. BACKING UP, SHUTDOWN, FAILED); ACTIVE again to release. */
  setStatus(id: string, status: string): RdsV3InstanceView;
  /** The next accepted SSL change reboots, then fails with this reason (job Failed). */
  failNextChange(id: string, reason: string): void;
  /** Gone at once, even with a change pending (its job then reads Failed). */
  delete(id: string): void;
  /** A tag as the console or another process sets it. */
  setTag(id: string, key: string, value: string): RdsV3InstanceView;
  /** Tag calls on this instance are refused with 403, as for a user without the tag permission. */
  refuseTagChanges(id: string): void;
  /** Another task in the instant task list of this instance; its id. */
  addOtherTask(id: string, task: RdsV3OtherTask): string;
  job(id: string): RdsV3JobView | undefined;
  /** The jobs the PUTs' answers named. */
  jobs(): RdsV3JobView[];
}

export class RdsV3Store implements RdsV3Admin {
  private readonly instances = new Map<string, RdsV3Instance>();
  private readonly jobMap = new Map<string, RdsV3Job>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly timing: RdsV3Timing,
  ) {}

  seed(seed: RdsV3InstanceSeed): RdsV3InstanceView {
    const instance = newInstance(seed, this.timing, this.clock.now());
    this.instances.set(instance.id, instance);
    return this.view(instance);
  }

  get(id: string): RdsV3InstanceView | undefined {
    const instance = this.instances.get(id);
    return instance && this.view(instance);
  }

  list(): RdsV3InstanceView[] {
    return [...this.instances.values()].map((i) => this.view(i));
  }

  setSsl(id: string, enableSsl: boolean): RdsV3InstanceView {
    const instance = this.must(id);
    instance.pending = undefined;
    instance.enableSsl = enableSsl;
    return this.view(instance);
  }

  setStatus(id: string, status: string): RdsV3InstanceView {
    const instance = this.must(id);
    instance.status = status;
    return this.view(instance);
  }

  failNextChange(id: string, reason: string): void {
    this.must(id).failNext = reason;
  }

  delete(id: string): void {
    this.must(id);
    for (const job of this.jobMap.values()) {
      if (job.instanceId === id && this.jobStatus(job) === "Running") {
        job.failReason = "The DB instance was deleted.";
        job.endsAt = this.clock.now();
      }
    }
    this.instances.delete(id);
  }

  setTag(id: string, key: string, value: string): RdsV3InstanceView {
    const instance = this.must(id);
    instance.tags.set(key, value);
    return this.view(instance);
  }

  refuseTagChanges(id: string): void {
    this.must(id).tagsRefused = true;
  }

  addOtherTask(id: string, task: RdsV3OtherTask): string {
    const instance = this.must(id);
    const created = this.clock.now() - task.startedAgoMs;
    const taskId = randomUUID();
    this.jobMap.set(taskId, {
      ...this.taskOf(instance, created, created + task.durationMs),
      id: taskId,
      name: task.name,
      returned: false,
    });
    return taskId;
  }

  job(id: string): RdsV3JobView | undefined {
    const job = this.jobMap.get(id);
    if (!job?.returned) return undefined;
    return (
      job && {
        id,
        instanceId: job.instanceId,
        status: this.jobStatus(job),
        failReason: job.failReason,
      }
    );
  }

  jobs(): RdsV3JobView[] {
    return [...this.jobMap.values()].filter((j) => j.returned).map((j) => this.job(j.id)!);
  }

  reset(): void {
    this.instances.clear();
    this.jobMap.clear();
  }

  // --- used by the wire handlers ---

  /** The instance of this project, settled to now; undefined when there is none. */
  find(projectId: string, id: string): RdsV3Instance | undefined {
    const instance = this.instances.get(id);
    if (!instance || instance.projectId !== projectId) return undefined;
    settle(instance, this.clock.now());
    return instance;
  }

  inProject(projectId: string): RdsV3Instance[] {
    return [...this.instances.values()].filter((i) => i.projectId === projectId);
  }

  now(): number {
    return this.clock.now();
  }

  shown(instance: RdsV3Instance): { status: string; enableSsl: boolean } {
    return visibleState(instance, this.clock.now());
  }

  /**
   * Starts the change and its task; the answer names the task (a job) when the instance's cloud
   * answers with one.
   */
  accept(instance: RdsV3Instance, target: boolean): { jobId?: string } {
    const now = this.clock.now();
    const taskId = randomUUID();
    const returned = instance.answer === "job";
    const change = startChange(instance, target, now, returned ? taskId : undefined);
    this.jobMap.set(taskId, {
      ...this.taskOf(instance, now, change.endsAt),
      id: taskId,
      name: "SwitchSsl",
      failReason: change.failReason,
      returned,
      listed: instance.listsSwitchTask,
    });
    return { jobId: returned ? taskId : undefined };
  }

  private taskOf(instance: RdsV3Instance, created: number, endsAt: number) {
    return {
      instanceId: instance.id,
      instanceName: instance.name,
      projectId: instance.projectId,
      created,
      visibleAt: created + instance.timing.jobVisibleAfterMs,
      endsAt,
      listed: true,
    };
  }

  /** How wrong each instance's job `process` is (the emulator's shared EstimateErrors). */
  estimateOf: (instanceId: string) => EstimateErrorMode = () => "none";

  /** The job's `process` while it runs: whole percent as a string ("60"; tencent-huawei.md §2). */
  jobProcess(job: RdsV3Job): string {
    const now = this.clock.now();
    const total = Math.max(1, job.endsAt - job.created);
    return String(reportedProgress(this.estimateOf(job.instanceId), now - job.created, total));
  }

  /** A job of this project that can be queried now. */
  visibleJob(projectId: string, id: string): (RdsV3Job & { status: RdsV3JobStatus }) | undefined {
    const job = this.jobMap.get(id);
    if (!job?.returned || job.projectId !== projectId || this.clock.now() < job.visibleAt)
      return undefined;
    return { ...job, status: this.jobStatus(job) };
  }

  /** The tasks of this project the instant task list shows now, oldest first. */
  listedTasks(projectId: string): (RdsV3Job & { status: RdsV3JobStatus })[] {
    const now = this.clock.now();
    return [...this.jobMap.values()]
      .filter((t) => t.listed && t.projectId === projectId && now >= t.visibleAt)
      .sort((a, b) => a.created - b.created)
      .map((t) => ({ ...t, status: this.jobStatus(t) }));
  }

  /** What the instance shows now, for a task's `instance_status` ("" once it is gone). */
  statusOf(instanceId: string): string {
    const instance = this.instances.get(instanceId);
    return instance ? this.shown(instance).status : "";
  }

  private jobStatus(job: RdsV3Job): RdsV3JobStatus {
    if (this.clock.now() < job.endsAt) return "Running";
    return job.failReason === undefined ? "Completed" : "Failed";
  }

  private must(id: string): RdsV3Instance {
    const instance = this.instances.get(id);
    if (!instance) throw new UnknownInstanceError(id);
    return instance;
  }

  private view(instance: RdsV3Instance): RdsV3InstanceView {
    const shown = visibleState(instance, this.clock.now());
    return {
      id: instance.id,
      projectId: instance.projectId,
      cloud: instance.cloud,
      engine: instance.engine,
      engineVersion: instance.engineVersion,
      status: shown.status,
      enableSsl: shown.enableSsl,
      answer: instance.answer,
      tags: Object.fromEntries(instance.tags),
      pending: instance.pending && { ...instance.pending },
    };
  }
}
