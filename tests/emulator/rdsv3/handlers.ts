/**
 * The RDS v3 routes (seed 004; tencent-huawei.md §2.2, §2.3): list, the SSL switch, the job, and
 * the instance tags action (Huawei rds_06_0037 / rds_06_0038, `POST …/tags/action`). Each answer
 * carries only the fields the API reference documents for it (querying_db_instances.rst, whose
 * `tags` gophertelekomcloud's `instances` model carries too, and rds_13_0003).
 */
import type { Params } from "../request-log";
import { rdsV3Errors } from "./errors";
import { refusesChange, type RdsV3Instance } from "./instances";
import type { RdsV3Store } from "./store";

export interface RdsV3Route {
  action: string;
  write: boolean;
  params: Params;
}

export interface RdsV3Reply {
  status: number;
  /** undefined: an empty body. */
  body?: object;
}

/** Which action a method and path name; undefined when none. */
export function routeOf(
  method: string,
  pathname: string,
  rawQuery: string,
): RdsV3Route | undefined {
  const query = Object.fromEntries(new URLSearchParams(rawQuery));
  const list = /^\/v3\/([^/]+)\/instances\/?$/.exec(pathname);
  if (list && method === "GET")
    return { action: "ListInstances", write: false, params: { project_id: list[1], ...query } };
  const ssl = /^\/v3\/([^/]+)\/instances\/([^/]+)\/ssl\/?$/.exec(pathname);
  if (ssl && method === "PUT") {
    return {
      action: "SwitchSsl",
      write: true,
      params: { project_id: ssl[1], instance_id: decodeURIComponent(ssl[2]) },
    };
  }
  const tags = /^\/v3\/([^/]+)\/instances\/([^/]+)\/tags\/action\/?$/.exec(pathname);
  if (tags && method === "POST") {
    return {
      action: "BatchTagAction",
      write: true,
      params: { project_id: tags[1], instance_id: decodeURIComponent(tags[2]) },
    };
  }
  const jobs = /^\/v3\/([^/]+)\/jobs\/?$/.exec(pathname);
  if (jobs && method === "GET")
    return { action: "ListJobInfo", write: false, params: { project_id: jobs[1], ...query } };
  // Huawei's API Explorer name for "Querying Instant Tasks" (rds_06_0138).
  const tasks = /^\/v3\/([^/]+)\/tasklist\/?$/.exec(pathname);
  if (tasks && method === "GET")
    return { action: "ListTasks", write: false, params: { project_id: tasks[1], ...query } };
  return undefined;
}

/** OTC's time format, e.g. `2018-08-06T10:41:14+0000`. */
export const otcTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+0000");

function instanceBody(store: RdsV3Store, i: RdsV3Instance): object {
  const shown = store.shown(i);
  return {
    id: i.id,
    name: i.name,
    status: shown.status,
    private_ips: ["192.168.0.12"],
    public_ips: [],
    port: i.engine === "MySQL" ? 3306 : i.engine === "PostgreSQL" ? 5432 : 1433,
    type: "Single",
    region: i.region,
    datastore: { type: i.engine, version: i.engineVersion },
    created: otcTime(i.created),
    updated: otcTime(i.pending?.acceptedAt ?? i.created),
    enable_ssl: shown.enableSsl,
    tags: [...i.tags].map(([key, value]) => ({ key, value })),
  };
}

/**
 * Paged as the cloud pages it (OTC querying_db_instances.rst, Huawei rds_01_0004): `offset` from 0,
 * `limit` 1–100, default 100; `total_count` counts every match, not the page.
 */
export function listInstances(store: RdsV3Store, params: Params): RdsV3Reply {
  const offset = pagingParam(params.offset, "offset", 0, Number.MAX_SAFE_INTEGER, 0);
  const limit = pagingParam(params.limit, "limit", 1, LIST_LIMIT_MAX, LIST_LIMIT_MAX);
  const all = store
    .inProject(params.project_id)
    .filter((i) => params.id === undefined || i.id === params.id);
  const page = all.slice(offset, offset + limit);
  return {
    status: 200,
    body: { instances: page.map((i) => instanceBody(store, i)), total_count: all.length },
  };
}

