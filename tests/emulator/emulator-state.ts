/**
 * Everything the emulator holds, shared by the wire protocols, the in-process admin API and the admin
 * HTTP routes. Each cloud service adds its store here.
 */
import { RdsInstanceStore } from "./alibaba/rds-store";
import { DEFAULT_RDS_TIMING, type RdsTiming } from "./alibaba/rds-instances";
import { KvstoreInstanceStore } from "./alibaba/kvstore-store";
import { DEFAULT_KVSTORE_TIMING } from "./alibaba/kvstore-instances";
import { DdsInstanceStore } from "./alibaba/dds-store";
import { DEFAULT_DDS_TIMING } from "./alibaba/dds-instances";
import { EstimateErrors } from "./estimate-errors";
import { FaultQueue } from "./faults";
import { DEFAULT_RDSV3_TIMING } from "./rdsv3/instances";
import { RdsV3Store } from "./rdsv3/store";
import { RequestLog } from "./request-log";
import { DEFAULT_PG_TIMING } from "./tencent/postgres-instances";
import { TencentPostgresStore } from "./tencent/postgres-store";
import { VirtualClock } from "./virtual-clock";

export const EMULATOR_ACCESS_KEY = "emulator-access-key";
export const EMULATOR_SECRET_KEY = "emulator-secret-key";

export interface EmulatorState {
  readonly clock: VirtualClock;
  readonly faults: FaultQueue;
  readonly log: RequestLog;
  /** accessKeyId -> secret. */
  readonly credentials: ReadonlyMap<string, string>;
  readonly rds: RdsInstanceStore;
  /** TencentDB for PostgreSQL instances and tasks. */
  readonly tencentPostgres: TencentPostgresStore;
  /** Open Telekom Cloud / Huawei Cloud RDS v3 instances and jobs. */
  readonly rdsv3: RdsV3Store;
  readonly kvstore: KvstoreInstanceStore;
  /** ApsaraDB for MongoDB (DDS) instances. */
  readonly dds: DdsInstanceStore;
  /** Cloud API calls received and not answered yet (a `slow` fault holds or delays them). */
  readonly inFlight: { count: number };
  /** How wrong each instance's remaining-time estimates are (every service reads it). */
  readonly estimateErrors: EstimateErrors;
}

export function newEmulatorState(
  credentials: Record<string, string> = { [EMULATOR_ACCESS_KEY]: EMULATOR_SECRET_KEY },
  timing: Partial<RdsTiming> = {},
): EmulatorState {
  const clock = new VirtualClock();
  const estimateErrors = new EstimateErrors();
  const state: EmulatorState = {
    clock,
    faults: new FaultQueue(() => clock.now()),
    log: new RequestLog(() => clock.now()),
    credentials: new Map(Object.entries(credentials)),
    rds: new RdsInstanceStore(clock, { ...DEFAULT_RDS_TIMING, ...timing }),
    tencentPostgres: new TencentPostgresStore(clock, DEFAULT_PG_TIMING),
    rdsv3: new RdsV3Store(clock, DEFAULT_RDSV3_TIMING),
    kvstore: new KvstoreInstanceStore(clock, { ...DEFAULT_KVSTORE_TIMING, ...timing }),
    dds: new DdsInstanceStore(clock, { ...DEFAULT_DDS_TIMING, ...timing }),
    inFlight: { count: 0 },
    estimateErrors,
  };
  const estimateOf = (id: string) => estimateErrors.modeOf(id);
  state.rds.taskLog.estimateOf = estimateOf;
  state.kvstore.taskLog.estimateOf = estimateOf;
  state.dds.taskLog.estimateOf = estimateOf;
  state.tencentPostgres.estimateOf = estimateOf;
  state.rdsv3.estimateOf = estimateOf;
  return state;
}

/** Forgets instances, faults, the log and the clock offset. Credentials and timing stay. */
export function resetEmulatorState(state: EmulatorState): void {
  state.clock.reset();
  state.faults.clear();
  state.log.clear();
  state.rds.reset();
  state.tencentPostgres.reset();
  state.rdsv3.reset();
  state.kvstore.reset();
  state.dds.reset();
  state.estimateErrors.clear();
}
