/**
 * ApsaraDB RDS 2014-08-15: DescribeDBInstanceAttribute, DescribeDBInstanceSSL, ModifyDBInstanceSSL and the
 * task APIs DescribeHistoryTasks / DescribeTasks. Field names are the wire names of the
 * `@alicloud/rds20140815` 15.4.0 models (`names()`), and the engine-specific spellings are those of
 * alibaba.md §1.1: MySQL and SQL Server say `Yes`/`No`, PostgreSQL says `on`/`off` (and `1`/`0` for
 * RequireUpdate).
 */
import type { VirtualClock } from "../virtual-clock";
import type { Params } from "../request-log";
import { rdsErrors } from "./alibaba-errors";
import type { AlibabaService } from "./alibaba-service";
import { describeSsl } from "./rds-describe-ssl";
import { startModify, visibleStatus, type RdsInstance } from "./rds-instances";
import { planModify } from "./rds-ssl-modify";
import type { RdsInstanceStore } from "./rds-store";
import { describeHistoryTasks, describeTasks } from "./rds-task-actions";

export const RDS_VERSION = "2014-08-15";

function attribute(instance: RdsInstance, now: number): Record<string, unknown> {
  return {
    Items: {
      DBInstanceAttribute: [
        {
          DBInstanceId: instance.id,
          DBInstanceStatus: visibleStatus(instance, now),
          Engine: instance.engine,
          EngineVersion: instance.engineVersion,
          ConnectionString: instance.connectionString,
          Port: String(instance.port),
          RegionId: instance.regionId,
          ZoneId: `${instance.regionId}-i`,
          DBInstanceType: "Primary",
          DBInstanceNetType: "Intranet",
          LockMode: instance.lockMode,
          LockReason: instance.lockReason,
        },
      ],
    },
  };
}

/** Accepts the change: its state machine and its task-center entry start now. */
function modify(store: RdsInstanceStore, instance: RdsInstance, params: Params, now: number) {
  const pending = startModify(instance, now, planModify(instance, params, now));
  pending.taskId = store.taskLog.add({
    instanceId: instance.id,
    engine: instance.engine,
    regionId: instance.regionId,
    acceptedAt: pending.acceptedAt,
    modifyingAt: pending.modifyingAt,
    completesAt: pending.completesAt,
  }).taskId;
}

export function rdsService(
  store: RdsInstanceStore,
  clock: Pick<VirtualClock, "now">,
): AlibabaService {
  const instanceFor = (params: Params): RdsInstance => {
    const instance = store.find(params.DBInstanceId);
    if (!instance) throw rdsErrors.instanceNotFound();
    return instance;
  };
  const read = (required: string[], handle: (params: Params) => Record<string, unknown>) => ({
    write: false,
    required,
    handle,
  });
  return {
    name: "rds",
    product: "Rds",
    hostId: "rds.aliyuncs.com",
    version: RDS_VERSION,
    busyError: rdsErrors.incorrectInstanceState,
    actions: {
      DescribeDBInstanceAttribute: read(["DBInstanceId"], (params) =>
        attribute(instanceFor(params), clock.now()),
      ),
      DescribeDBInstanceSSL: read(["DBInstanceId"], (params) =>
        describeSsl(instanceFor(params), clock.now()),
      ),
      DescribeHistoryTasks: read(["FromStartTime", "ToStartTime"], (params) =>
        describeHistoryTasks(store.taskLog, params, clock.now()),
      ),
      DescribeTasks: read(["DBInstanceId"], (params) =>
        describeTasks(store.taskLog, instanceFor(params), params, clock.now()),
      ),
      ModifyDBInstanceSSL: {
        write: true,
        required: ["DBInstanceId", "ConnectionString"],
        handle: (params) => {
          modify(store, instanceFor(params), params, clock.now());
          return {};
        },
      },
    },
  };
}
