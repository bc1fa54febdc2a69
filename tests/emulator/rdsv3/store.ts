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

export interface RdsV3Job {
  id: string;
  instanceId: string;
  instanceName: string;
  projectId: string;
  created: number;
  visibleAt: number;
  endsAt: number;
  failReason?: string;
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
  job(id: string): RdsV3JobView | undefined;
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
    const instance = this.must(id);
    const jobId = instance.pending?.jobId;
    const job = jobId === undefined ? undefined : this.jobMap.get(jobId);
    if (job && this.jobStatus(job) === "Running") {
      job.failReason = "The DB instance was deleted.";
      job.endsAt = this.clock.now();
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

  job(id: string): RdsV3JobView | undefined {
    const job = this.jobMap.get(id);
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
    return [...this.jobMap.keys()].map((id) => this.job(id)!);
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

  /** Starts the change; with a job when the instance's cloud answers with one. */
  accept(instance: RdsV3Instance, target: boolean): { jobId?: string } {
    const now = this.clock.now();
    const jobId = instance.answer === "job" ? randomUUID() : undefined;
    const change = startChange(instance, target, now, jobId);
    if (jobId) {
      this.jobMap.set(jobId, {
        id: jobId,
        instanceId: instance.id,
        instanceName: instance.name,
        projectId: instance.projectId,
        created: now,
        visibleAt: now + instance.timing.jobVisibleAfterMs,
        endsAt: change.endsAt,
        failReason: change.failReason,
      });
    }
    return { jobId };
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
    if (!job || job.projectId !== projectId || this.clock.now() < job.visibleAt) return undefined;
    return { ...job, status: this.jobStatus(job) };
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
