/**
 * The R-KVStore API calls the driver makes, through `@alicloud/r-kvstore20150101` and the shared
 * Alibaba wrapper (rate limit, per-call retry, typed errors): DescribeInstanceAttribute,
 * DescribeInstanceSSL, ModifyInstanceSSL, DescribeTaskDetail and DescribeHistoryTasks.
 */
import type { DriverContext } from "../../core/driver";
import { incompleteAnswer, InstanceNotFoundError, isGone } from "../../core/cloud/errors";
import {
  alibabaRegion,
  alibabaSdkConfig,
  cachedProductClient,
  callAlibaba,
  requireSslField,
} from "../client";
import { AlibabaApiError } from "../errors";
import { blockingHistoryTask, type BlockingTask } from "../task-center";
import { ERROR_ADVICE, FAMILY, IN_FLIGHT_TASK_STATUSES } from "./consts";
import type { RedisLiveSsl, RedisSslInputs } from "./types";
import { flattenLive, type KvstoreAttribute, type KvstoreSsl } from "./wire";

type KvSdk = typeof import("@alicloud/r-kvstore20150101");

function kvClient(ctx: DriverContext, inputs: RedisSslInputs) {
  const sdk: KvSdk = require("../../core/cloud/sdk").loadSdk(FAMILY, "@alicloud/r-kvstore20150101");
  const region = alibabaRegion(ctx, inputs.region);
  const client = cachedProductClient(
    ctx,
    FAMILY,
    region,
    () => new sdk.default(alibabaSdkConfig(ctx, region) as never),
  );
  return { sdk, client, region };
}

function call<T>(
  ctx: DriverContext,
  inputs: RedisSslInputs,
  action: string,
  send: () => Promise<T>,
) {
  return callAlibaba({
    ctx,
    subject: { family: FAMILY, instanceId: inputs.instanceId },
    api: FAMILY,
    region: alibabaRegion(ctx, inputs.region),
    action,
    readOnly: action !== "ModifyInstanceSSL",
    send,
  });
}

/** "Not found" names where we looked: a wrong region looks like a missing instance. */
function asNotFound(ctx: DriverContext, inputs: RedisSslInputs, error: unknown): unknown {
  if (!isGone(error) || error instanceof InstanceNotFoundError) return error;
  const { client, region } = kvClient(ctx, inputs);
  const { code, requestId } = error as { code?: string; requestId?: string };
  const endpoint = (client as unknown as { _endpoint?: string })._endpoint;
  return new InstanceNotFoundError(
    { family: FAMILY, instanceId: inputs.instanceId },
    { region, endpoint, code, requestId },
    { cause: error },
  );
}

/** DescribeInstanceAttribute: status, engine, architecture. */
export async function describeAttribute(
  ctx: DriverContext,
  inputs: RedisSslInputs,
): Promise<KvstoreAttribute> {
  const { sdk, client } = kvClient(ctx, inputs);
  const request = new sdk.DescribeInstanceAttributeRequest({ instanceId: inputs.instanceId });
  try {
    const answer = await call(ctx, inputs, "DescribeInstanceAttribute", () =>
      client.describeInstanceAttribute(request),
    );
    const attribute = answer.body?.instances?.DBInstanceAttribute?.[0];
    if (attribute) return attribute;
    // Not the cloud's not-found answer: an error, never "gone".
    const subject = { family: FAMILY, instanceId: inputs.instanceId };
    const missing = "Instances.DBInstanceAttribute";
    throw incompleteAnswer(subject, "DescribeInstanceAttribute", missing, answer.body?.requestId);
  } catch (error) {
    throw asNotFound(ctx, inputs, error);
  }
}

/**
 * DescribeInstanceSSL. An engine without TLS answers IncorrectEngineVersion here too (Terraform
 * tolerates it on read, alibaba.md §1.3): that is SSL off, with the reason kept for validateLive.
 */
