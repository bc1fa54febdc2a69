/**
 * The RDS API calls the driver makes, through `@alicloud/rds20140815` and the shared Alibaba
 * wrapper (rate limit, per-call retry, typed errors): DescribeDBInstanceAttribute,
 * DescribeDBInstanceSSL and ModifyDBInstanceSSL.
 */
import type { DriverContext } from "../../core/driver";
import { incompleteAnswer, InstanceNotFoundError, isGone } from "../../core/cloud/errors";
import { blockingHistoryTask, type BlockingTask } from "../task-center";
import {
  alibabaRegion,
  alibabaSdkConfig,
  cachedProductClient,
  callAlibaba,
  requireSslField,
} from "../client";
import { FAMILY } from "./consts";
import type { RdsLiveSsl, RdsSslInputs } from "./types";
import { flattenLive, type DescribeAnswers } from "./wire";

type RdsSdk = typeof import("@alicloud/rds20140815");

function rdsClient(ctx: DriverContext, inputs: RdsSslInputs) {
  const sdk: RdsSdk = require("../../core/cloud/sdk").loadSdk(FAMILY, "@alicloud/rds20140815");
  const region = alibabaRegion(ctx, inputs.region);
  const client = cachedProductClient(
    ctx,
    FAMILY,
    region,
    () => new sdk.default(alibabaSdkConfig(ctx, region) as never),
  );
  return { sdk, client, region };
}

function call<T>(ctx: DriverContext, inputs: RdsSslInputs, action: string, send: () => Promise<T>) {
  return callAlibaba({
    ctx,
    subject: { family: FAMILY, instanceId: inputs.instanceId },
    api: FAMILY,
    region: alibabaRegion(ctx, inputs.region),
    action,
    readOnly: action !== "ModifyDBInstanceSSL",
    send,
  });
}

/** Names where we looked, for "not found": a wrong region looks like a missing instance. */
function notFound(
  ctx: DriverContext,
  inputs: RdsSslInputs,
  answer: { code?: string; requestId?: string },
  cause?: unknown,
): InstanceNotFoundError {
  const { client, region } = rdsClient(ctx, inputs);
  const endpoint = (client as unknown as { _endpoint?: string })._endpoint;
  return new InstanceNotFoundError(
    { family: FAMILY, instanceId: inputs.instanceId },
    { region, endpoint, ...answer },
    { cause },
  );
}

export type Attribute = DescribeAnswers["attribute"];

/** DescribeDBInstanceAttribute: status, lock, engine, default endpoint. */
export async function describeAttribute(
  ctx: DriverContext,
  inputs: RdsSslInputs,
): Promise<Attribute> {
  const { sdk, client } = rdsClient(ctx, inputs);
  const request = new sdk.DescribeDBInstanceAttributeRequest({ DBInstanceId: inputs.instanceId });
  try {
    const answer = await call(ctx, inputs, "DescribeDBInstanceAttribute", () =>
      client.describeDBInstanceAttribute(request),
    );
    const attribute = answer.body?.items?.DBInstanceAttribute?.[0];
    if (attribute) return attribute;
    // Not the cloud's not-found answer (InvalidDBInstanceId.NotFound): an error, never "gone".
    const subject = { family: FAMILY, instanceId: inputs.instanceId };
    const missing = "Items.DBInstanceAttribute";
    throw incompleteAnswer(subject, "DescribeDBInstanceAttribute", missing, answer.body?.requestId);
  } catch (error) {
    throw asNotFound(ctx, inputs, error);
  }
}

/** The cloud's "not found" codes become an InstanceNotFoundError saying where we looked. */
function asNotFound(ctx: DriverContext, inputs: RdsSslInputs, error: unknown): unknown {
  if (!isGone(error) || error instanceof InstanceNotFoundError) return error;
  const { code, requestId } = error as { code?: string; requestId?: string };
  return notFound(ctx, inputs, { code, requestId }, error);
}

/** DescribeDBInstanceSSL, normalised together with the attribute read before it. */
export async function describeSsl(
  ctx: DriverContext,
  inputs: RdsSslInputs,
  attribute: Attribute,
): Promise<RdsLiveSsl> {
  const { sdk, client } = rdsClient(ctx, inputs);
  const request = new sdk.DescribeDBInstanceSSLRequest({ DBInstanceId: inputs.instanceId });
  try {
    const ssl = await call(ctx, inputs, "DescribeDBInstanceSSL", () =>
      client.describeDBInstanceSSL(request),
    );
    const subject = { family: FAMILY, instanceId: inputs.instanceId };
    const body = requireSslField(subject, "DescribeDBInstanceSSL", ssl.body, "SSLEnabled");
    return flattenLive({ attribute, ssl: body as unknown as Record<string, string | undefined> });
  } catch (error) {
    throw asNotFound(ctx, inputs, error);
  }
}

export async function describe(ctx: DriverContext, inputs: RdsSslInputs): Promise<RdsLiveSsl> {
  return describeSsl(ctx, inputs, await describeAttribute(ctx, inputs));
}

/** ModifyDBInstanceSSL with the expanded request; answers the request id. */
export async function modifySsl(
  ctx: DriverContext,
  inputs: RdsSslInputs,
  params: Record<string, string | number>,
): Promise<string | undefined> {
  const { sdk, client } = rdsClient(ctx, inputs);
  const request = new sdk.ModifyDBInstanceSSLRequest(params);
  const res = await call(ctx, inputs, "ModifyDBInstanceSSL", () =>
    client.modifyDBInstanceSSL(request),
  );
  return res.body?.requestId;
}

/**
 * Task-center statuses of a change not finished yet (DescribeHistoryTasks `Status`, SDK model
 * `DescribeHistoryTasksResponseBody`: Scheduled | Running | Succeed | Failed | Cancelling |
 * Canceled | Waiting). `Scheduled` covers the lag after a Modify is accepted, while the instance
 * still reads Running with its old SSL state.
 */
const IN_FLIGHT_TASK_STATUSES = ["Scheduled", "Running", "Waiting", "Cancelling"];

/**
 * An unfinished task on the instance that blocks an SSL change, if any: the only place a change
 * accepted by a process that was killed shows before the instance leaves Running (issue 6 item
 * 5). DescribeTasks covers SQL Server only (API reference), so DescribeHistoryTasks it is, for
 * every engine, every page, read as task-center.ts says (issue 17 items 4 and 9).
 */
export async function describeUnfinishedTask(
  ctx: DriverContext,
  inputs: RdsSslInputs,
): Promise<string | undefined> {
  return (await unfinishedTask(ctx, inputs))?.description;
}

/** As `describeUnfinishedTask`, with the task's `RemainTime` (the waiter's hint, issue 18). */
export async function unfinishedTask(
  ctx: DriverContext,
  inputs: RdsSslInputs,
): Promise<BlockingTask | undefined> {
  const { sdk, client, region } = rdsClient(ctx, inputs);
  return blockingHistoryTask(
    inputs.instanceId,
    ctx.clock.now(),
    IN_FLIGHT_TASK_STATUSES,
    async (query) => {
      const request = new sdk.DescribeHistoryTasksRequest({ ...query, regionId: region });
      const answer = await call(ctx, inputs, "DescribeHistoryTasks", () =>
        client.describeHistoryTasks(request),
      );
      return answer.body;
    },
  );
}
