/**
 * The TencentDB for PostgreSQL calls the driver makes, through the postgres client of
 * `tencentcloud-sdk-nodejs` (deep import) and the shared Tencent wrapper: DescribeDBInstanceAttribute,
 * DescribeDBInstanceSSLConfig, DescribeTasks and ModifyDBInstanceSSLConfig.
 */
import type { DriverContext } from "../../core/driver";
import { incompleteAnswer, InstanceNotFoundError, isGone } from "../../core/cloud/errors";
import { callTencent, loadTencentSdk, tencentCredential, tencentRegion } from "../client";
import { agentFor, endpointTarget } from "../network";
import { FAMILY, POSTGRES_CLIENT_MODULE, TASK_WINDOW_MS } from "./consts";
import type { PostgresSslInputs, PostgresTask } from "./types";

type PgModule =
  typeof import("tencentcloud-sdk-nodejs/tencentcloud/services/postgres/v20170312/postgres_client");
type PgClient = InstanceType<PgModule["Client"]>;

/** One client per settings and region; each has its own agent (network.ts). */
const clients = new WeakMap<object, Map<string, PgClient>>();

function pgClient(ctx: DriverContext, inputs: PostgresSslInputs): PgClient {
  const region = tencentRegion(ctx.settings, inputs.region);
  let byRegion = clients.get(ctx.settings);
  if (!byRegion) clients.set(ctx.settings, (byRegion = new Map()));
  let client = byRegion.get(region);
  if (!client) {
    const { Client } = loadTencentSdk<PgModule>(FAMILY, POSTGRES_CLIENT_MODULE);
    const target = endpointTarget(ctx.settings.endpointOverride);
    client = new Client({
      credential: tencentCredential(ctx.settings) as never,
      region,
      profile: {
        language: "en-US",
        httpProfile: {
          endpoint: target.endpoint,
          protocol: target.protocol,
          reqTimeout: ctx.settings.requestTimeoutMs / 1000,
          agent: agentFor(target, ctx.settings.env),
        },
      },
    });
    keepTaskIdsExact(client);
    byRegion.set(region, client);
  }
  return client;
}

/**
 * `TaskId` is an Integer on the wire (seed 003) and the SDK parses answers with JSON.parse
 * (`abstract_client.js` parseResponse, `res.json()`), which rounds integers above 2^53. The
 * answer's `TaskId` values are turned into strings before parsing, so `lastTaskId` and the
 * DescribeTasks query keep every digit; requests carry it as a BigInt, which the SDK's
 * `JSONbigNative.stringify` writes as a bare integer.
 */
function keepTaskIdsExact(client: PgClient): void {
  const target = client as unknown as { parseResponse(res: unknown): Promise<unknown> };
  const parse = target.parseResponse.bind(client);
  target.parseResponse = (res) => {
    const response = res as { text(): Promise<string>; json?: () => Promise<unknown> };
    response.json = async () =>
      JSON.parse((await response.text()).replace(/("TaskId"\s*:\s*)(-?\d+)/g, '$1"$2"'));
    return parse(res);
  };
}

function call<T>(
  ctx: DriverContext,
  inputs: PostgresSslInputs,
  action: string,
  send: () => Promise<T>,
) {
  return callTencent({
    ctx,
    subject: { family: FAMILY, instanceId: inputs.instanceId },
    region: tencentRegion(ctx.settings, inputs.region),
    action,
    readOnly: !action.startsWith("Modify"),
    send,
  });
}

/** A gone answer becomes "instance not found" naming the region: a wrong region looks the same. */
async function orNotFound<T>(ctx: DriverContext, inputs: PostgresSslInputs, run: () => Promise<T>) {
  try {
    return await run();
  } catch (error) {
    if (!isGone(error) || error instanceof InstanceNotFoundError) throw error;
    const { code, requestId } = error as { code?: string; requestId?: string };
    const target = endpointTarget(ctx.settings.endpointOverride);
    throw new InstanceNotFoundError(
      { family: FAMILY, instanceId: inputs.instanceId },
      {
        region: tencentRegion(ctx.settings, inputs.region),
        endpoint: target.endpoint,
        code,
        requestId,
      },
      { cause: error },
    );
  }
}