export async function describeSsl(
  ctx: DriverContext,
  inputs: RedisSslInputs,
  attribute: KvstoreAttribute,
): Promise<RedisLiveSsl> {
  const { sdk, client } = kvClient(ctx, inputs);
  const request = new sdk.DescribeInstanceSSLRequest({ instanceId: inputs.instanceId });
  try {
    const answer = await call(ctx, inputs, "DescribeInstanceSSL", () =>
      client.describeInstanceSSL(request),
    );
    const subject = { family: FAMILY, instanceId: inputs.instanceId };
    const body = requireSslField(subject, "DescribeInstanceSSL", answer.body, "SSLEnabled");
    return flattenLive(attribute, body as KvstoreSsl);
  } catch (error) {
    if (error instanceof AlibabaApiError && error.code === "IncorrectEngineVersion") {
      const rid = error.requestId ? ` [RequestId: ${error.requestId}]` : "";
      return { ...flattenLive(attribute, {}), sslUnsupported: `${error.code}${rid}` };
    }
    throw asNotFound(ctx, inputs, error);
  }
}

export async function describe(ctx: DriverContext, inputs: RedisSslInputs): Promise<RedisLiveSsl> {
  return describeSsl(ctx, inputs, await describeAttribute(ctx, inputs));
}

/** The SDK error's message gets the seed's advice appended before it becomes an AlibabaApiError. */
function withAdvice(error: unknown): never {
  const e = error as { code?: string; data?: Record<string, unknown> };
  const advice = e?.code ? ERROR_ADVICE[e.code] : undefined;
  if (advice && e.data)
    e.data = { ...e.data, Message: `${String(e.data.Message ?? "")} ${advice}` };
  throw error;
}

/** ModifyInstanceSSL; answers the request id and the task id. */
export async function modifySsl(
  ctx: DriverContext,
  inputs: RedisSslInputs,
  sslEnabled: string,
): Promise<{ requestId?: string; taskId?: string }> {
  const { sdk, client } = kvClient(ctx, inputs);
  const request = new sdk.ModifyInstanceSSLRequest({
    instanceId: inputs.instanceId,
    SSLEnabled: sslEnabled,
  });
  const res = await call(ctx, inputs, "ModifyInstanceSSL", () =>
    client.modifyInstanceSSL(request).catch(withAdvice),
  );
  return { requestId: res.body?.requestId, taskId: res.body?.taskId };
}

/** DescribeTaskDetail for the TaskId ModifyInstanceSSL returned: RUNNING or COMPLETED. */
export async function describeTaskStatus(
  ctx: DriverContext,
  inputs: RedisSslInputs,
  taskId: string,
): Promise<string> {
  const { sdk, client } = kvClient(ctx, inputs);
  const request = new sdk.DescribeTaskDetailRequest({ instanceId: inputs.instanceId, taskId });
  const answer = await call(ctx, inputs, "DescribeTaskDetail", () =>
    client.describeTaskDetail(request),
  );
  return answer.body?.status ?? "unknown";
}

/**
 * An unfinished task on the instance that blocks an SSL change, if any: the only place a change
 * accepted by a process that was killed shows while the instance still reads Normal. Every page,
 * read as task-center.ts says (issue 17 items 4 and 9).
 */
export async function describeUnfinishedTask(
  ctx: DriverContext,
  inputs: RedisSslInputs,
): Promise<string | undefined> {
  return (await unfinishedTask(ctx, inputs))?.description;
}

/**
 * As `describeUnfinishedTask`, with the task's `RemainTime` (the waiter's hint, issue 18).
 * DescribeTaskDetail answers only `BeginTime` and `Status` (SDK 6.4.0 model); the task centre's
 * entry has `RemainTime` and `Progress`, but under its own `t-…` id, not the write's TaskId.
 */
export async function unfinishedTask(
  ctx: DriverContext,
  inputs: RedisSslInputs,
): Promise<BlockingTask | undefined> {
  const { sdk, client, region } = kvClient(ctx, inputs);
  return blockingHistoryTask(
    inputs.instanceId,
    ctx.clock.now(),
    IN_FLIGHT_TASK_STATUSES,
    async (query) => {
      const request = new sdk.DescribeHistoryTasksRequest({
        ...query,
        instanceType: "Instance",
        regionId: region,
      });
      const answer = await call(ctx, inputs, "DescribeHistoryTasks", () =>
        client.describeHistoryTasks(request),
      );
      return answer.body;
    },
  );
}
