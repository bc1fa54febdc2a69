/**
 * Tair / ApsaraDB for Redis, R-KVStore 2015-01-01: DescribeInstanceAttribute, DescribeInstanceSSL,
 * ModifyInstanceSSL, DescribeTaskDetail and DescribeHistoryTasks. Field names are the wire names of the
 * `@alicloud/r-kvstore20150101` 6.4.0 models (`names()`); each answer carries only fields those
 * models document.
 */
import type { VirtualClock } from "../virtual-clock";
import type { Params } from "../request-log";
import type { AlibabaService } from "./alibaba-service";
import { kvstoreErrors, refusalError } from "./kvstore-errors";
import { describeKvstoreHistoryTasks } from "./kvstore-history";
import {
  phaseOf,
  startModify,
  visibleSsl,
  visibleStatus,
  type KvstoreAction,
  type KvstoreInstance,
} from "./kvstore-instances";
import type { KvstoreInstanceStore } from "./kvstore-store";

export const KVSTORE_VERSION = "2015-01-01";

const ACTIONS: readonly KvstoreAction[] = ["Enable", "Disable", "Update"];

/** ISO 8601 UTC without milliseconds, as Alibaba writes times (`2020-08-05T09:05:53Z`). */
const apiTime = (ms: number | undefined) =>
  ms === undefined ? "" : new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

const domainOf = (instance: KvstoreInstance) => `${instance.id}.redis.rds.aliyuncs.com`;

function attribute(instance: KvstoreInstance, now: number): Record<string, unknown> {
  return {
    Instances: {
      DBInstanceAttribute: [
        {
          InstanceId: instance.id,
          InstanceName: instance.id,
          InstanceStatus: visibleStatus(instance, now),
          InstanceType: "Redis",
          Engine: "Redis",
          EngineVersion: instance.engineVersion,
          ArchitectureType: instance.architectureType,
          NodeType: instance.nodeType,
          RegionId: instance.regionId,
          ZoneId: `${instance.regionId}-h`,
          ConnectionDomain: domainOf(instance),
          Port: 6379,
          NetworkType: "VPC",
        },
      ],
    },
  };
}

/** DescribeInstanceSSL; an engine without SSL answers IncorrectEngineVersion (Terraform tolerates it on read). */
function describeSsl(instance: KvstoreInstance, now: number): Record<string, unknown> {
  if (instance.refuse === "IncorrectEngineVersion") throw kvstoreErrors.incorrectEngineVersion();
  const ssl = visibleSsl(instance, now);
  return {
    InstanceId: instance.id,
    SSLEnabled: ssl.sslEnabled ? "Enable" : "Disable",
    SSLExpiredTime: ssl.sslEnabled ? apiTime(ssl.expiresAt) : "",
    CertCommonName: ssl.sslEnabled ? domainOf(instance) : "",
    CertDownloadURL: ssl.sslEnabled ? "https://emulator.invalid/ApsaraDB-CA-Chain.zip" : "",
  };
}

/**
 * The checks behind the seed-002 codes, in the order a gateway would make them: parameter format,
 * lock, state (Normal only; during the lag the instance still reads Normal and a second Modify is
 * accepted, queuing a second restart), what the instance supports, then "already in that state".
 */
function checkModify(instance: KvstoreInstance, action: string, now: number): KvstoreAction {
  const found = ACTIONS.find((a) => a === action);
  if (!found) throw kvstoreErrors.invalidParametersFormat();
  if (instance.locked) throw kvstoreErrors.incorrectLockMode();
  const phase = phaseOf(instance, now);
  const lagOk = phase === "lag" && !instance.timing.rejectDuringLag;
  if (instance.status !== "Normal" || (phase !== "none" && !lagOk)) {
    throw kvstoreErrors.incorrectInstanceState();
  }
  if (found !== "Disable" && instance.refuse) throw refusalError(instance.refuse);
  // Tair TLS needs the master-replica architecture (Tair "Enable TLS encryption" prerequisites).
  if (found !== "Disable" && instance.nodeType === "single") {
    throw kvstoreErrors.incorrectCharacterType();
  }
  if (found === "Enable" && instance.ssl.sslEnabled) throw kvstoreErrors.sslEnabledStateExists();
  // Undocumented for Update on a closed instance: this answer catches a provider that maps the
  // code to success without looking at what it sent.
  if (found !== "Enable" && !instance.ssl.sslEnabled) throw kvstoreErrors.sslDisableStateExists();
  return found;
}

function modify(
  store: KvstoreInstanceStore,
  instance: KvstoreInstance,
  params: Params,
  now: number,
) {
  const action = checkModify(instance, params.SSLEnabled, now);
  const lagMs = instance.pending ? instance.pending.modifyingAt - now : instance.timing.lagMs;
  const completesAt = (instance.pending?.completesAt ?? now + lagMs) + instance.timing.durationMs;
  const task = store.taskLog.add({
    instanceId: instance.id,
    regionId: instance.regionId,
    acceptedAt: now,
    modifyingAt: now + lagMs,
    completesAt,
  });
  startModify(instance, action, now, task.taskId);
  return { InstanceId: instance.id, TaskId: task.taskId };
}

function taskDetail(store: KvstoreInstanceStore, params: Params, now: number) {
  const task = store.taskLog.find(params.TaskId);
  if (!task || task.instanceId !== params.InstanceId) throw kvstoreErrors.invalidParametersFormat();
  const view = store.taskLog.list(now, task.instanceId).find((t) => t.taskId === task.taskId)!;
  const status = store.taskDetailSpelling[view.detailStatus] ?? view.detailStatus;
  return { Status: status, BeginTime: apiTime(view.startedAt) };
}

export function kvstoreService(
  store: KvstoreInstanceStore,
  clock: Pick<VirtualClock, "now">,
): AlibabaService {
  const instanceFor = (params: Params): KvstoreInstance => {
    const instance = store.find(params.InstanceId);
    if (!instance) throw kvstoreErrors.instanceNotFound();
    return instance;
  };
  const read = (required: string[], handle: (params: Params) => Record<string, unknown>) => ({
    write: false,
    required,
    handle,
  });
  return {
    name: "kvstore",
    product: "R-kvstore",
    hostId: "r-kvstore.aliyuncs.com",
    version: KVSTORE_VERSION,
    busyError: kvstoreErrors.incorrectInstanceState,
    actions: {
      DescribeInstanceAttribute: read(["InstanceId"], (p) =>
        attribute(instanceFor(p), clock.now()),
      ),
      DescribeInstanceSSL: read(["InstanceId"], (p) => describeSsl(instanceFor(p), clock.now())),
      DescribeTaskDetail: read(["InstanceId", "TaskId"], (p) => {
        instanceFor(p);
        return taskDetail(store, p, clock.now());
      }),
      DescribeHistoryTasks: read(["FromStartTime", "ToStartTime"], (p) =>
        describeKvstoreHistoryTasks(store.taskLog, p, clock.now()),
      ),
      ModifyInstanceSSL: {
        write: true,
        required: ["InstanceId", "SSLEnabled"],
        handle: (p) => modify(store, instanceFor(p), p, clock.now()),
      },
    },
  };
}
