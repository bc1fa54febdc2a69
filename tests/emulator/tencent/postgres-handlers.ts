/**
 * TencentDB for PostgreSQL 2017-03-12: DescribeDBInstanceAttribute, DescribeDBInstanceSSLConfig,
 * DescribeTasks and ModifyDBInstanceSSLConfig. Each answer carries only the fields the SDK models
 * document (`postgres_models.d.ts` of tencentcloud-sdk-nodejs 4.1.313; tencent-huawei.md §1.1);
 * the checks and error codes are seed 003's.
 */
import { isIP } from "node:net";
import {
  BUSY_STATUS,
  SSL_TASK_TYPE,
  taskProgress,
  taskStatus,
  visibleSsl,
  visibleStatus,
  type PgInstance,
  type PgTask,
} from "./postgres-instances";
import type { TencentPostgresStore } from "./postgres-store";
import { seedError, tencentCommonErrors } from "./tencent-errors";

export const POSTGRES_VERSION = "2017-03-12";

export type JsonParams = Record<string, unknown>;

export interface TencentAction {
  write: boolean;
  handle(params: JsonParams, region: string): Record<string, unknown>;
}

/** Marks an integer for the answer's JSON: written bare, with every digit (tc3-protocol.ts). */
export class WireInteger {
  constructor(readonly digits: string) {}
}

const iso8601ToBeijing = (ms: number) =>
  new Date(ms + 8 * 3600_000)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, "");

function parseBeijing(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(String(value));
  if (!m) throw tencentCommonErrors.invalidParameter(`${name} must look like 2024-08-23 00:00:00.`);
  return Date.parse(`${m[1]}T${m[2]}+08:00`);
}

function instanceFor(store: TencentPostgresStore, params: JsonParams, region: string): PgInstance {
  if (typeof params.DBInstanceId !== "string" || params.DBInstanceId === "") {
    throw tencentCommonErrors.missingParameter("DBInstanceId");
  }
  const instance = store.find(params.DBInstanceId);
  // An instance of another region is not found there, as on the real API.
  if (!instance || instance.regionId !== region)
    throw seedError("ResourceNotFound.InstanceNotFoundError");
  if (instance.accessDenied) throw seedError("OperationDenied.InstanceAccessDeniedError");
  return instance;
}

function attribute(store: TencentPostgresStore, instance: PgInstance) {
  const now = store.clock.now();
  return {
    DBInstance: {
      Region: instance.regionId,
      Zone: `${instance.regionId}-3`,
      DBInstanceId: instance.id,
      DBInstanceStatus: visibleStatus(instance, store.tasksOf(instance.id), now),
      DBEngine: "postgresql",
      DBVersion: "15.4",
      DBInstanceNetInfo: instance.addresses.map((a) => ({
        Ip: a.ip,
        Port: instance.port,
        NetType: a.netType,
        Status: "opened",
        ProtocolType: "postgresql",
      })),
    },
  };
}

const FAKE_CA =
  "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUemulatorTencentPostgresCAxxxxxxxxwCgYIKoZIzj0E\n-----END CERTIFICATE-----\n";

function sslConfig(store: TencentPostgresStore, instance: PgInstance) {
  const ssl = visibleSsl(instance, store.tasksOf(instance.id), store.clock.now());
  if (!ssl.sslEnabled) return { SSLEnabled: false, CAUrl: "", ConnectAddress: "" };
  const disk = instance.cloudDisk
    ? { CACert: FAKE_CA, CAJKS: "ZW11bGF0b3ItamtzCg==", CAP7B: "ZW11bGF0b3ItcDdiCg==" }
    : {};
  return {
    SSLEnabled: true,
    CAUrl: `https://postgres-ssl-${instance.regionId}.example-cos.tencentcos.cn/${instance.id}/ca.pem`,
    ConnectAddress: ssl.connectAddress ?? "",
    ...disk,
  };
}

