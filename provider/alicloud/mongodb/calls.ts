/**
 * The DDS API calls, through `@alicloud/openapi-core`'s generic `callApi` (no DDS package exists on
 * npm, alibaba.md §4.7) and the shared Alibaba wrapper (rate limit, per-call retry, typed errors):
 * DescribeDBInstanceAttribute, DescribeDBInstanceSSL, DescribeHistoryTasks, ModifyDBInstanceSSL.
 * Raw answers keep the wire's key spelling, so `ForceEncryption` (in the API doc, not in the SDK
 * models) survives.
 */
import type { DriverContext } from "../../core/driver";
import {
  CloudApiError,
  incompleteAnswer,
  InstanceNotFoundError,
  isGone,
} from "../../core/cloud/errors";
import {
  alibabaRegion,
  alibabaSdkConfig,
  cachedProductClient,
  callAlibaba,
  requireSslField,
} from "../client";
import { allTaskPages, TASK_PAGE_SIZE } from "../task-center";
import { taskWindow } from "../task-window";
import { CENTRAL_ENDPOINT_REGIONS, DDS_VERSION, FAMILY, NO_SSL_READ_CODES } from "./consts";
import type { DdsSslInputs } from "./types";

type OpenApiCore = typeof import("@alicloud/openapi-core");
type CoreClient = InstanceType<OpenApiCore["default"]>;
type Body = Record<string, unknown>;

/** The API host of a region (DDS Go SDK `EndpointMap`); `dbssl:endpointOverride` wins over it. */
export function ddsEndpoint(region: string): string {
  return CENTRAL_ENDPOINT_REGIONS.includes(region)
    ? "mongodb.aliyuncs.com"
    : `mongodb.${region}.aliyuncs.com`;
}

function ddsClient(ctx: DriverContext, inputs: DdsSslInputs) {
  const core: OpenApiCore = require("../../core/cloud/sdk").loadSdk(
    FAMILY,
    "@alicloud/openapi-core",
  );
  const region = alibabaRegion(ctx, inputs.region);
  const entry = cachedProductClient(ctx, FAMILY, region, () => {
    // The core client has no endpoint map: without an endpoint it refuses to start.
    const config = alibabaSdkConfig(ctx, region) as { endpoint?: string };
    config.endpoint ??= ddsEndpoint(region);
    return { client: new core.default(config as never) as CoreClient, endpoint: config.endpoint };
  });
  return { core, region, ...entry };
}

/** One RPC call (the shape the generated DDS SDKs use: POST /, parameters in the query). */
async function rpc(
  ctx: DriverContext,
  inputs: DdsSslInputs,
  action: string,
  query: Record<string, string | number>,
): Promise<Body> {
  const { core, client, region } = ddsClient(ctx, inputs);
  const params = new core.$OpenApiUtil.Params({
    action,
    version: DDS_VERSION,
    protocol: "HTTPS",
    pathname: "/",
    method: "POST",
    authType: "AK",
    style: "RPC",
    reqBodyType: "formData",
    bodyType: "json",
  });
  const request = new core.$OpenApiUtil.OpenApiRequest({ query: core.OpenApiUtil.query(query) });
  const answer = await callAlibaba({
    ctx,
    subject: { family: FAMILY, instanceId: inputs.instanceId },
    api: FAMILY,
    action,
    region,
    readOnly: action !== "ModifyDBInstanceSSL",
    send: () => client.callApi(params, request, {} as never) as Promise<{ body?: Body }>,
  });
  return answer?.body ?? {};
}

/** Names where we looked: a wrong region looks exactly like a missing instance. */
function notFound(
  ctx: DriverContext,
  inputs: DdsSslInputs,
  answer: { code?: string; requestId?: string },
  cause?: unknown,
): InstanceNotFoundError {
  const { region, endpoint } = ddsClient(ctx, inputs);
  return new InstanceNotFoundError(
    { family: FAMILY, instanceId: inputs.instanceId },
    {
      region,
      endpoint: ctx.settings.endpointOverride ? "dbssl:endpointOverride" : endpoint,
      ...answer,
    },
    { cause },
  );
}

