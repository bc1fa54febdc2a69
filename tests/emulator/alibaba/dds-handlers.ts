/**
 * ApsaraDB for MongoDB (DDS) 2015-12-01: DescribeDBInstanceAttribute, DescribeDBInstanceSSL,
 * DescribeHistoryTasks and ModifyDBInstanceSSL, with the wire names of the DDS SDK models
 * (`alibabacloud-go/dds-20151201`) and the API doc: `SSLStatus` Open/Closed, `SSLExpiredTime`
 * (Expired), `CertCommonName`, and `ForceEncryption`, which only the newer API doc lists: it is
 * returned here only by instances that have the feature (7.0/8.0 on cloud disks; inference).
 */
import type { Params } from "../request-log";
import type { VirtualClock } from "../virtual-clock";
import type { AlibabaService } from "./alibaba-service";
import { ddsErrors } from "./dds-errors";
import {
  forceEncryptionCapable,
  maintainEndTime,
  visibleSsl,
  visibleStatus,
  type DdsInstance,
} from "./dds-instances";
import { startModify, topologyError } from "./dds-modify";
import type { DdsInstanceStore } from "./dds-store";

export const DDS_VERSION = "2015-12-01";

const seconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

function attribute(instance: DdsInstance, now: number): Record<string, unknown> {
  return {
    DBInstances: {
      DBInstance: [
        {
          DBInstanceId: instance.id,
          DBInstanceDescription: instance.id,
          DBInstanceStatus: visibleStatus(instance, now),
          DBInstanceType: instance.instanceType,
          DBInstanceClass: "dds.mongo.mid",
          Engine: "MongoDB",
          EngineVersion: instance.engineVersion,
          StorageType: instance.storageType,
          StorageEngine: "WiredTiger",
          ReplicationFactor: instance.singleNode ? "1" : "3",
          RegionId: instance.regionId,
          ZoneId: `${instance.regionId}-i`,
          LockMode: instance.lockMode,
          MaintainStartTime: instance.maintainStartTime,
          MaintainEndTime: maintainEndTime(instance.maintainStartTime),
        },
      ],
    },
  };
}

function describeSsl(instance: DdsInstance, now: number): Record<string, unknown> {
  const topology = topologyError(instance);
  if (topology && topology.code !== "IncorrectEngineVersion") throw topology;
  const ssl = visibleSsl(instance, now);
  return {
    SSLStatus: ssl.open ? "Open" : "Closed",
    ...(ssl.open && ssl.expiresAt !== undefined ? { SSLExpiredTime: seconds(ssl.expiresAt) } : {}),
    ...(ssl.open ? { CertCommonName: `${instance.id}.mongodb.rds.aliyuncs.com` } : {}),
    ...(forceEncryptionCapable(instance)
      ? { ForceEncryption: ssl.forceEncryption ? "1" : "0" }
      : {}),
  };
}

export function ddsService(
  store: DdsInstanceStore,
  clock: Pick<VirtualClock, "now">,
): AlibabaService {
  const instanceFor = (id: string): DdsInstance => {
    const instance = store.find(id);
    if (!instance) throw ddsErrors.instanceNotFound();
    return instance;
  };
  const read = (required: string[], handle: (params: Params) => Record<string, unknown>) => ({
    write: false,
    required,
    handle,
  });
  return {
    name: "dds",
    product: "Dds",
    hostId: "mongodb.aliyuncs.com",
    version: DDS_VERSION,
    busyError: ddsErrors.incorrectInstanceState,
    actions: {
      DescribeDBInstanceAttribute: read(["DBInstanceId"], (p) =>
        attribute(instanceFor(p.DBInstanceId), clock.now()),
      ),
      DescribeDBInstanceSSL: read(["DBInstanceId"], (p) =>
        describeSsl(instanceFor(p.DBInstanceId), clock.now()),
      ),
      DescribeHistoryTasks: read(["FromStartTime", "ToStartTime"], (p) =>
        store.taskLog.describe(p, clock.now()),
      ),
      ModifyDBInstanceSSL: {
        write: true,
        required: ["DBInstanceId", "SSLAction"],
        handle: (p) => {
          const instance = instanceFor(p.DBInstanceId);
          const queued = instance.pending !== undefined;
          const pending = startModify(instance, p, clock.now());
          // A quiet change (DdsTiming.quiet) lists no task.
          if (!queued && !instance.timing.quiet) {
            pending.taskId = store.taskLog.add({
              instanceId: instance.id,
              regionId: instance.regionId,
              acceptedAt: clock.now(),
              modifyingAt: pending.modifyingAt,
              completesAt: pending.completesAt,
              scheduled: pending.scheduled,
            }).taskId;
          } else {
            const task = store.taskLog.find(pending.taskId);
            if (task) task.completesAt = pending.completesAt;
          }
          return {};
        },
      },
    },
  };
}
