/**
 * The in-process admin API (`emulator.admin`). The HTTP routes under `/__admin` expose the same
 * operations, except `requests()`, whose raw parameters hold certificates and keys and so never leave
 * the process.
 */
import type { DdsAdmin } from "./alibaba/dds-store";
import type { KvstoreAdmin } from "./alibaba/kvstore-store";
import type { RdsAdmin } from "./alibaba/rds-store";
import type { RdsV3Admin } from "./rdsv3/store";
import { resetEmulatorState, type EmulatorState } from "./emulator-state";
import type { EstimateErrorMode } from "./estimate-errors";
import type { FaultSpec } from "./faults";
import type { CountFilter, LogEntry, ReceivedRequest } from "./request-log";
import type { TencentPostgresAdmin } from "./tencent/postgres-store";

export interface EmulatorAdmin {
  /** Alibaba ApsaraDB RDS instances. */
  readonly rds: RdsAdmin;
  /** TencentDB for PostgreSQL instances and tasks. */
  readonly tencentPostgres: TencentPostgresAdmin;
  /** Open Telekom Cloud / Huawei Cloud RDS v3 instances and jobs. */
  readonly rdsv3: RdsV3Admin;
  /** Alibaba Tair / ApsaraDB for Redis (R-KVStore) instances. */
  readonly kvstore: KvstoreAdmin;
  /** Alibaba ApsaraDB for MongoDB (DDS) instances. */
  readonly dds: DdsAdmin;
  /** Queues faults; each hits the next `times` matching calls, in order of injection. */
  injectFault(...faults: FaultSpec[]): void;
  pendingFaults(): FaultSpec[];
  clearFaults(): void;
  /**
   * Cloud API calls received and not answered yet: after an operation returned, one still held
   * by a `slow` fault is a write that would land (or an answer that would arrive) unseen.
   */
  callsInFlight(): number;
  /** Calls received per action (every call, including failed ones, unless filtered). */
  counts(filter?: CountFilter): Record<string, number>;
  /** Write calls (Modify*) received per action. */
  writeCounts(filter?: Omit<CountFilter, "writesOnly">): Record<string, number>;
  /** The request log, secrets redacted. */
  log(): LogEntry[];
  /** Raw parameters received, optionally for one action. In-process only. */
  requests(action?: string): ReceivedRequest[];
  /**
   * Makes the remaining-time estimates of one instance (or without an id, of every other one)
   * wrong in `mode` (estimate-errors.ts): Alibaba `Progress`/`RemainTime`, Tencent `Progress`,
   * RDS v3 job `process`.
   */
  setEstimateError(mode: EstimateErrorMode, instanceId?: string): void;
  /** Forgets instances, faults, the log and the clock offset. */
  reset(): void;
}

export function emulatorAdmin(state: EmulatorState): EmulatorAdmin {
  return {
    rds: state.rds,
    tencentPostgres: state.tencentPostgres,
    rdsv3: state.rdsv3,
    kvstore: state.kvstore,
    dds: state.dds,
    injectFault: (...faults) => state.faults.inject(...faults),
    pendingFaults: () => state.faults.pending(),
    clearFaults: () => state.faults.clear(),
    callsInFlight: () => state.inFlight.count,
    counts: (filter) => state.log.counts(filter),
    writeCounts: (filter) => state.log.counts({ ...filter, writesOnly: true }),
    log: () => state.log.log(),
    setEstimateError: (mode, instanceId) => state.estimateErrors.set(mode, instanceId),
    requests: (action) => state.log.requests(action),
    reset: () => resetEmulatorState(state),
  };
}