async function read(
  ctx: DriverContext,
  inputs: DdsSslInputs,
  action: string,
  query: Record<string, string | number>,
): Promise<Body> {
  try {
    return await rpc(ctx, inputs, action, query);
  } catch (error) {
    if (isGone(error) && !(error instanceof InstanceNotFoundError)) {
      const { code, requestId } = error as { code?: string; requestId?: string };
      throw notFound(ctx, inputs, { code, requestId }, error);
    }
    throw error;
  }
}

/** DescribeDBInstanceAttribute: `DBInstances.DBInstance[]`, the element with our id (alibaba.md §1.2). */
export async function describeAttribute(ctx: DriverContext, inputs: DdsSslInputs): Promise<Body> {
  const body = await read(ctx, inputs, "DescribeDBInstanceAttribute", {
    DBInstanceId: inputs.instanceId,
  });
  const list = (body.DBInstances as { DBInstance?: Body[] } | undefined)?.DBInstance ?? [];
  const found = list.find((i) => i.DBInstanceId === inputs.instanceId);
  if (found) return found;
  // Not the cloud's not-found answer (InvalidDBInstanceId.NotFound): an error, never "gone".
  const subject = { family: FAMILY, instanceId: inputs.instanceId };
  const requestId = body.RequestId as string | undefined;
  throw incompleteAnswer(subject, "DescribeDBInstanceAttribute", "this instance", requestId);
}

/** DescribeDBInstanceSSL; an instance that cannot have SSL answers `{ unsupported: code }`. */
export async function describeSsl(ctx: DriverContext, inputs: DdsSslInputs): Promise<Body> {
  try {
    const body = await read(ctx, inputs, "DescribeDBInstanceSSL", {
      DBInstanceId: inputs.instanceId,
    });
    const subject = { family: FAMILY, instanceId: inputs.instanceId };
    return requireSslField(subject, "DescribeDBInstanceSSL", body, "SSLStatus");
  } catch (error) {
    if (error instanceof CloudApiError && NO_SSL_READ_CODES.includes(error.code)) {
      return { unsupported: `${error.code}: ${error.message}` };
    }
    throw error;
  }
}

/** How far ahead to look for scheduled tasks (a maintenance window is at most a day away). */
const TASK_AHEAD_MS = 2 * 24 * 3600_000;

/**
 * Task-center entries of the instance in one of `statuses` (DescribeHistoryTasks; `Status` takes
 * a comma list): the unfinished ones, and the finished ones that tell a change's own task
 * (POLL_TASK_STATUSES). A scheduled change's start time is its window, so the query reaches
 * into the future.
 */
export async function describeOpenTasks(
  ctx: DriverContext,
  inputs: DdsSslInputs,
  statuses: readonly string[],
): Promise<Body[]> {
  const window = taskWindow(ctx.clock.now(), TASK_AHEAD_MS);
  const items = await allTaskPages(async (pageNumber) => {
    const body = await read(ctx, inputs, "DescribeHistoryTasks", {
      InstanceId: inputs.instanceId,
      RegionId: alibabaRegion(ctx, inputs.region),
      Status: statuses.join(","),
      FromStartTime: window.fromStartTime,
      ToStartTime: window.toStartTime,
      PageSize: String(TASK_PAGE_SIZE),
      PageNumber: String(pageNumber),
    });
    const total = Number(body.TotalCount);
    return {
      items: Array.isArray(body.Items) ? (body.Items as Body[]) : [],
      totalCount: Number.isFinite(total) ? total : undefined,
    };
  });
  return items.filter(
    (t) => t.InstanceId === inputs.instanceId && statuses.includes(String(t.Status)),
  );
}

/** ModifyDBInstanceSSL; answers the request id. */
export async function modifySsl(
  ctx: DriverContext,
  inputs: DdsSslInputs,
  params: Record<string, string>,
): Promise<string | undefined> {
  const body = await rpc(ctx, inputs, "ModifyDBInstanceSSL", params);
  return typeof body.RequestId === "string" ? body.RequestId : undefined;
}
