/**
 * The RDS v3 calls (tencent-huawei.md §2.2, §2.3; seed 004): list one instance by id, switch SSL,
 * query a job (and the tag calls of change-mark.ts). Paths carry the project id; every call goes
 * through `callRdsV3`.
 */
import { rules } from "../core/validation/check-failure";
import type { DriverContext } from "../core/driver";
import {
  DbSslError,
  incompleteAnswer,
  InstanceNotFoundError,
  type ErrorSubject,
} from "../core/cloud/errors";
import { sharedListingFor, type ListingPage } from "../core/cloud/shared-listing";
import { callRdsV3, type RdsV3Answer, type RdsV3Call } from "./client";
import { cloudRegion, setting, type RdsV3Cloud } from "./clouds";
import { RdsV3ApiError } from "./errors";
import type { InstanceRecord, InstantTaskRecord, JobRecord, RdsV3Inputs } from "./types";

type Target = Pick<RdsV3Call, "ctx" | "cloud" | "subject" | "projectId" | "region">;

export function subjectOf(cloud: RdsV3Cloud, inputs: RdsV3Inputs): ErrorSubject {
  return { family: cloud.family, instanceId: inputs.instanceId };
}

/** The declared project, else the settings' (clouds.ts); names where to set it when missing. */
export function projectIdOf(ctx: DriverContext, cloud: RdsV3Cloud, inputs: RdsV3Inputs): string {
  const projectId = inputs.projectId ?? setting(ctx.settings, cloud.projectId);
  if (projectId !== undefined && /^[0-9a-f]{32}$/.test(projectId)) return projectId;
  const where = ["the projectId input", ...cloud.projectId].join(", ");
  const problem =
    projectId === undefined ? "no project id set" : "the project id is not 32 hex characters";
  throw new DbSslError(subjectOf(cloud, inputs), `${problem}: set ${where} (nothing was sent)`);
}

/**
 * The region a call goes to. It becomes part of the API host name (clouds.ts `endpoint`), so it
 * is checked here too, not only at `check`: a state the engine never checked (edited by hand, an
 * import) must not send signed requests to another host (issue 12, "request host").
 */
export function regionOf(ctx: DriverContext, cloud: RdsV3Cloud, inputs: RdsV3Inputs): string {
  const region = inputs.region ?? cloudRegion(cloud, ctx.settings);
  const source = inputs.region !== undefined ? "region" : cloud.region.join(" or ");
  const problem = rules.format(cloud.formats.region)(source, region);
  if (problem === undefined) return region;
  throw new DbSslError(subjectOf(cloud, inputs), `${problem} (nothing was sent)`);
}

/** Where a call for this resource goes: subject, project and region (checked here, see above). */
export function callTarget(ctx: DriverContext, cloud: RdsV3Cloud, inputs: RdsV3Inputs): Target {
  return {
    ctx,
    cloud,
    subject: subjectOf(cloud, inputs),
    projectId: projectIdOf(ctx, cloud, inputs),
    region: regionOf(ctx, cloud, inputs),
  };
}

/**
 * The instance with this id; InstanceNotFoundError (naming where we looked) when there is none.
 * Reads waiting together share `ListInstances` pages (core/cloud/shared-listing.ts): one page of
 * 100 answers a hundred resources' reads and polls, so a stack of hundreds of instances stays
 * within the cloud's per-API limit. Only the id's own filtered call ever concludes "not found".
 */
export async function listInstance(
  ctx: DriverContext,
  cloud: RdsV3Cloud,
  inputs: RdsV3Inputs,
): Promise<{ record: InstanceRecord; projectId: string }> {
  const t = callTarget(ctx, cloud, inputs);
  const host = new URL(ctx.settings.endpointOverride ?? cloud.endpoint(t.region)).host;
  const listing = sharedListingFor<Listed>(
    `${cloud.family} ${host} ${t.region} ${t.projectId}`,
    ctx.clock,
  );
  const { record, requestId } = await listing.read({
    id: inputs.instanceId,
    one: () => listOne(t, inputs.instanceId, host),
    page: (offset) => listPage(t, offset),
    pageSize: LIST_PAGE_SIZE,
    idOf: (listed) => listed.record.id,
  });
  if (typeof record.status !== "string" || typeof record.enable_ssl !== "boolean") {
    const missing = "the instance's status and enable_ssl";
    throw incompleteAnswer(t.subject, "ListInstances", missing, requestId);
  }
  return { record, projectId: t.projectId };
}

/** `limit`'s maximum (OTC querying_db_instances.rst; Huawei rds_01_0004: 1–100, default 100). */
export const LIST_PAGE_SIZE = 100;

interface Listed {
  record: InstanceRecord;
  requestId?: string;
}