/** DescribeDBInstanceAttribute: the instance's status (`running`, `restarting`, `isolated`, ...). */
export async function describeStatus(
  ctx: DriverContext,
  inputs: PostgresSslInputs,
): Promise<string> {
  const client = pgClient(ctx, inputs);
  const answer = await orNotFound(ctx, inputs, () =>
    call(ctx, inputs, "DescribeDBInstanceAttribute", () =>
      client.DescribeDBInstanceAttribute({ DBInstanceId: inputs.instanceId }),
    ),
  );
  const status = answer.DBInstance?.DBInstanceStatus;
  if (typeof status === "string" && status !== "") return status;
  const subject = { family: FAMILY, instanceId: inputs.instanceId };
  const missing = "DBInstance.DBInstanceStatus";
  throw incompleteAnswer(subject, "DescribeDBInstanceAttribute", missing, answer.RequestId);
}

export interface SslConfigAnswer {
  SSLEnabled?: boolean;
  ConnectAddress?: string;
  CAUrl?: string;
  CACert?: string;
  RequestId?: string;
}

/** DescribeDBInstanceSSLConfig: the SSL state (no expiry field exists: tencent-huawei.md §1.1). */
export async function describeSslConfig(
  ctx: DriverContext,
  inputs: PostgresSslInputs,
): Promise<SslConfigAnswer> {
  const client = pgClient(ctx, inputs);
  const answer: SslConfigAnswer = await orNotFound(ctx, inputs, () =>
    call(ctx, inputs, "DescribeDBInstanceSSLConfig", () =>
      client.DescribeDBInstanceSSLConfig({ DBInstanceId: inputs.instanceId }),
    ),
  );
  if (typeof answer?.SSLEnabled === "boolean") return answer;
  const subject = { family: FAMILY, instanceId: inputs.instanceId };
  throw incompleteAnswer(subject, "DescribeDBInstanceSSLConfig", "SSLEnabled", answer?.RequestId);
}

/** The instance's recent tasks, newest first (a change running or waiting shows only here). */
export async function describeInstanceTasks(
  ctx: DriverContext,
  inputs: PostgresSslInputs,
): Promise<PostgresTask[]> {
  const client = pgClient(ctx, inputs);
  const answer = await call(ctx, inputs, "DescribeTasks", () =>
    client.DescribeTasks({
      DBInstanceId: inputs.instanceId,
      MinStartTime: beijingTime(ctx.clock.now() - TASK_WINDOW_MS),
      Limit: 100,
      OrderBy: "StartTime",
      OrderByType: "desc",
    }),
  );
  return ((answer.TaskSet ?? []) as PostgresTask[]).filter(
    (t) => t.DBInstanceId === undefined || t.DBInstanceId === inputs.instanceId,
  );
}

/** One task by id; undefined while the cloud does not list it yet (Terraform: "wait TaskSet init."). */
export async function describeTask(
  ctx: DriverContext,
  inputs: PostgresSslInputs,
  taskId: string,
): Promise<PostgresTask | undefined> {
  const client = pgClient(ctx, inputs);
  const answer = await call(ctx, inputs, "DescribeTasks", () =>
    client.DescribeTasks({ TaskId: BigInt(taskId) as unknown as number }),
  );
  return ((answer.TaskSet ?? []) as PostgresTask[]).find((t) => String(t.TaskId) === taskId);
}

/** ModifyDBInstanceSSLConfig; answers the task id as exact decimal text, and the request id. */
export async function modifySslConfig(
  ctx: DriverContext,
  inputs: PostgresSslInputs,
  request: { DBInstanceId: string; SSLEnabled: boolean; ConnectAddress?: string },
): Promise<{ taskId?: string; requestId?: string }> {
  const client = pgClient(ctx, inputs);
  const answer = await call(ctx, inputs, "ModifyDBInstanceSSLConfig", () =>
    client.ModifyDBInstanceSSLConfig(request),
  );
  const taskId = answer.TaskId as unknown as string | number | undefined;
  return { taskId: taskId === undefined ? undefined : String(taskId), requestId: answer.RequestId };
}

/** `2024-08-23 00:00:00`, the form DescribeTasks takes (SDK comment), in China Standard Time. */
function beijingTime(ms: number): string {
  return new Date(ms + 8 * 3600_000)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, "");
}