function taskEntry(store: TencentPostgresStore, task: PgTask, now: number) {
  const status = taskStatus(task, now);
  const ended = status === "Success" || status === "Fail" || status === "Pause";
  return {
    TaskId: new WireInteger(task.taskId),
    TaskType: SSL_TASK_TYPE,
    DBInstanceId: task.instanceId,
    StartTime: iso8601ToBeijing(task.startAt),
    EndTime: ended ? iso8601ToBeijing(task.doneAt ?? task.endsAt) : "",
    Status: status,
    Progress: taskProgress(task, now, store.estimateOf(task.instanceId)),
    TaskDetail: {
      CurrentStep: status === "Running" ? "modify_ssl" : "",
      AllSteps: "modify_ssl",
      SwitchTag: task.outcome === "WaitSwitch" ? 3 : 0,
      SwitchTime: "",
      Message:
        status === "Fail" || status === "Pause" || status === "WaitSwitch" ? task.message : "",
    },
  };
}

function describeTasks(store: TencentPostgresStore, params: JsonParams) {
  const now = store.clock.now();
  const min = parseBeijing(params.MinStartTime, "MinStartTime") ?? now - 180 * 86_400_000;
  const max = parseBeijing(params.MaxStartTime, "MaxStartTime") ?? now;
  const limit = params.Limit === undefined ? 20 : Number(params.Limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw tencentCommonErrors.invalidParameter("Limit must be from 1 to 100.");
  }
  const key = params.OrderBy === "EndTime" ? "endsAt" : "startAt";
  const matching = store
    .taskList()
    .filter((t) => t.listedAt <= now && t.startAt >= min - 999 && t.startAt <= max + 999)
    .filter((t) => params.TaskId === undefined || String(params.TaskId) === t.taskId)
    .filter((t) => params.DBInstanceId === undefined || params.DBInstanceId === t.instanceId)
    .sort((a, b) => (params.OrderByType === "asc" ? 1 : -1) * (a[key] - b[key]));
  const offset = Number(params.Offset ?? 0);
  return {
    TotalCount: matching.length,
    TaskSet: matching.slice(offset, offset + limit).map((t) => taskEntry(store, t, now)),
  };
}

/** The seed's rules for ModifyDBInstanceSSLConfig, in the order the checks are cheapest. */
function modify(store: TencentPostgresStore, params: JsonParams, region: string) {
  if (typeof params.SSLEnabled !== "boolean") {
    throw params.SSLEnabled === undefined
      ? tencentCommonErrors.missingParameter("SSLEnabled")
      : tencentCommonErrors.invalidParameter("SSLEnabled must be a Boolean.");
  }
  const instance = instanceFor(store, params, region);
  const address = params.SSLEnabled ? checkAddress(instance, params.ConnectAddress) : undefined;
  const status = visibleStatus(instance, store.tasksOf(instance.id), store.clock.now());
  if (status !== "running") {
    throw seedError("OperationDenied.InstanceStatusLimitError", `Current status: ${status}.`);
  }
  const task = store.addTask(instance, { sslEnabled: params.SSLEnabled, connectAddress: address });
  return { TaskId: new WireInteger(task.taskId) };
}

function checkAddress(instance: PgInstance, value: unknown): string {
  if (value === undefined || value === "") {
    throw seedError(
      "InvalidParameterValue.InvalidParameterValueError",
      "ConnectAddress is required to enable SSL.",
    );
  }
  if (typeof value !== "string" || value.length > 64 || !/^[0-9A-Fa-f.:]+$/.test(value)) {
    throw seedError("InvalidParameterValue.ParameterCharacterLimitError", "ConnectAddress.");
  }
  if (isIP(value) === 0 || !instance.addresses.some((a) => a.ip === value)) {
    throw seedError(
      "InvalidParameterValue.InvalidParameterValueError",
      "ConnectAddress is not an address of this instance.",
    );
  }
  return value;
}

export function postgresActions(store: TencentPostgresStore): Record<string, TencentAction> {
  return {
    DescribeDBInstanceAttribute: {
      write: false,
      handle: (params, region) => attribute(store, instanceFor(store, params, region)),
    },
    DescribeDBInstanceSSLConfig: {
      write: false,
      handle: (params, region) => sslConfig(store, instanceFor(store, params, region)),
    },
    DescribeTasks: { write: false, handle: (params) => describeTasks(store, params) },
    ModifyDBInstanceSSLConfig: {
      write: true,
      handle: (params, region) => modify(store, params, region),
    },
  };
}

export { BUSY_STATUS };
