/**
 * The three RDS v3 routes (seed 004; tencent-huawei.md §2.2, §2.3). Each answer carries only the
 * fields the OTC API reference documents for it (querying_db_instances.rst, rds_13_0003).
 */
import type { Params } from "../request-log";
import { rdsV3Errors } from "./errors";
import type { RdsV3Instance } from "./instances";
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
  const jobs = /^\/v3\/([^/]+)\/jobs\/?$/.exec(pathname);
  if (jobs && method === "GET")
    return { action: "ListJobInfo", write: false, params: { project_id: jobs[1], ...query } };
  return undefined;
}

/** OTC's time format, e.g. `2018-08-06T10:41:14+0000`. */
const otcTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+0000");

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
  };
}

export function listInstances(store: RdsV3Store, params: Params): RdsV3Reply {
  const all = store
    .inProject(params.project_id)
    .filter((i) => params.id === undefined || i.id === params.id);
  return {
    status: 200,
    body: { instances: all.map((i) => instanceBody(store, i)), total_count: all.length },
  };
}

/** The PUT: refused while the instance is not ACTIVE or a change is pending (even during the lag). */
export function switchSsl(store: RdsV3Store, params: Params, rawBody: Buffer): RdsV3Reply {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(rawBody.toString("utf8") || "null") as Record<string, unknown>;
  } catch {
    throw rdsV3Errors.parameter("the body is not JSON");
  }
  const option = body?.ssl_option;
  if (typeof option !== "boolean") throw rdsV3Errors.parameter("ssl_option must be a boolean");
  params.ssl_option = String(option);
  const instance = store.find(params.project_id, params.instance_id);
  if (!instance) throw rdsV3Errors.notFound();
  if (instance.engine !== "MySQL") throw rdsV3Errors.engine(instance.engine);
  if (instance.pending || instance.status !== "ACTIVE") throw rdsV3Errors.busy();
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