const LIST_LIMIT_MAX = 100;

export function pagingParam(
  raw: string | undefined,
  name: string,
  min: number,
  max: number,
  dflt: number,
) {
  if (raw === undefined) return dflt;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw rdsV3Errors.parameter(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** The PUT: refused while the instance is not ACTIVE or rebooting; during the lag, see instances.ts. */
export function switchSsl(store: RdsV3Store, params: Params, rawBody: Buffer): RdsV3Reply {
  const body = jsonBody(rawBody);
  const option = body?.ssl_option;
  if (typeof option !== "boolean") throw rdsV3Errors.parameter("ssl_option must be a boolean");
  params.ssl_option = String(option);
  const instance = store.find(params.project_id, params.instance_id);
  if (!instance) throw rdsV3Errors.notFound();
  if (instance.engine !== "MySQL") throw rdsV3Errors.engine(instance.engine);
  if (refusesChange(instance, store.now())) throw rdsV3Errors.busy();
  const { jobId } = store.accept(instance, option);
  if (instance.answer === "job") return { status: 200, body: { job_id: jobId } };
  return instance.answer === "accepted202" ? { status: 202 } : { status: 200, body: {} };
}

export function listJobInfo(store: RdsV3Store, params: Params): RdsV3Reply {
  if (!params.id) throw rdsV3Errors.parameter("id is required");
  const job = store.visibleJob(params.project_id, params.id);
  if (!job) throw rdsV3Errors.jobNotFound();
  const ended = job.status === "Running" ? undefined : otcTime(job.endsAt);
  return {
    status: 200,
    body: {
      job: {
        id: job.id,
        name: "SwitchSsl",
        status: job.status,
        created: otcTime(job.created),
        ended,
        process: job.status === "Running" ? store.jobProcess(job) : "",
        instance: { id: job.instanceId, name: job.instanceName },
        entities: {},
        fail_reason: job.failReason,
      },
    },
  };
}

function jsonBody(rawBody: Buffer): Record<string, unknown> | null {
  try {
    return JSON.parse(rawBody.toString("utf8") || "null") as Record<string, unknown> | null;
  } catch {
    throw rdsV3Errors.parameter("the body is not JSON");
  }
}

/**
 * Huawei's older tag rules, the strictest stored (rds_06_0037): a key of up to 36 characters from
 * A-Z a-z 0-9 - _, a value of up to 43 (the same set and "."). A key that already exists gets the
 * new value, and deleting a key that does not exist succeeds (the same rules as DDS dds_api_0033;
 * the RDS page says nothing). The answer is an empty 200.
 */
const TAG_KEY = /^[A-Za-z0-9_-]{1,36}$/;
const TAG_VALUE = /^[A-Za-z0-9_.-]{0,43}$/;

export function batchTagAction(store: RdsV3Store, params: Params, rawBody: Buffer): RdsV3Reply {
  const body = jsonBody(rawBody);
  const action = body?.action;
  if (action !== "create" && action !== "delete") {
    throw rdsV3Errors.parameter('action must be "create" or "delete"');
  }
  const tags = body?.tags;
  if (!Array.isArray(tags) || tags.length === 0) throw rdsV3Errors.parameter("tags is required");
  params.tag_action = action;
  params.tags = tags
    .map((t: { key?: unknown; value?: unknown }) => `${t?.key}=${t?.value ?? ""}`)
    .join(",");
  const instance = store.find(params.project_id, params.instance_id);
  if (!instance) throw rdsV3Errors.notFound();
  if (instance.tagsRefused) throw rdsV3Errors.forbidden(`rds:instance:${action}Tag`);
  for (const tag of tags as { key?: unknown; value?: unknown }[]) {
    if (typeof tag?.key !== "string" || !TAG_KEY.test(tag.key))
      throw rdsV3Errors.parameter("invalid tag key");
    if (action === "delete") {
      instance.tags.delete(tag.key);
    } else if (typeof tag.value !== "string" || !TAG_VALUE.test(tag.value)) {
      throw rdsV3Errors.parameter("invalid tag value");
    } else {
      instance.tags.set(tag.key, tag.value);
    }
  }
  return { status: 200 };
}