/** `GET …/instances?id=`: an unknown id gives `instances: []` (both Terraform providers: deleted). */
async function listOne(t: Target, id: string, host: string): Promise<Listed> {
  const answer = await callRdsV3({
    ...t,
    action: "ListInstances",
    method: "GET",
    path: "/instances",
    query: { id },
  });
  const list = instancesOf(t, answer);
  const record = list.find((i) => i?.id === id);
  if (record) return { record, requestId: answer.requestId };
  throw new InstanceNotFoundError(t.subject, {
    region: t.region,
    endpoint: `${host}, project ${t.projectId}`,
    requestId: answer.requestId,
  });
}

/** One page of the project's instances (`offset`, `limit`; `total_count` counts them all). */
async function listPage(target: Target, offset: number): Promise<ListingPage<Listed>> {
  // The page serves many resources: its lines and errors name the project, not one of them.
  const subject = { family: target.subject.family, instanceId: `project ${target.projectId}` };
  const t = { ...target, subject };
  const answer = await callRdsV3({
    ...t,
    action: "ListInstances",
    method: "GET",
    path: "/instances",
    query: { offset: String(offset), limit: String(LIST_PAGE_SIZE) },
  });
  const records = instancesOf(t, answer).map((record) => ({ record, requestId: answer.requestId }));
  const total = answer.json.total_count;
  if (typeof total !== "number" || !Number.isInteger(total) || total < 0) {
    throw incompleteAnswer(subject, "ListInstances", "total_count", answer.requestId);
  }
  return { records, total };
}

function instancesOf(t: Target, answer: RdsV3Answer): InstanceRecord[] {
  const list = answer.json.instances;
  if (!Array.isArray(list)) {
    throw incompleteAnswer(t.subject, "ListInstances", "an instances list", answer.requestId);
  }
  return (list as (InstanceRecord | null)[]).filter((i): i is InstanceRecord => i !== null);
}

/**
 * `PUT …/instances/{id}/ssl` `{"ssl_option": on}`. The answer is 200 `{}` (seed 004), 202 (OTC since
 * 2026-07, issue opentelekomcloud/terraform-provider-opentelekomcloud#3467) or `{"job_id"}` (Huawei).
 */
export async function switchSsl(
  ctx: DriverContext,
  cloud: RdsV3Cloud,
  inputs: RdsV3Inputs,
  on: boolean,
): Promise<{ requestId?: string; jobId?: string }> {
  const answer = await callRdsV3({
    ...callTarget(ctx, cloud, inputs),
    action: "SwitchSsl",
    method: "PUT",
    path: `/instances/${inputs.instanceId}/ssl`,
    body: { ssl_option: on },
  });
  const jobId = answer.json.job_id;
  return {
    requestId: answer.requestId,
    jobId: typeof jobId === "string" && jobId !== "" ? jobId : undefined,
  };
}

/**
 * The instance's newest Running task in "Querying Instant Tasks" (`GET …/tasklist`, OTC
 * rds_13_0002, Huawei rds_06_0138), or undefined when none is listed. Neither page says which
 * task types it lists (Huawei's switch answers a `job_id` its page defines as "Task ID",
 * rds_05_0017, so there it is a task; OTC's backend is the same), nor in which order, so the
 * newest by `create_time` is taken: a switch is accepted only on an ACTIVE instance, and one
 * running task while it reboots is the rule. One page of the most the API allows (50) of one
 * instance's running tasks is all there is.
 */
export async function newestRunningTask(
  ctx: DriverContext,
  cloud: RdsV3Cloud,
  inputs: RdsV3Inputs,
): Promise<InstantTaskRecord | undefined> {
  const answer = await callRdsV3({
    ...callTarget(ctx, cloud, inputs),
    action: "ListTasks",
    method: "GET",
    path: "/tasklist",
    query: { instance_id: inputs.instanceId, status: "Running", limit: "50" },
  });
  const tasks = Array.isArray(answer.json.tasks) ? (answer.json.tasks as InstantTaskRecord[]) : [];
  const running = tasks.filter(
    (t) => t?.status === "Running" && (t.instance_id ?? inputs.instanceId) === inputs.instanceId,
  );
  const created = (t: InstantTaskRecord) => Date.parse(t.create_time ?? "") || 0;
  return running.sort((a, b) => created(b) - created(a))[0];
}

/**
 * The job, or undefined while it cannot be found: "it takes several seconds to query the job ID"
 * (rds_13_0003), so a 404 right after the PUT is not a failure, whatever its code.
 */
export async function showJob(
  ctx: DriverContext,
  cloud: RdsV3Cloud,
  inputs: RdsV3Inputs,
  jobId: string,
): Promise<JobRecord | undefined> {
  try {
    const answer = await callRdsV3({
      ...callTarget(ctx, cloud, inputs),
      action: "ListJobInfo",
      method: "GET",
      path: "/jobs",
      query: { id: jobId },
    });
    const job = answer.json.job as JobRecord | undefined;
    return job && typeof job === "object" && job.status ? job : undefined;
  } catch (error) {
    if (error instanceof RdsV3ApiError && error.httpStatus === 404) return undefined;
    throw error;
  }
}
