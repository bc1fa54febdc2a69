/**
 * The cloud emulator (DESIGN.md "Test doubles"): one local HTTP server speaking each cloud API's real
 * wire format, so the real SDKs talk to it unchanged. This part emulates Alibaba ApsaraDB RDS.
 *
 *   const emu = await startEmulator();
 *   emu.admin.rds.seed({ id: "rm-1", engine: "MySQL" });
 *   new Rds(new $OpenApiUtil.Config({ accessKeyId: EMULATOR_ACCESS_KEY, accessKeySecret: EMULATOR_SECRET_KEY,
 *     regionId: "cn-hangzhou", endpoint: emu.endpoint, protocol: "http" }));
 */
import { emulatorAdmin, type EmulatorAdmin } from "./admin";
import { commonAdminRoutes } from "./admin-routes";
import { AcsRpcProtocol } from "./alibaba/acs-rpc-protocol";
import { ddsAdminRoutes } from "./alibaba/dds-admin-routes";
import { ddsService } from "./alibaba/dds-handlers";
import { kvstoreAdminRoutes } from "./alibaba/kvstore-admin-routes";
import { kvstoreService } from "./alibaba/kvstore-handlers";
import { rdsAdminRoutes } from "./alibaba/rds-admin-routes";
import { rdsService } from "./alibaba/rds-handlers";
import { rdsV3AdminRoutes } from "./rdsv3/admin-routes";
import { RdsV3Protocol } from "./rdsv3/protocol";
import type { RdsTiming } from "./alibaba/rds-instances";
import { newEmulatorState } from "./emulator-state";
import type { LogEntry } from "./request-log";
import { startServer } from "./server";
import { tencentPostgresAdminRoutes } from "./tencent/postgres-admin-routes";
import { Tc3Protocol } from "./tencent/tc3-protocol";

export { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY } from "./emulator-state";
export type { EmulatorAdmin } from "./admin";
export type { FaultKind, FaultSpec } from "./faults";
export type { CountFilter, LogEntry, ReceivedRequest } from "./request-log";
export type {
  RdsBusyCode,
  RdsEngine,
  RdsInstanceSeed,
  RdsLockMode,
  RdsSslPatch,
  RdsSslState,
  RdsTiming,
} from "./alibaba/rds-instances";
export type { RdsAdmin, RdsInstanceView, RdsSslView, SetStatusOptions } from "./alibaba/rds-store";
export type { PemEcho, PemWrap } from "./alibaba/pem-echo";
export type { RdsTaskStatus, RdsTaskView } from "./alibaba/rds-tasks";
export { DEFAULT_RDS_TIMING, RDS_LOCK_MODES } from "./alibaba/rds-instances";
export { DEFAULT_PEM_ECHO } from "./alibaba/pem-echo";
export type { PgInstanceSeed, PgSsl, PgTiming, TaskOutcome } from "./tencent/postgres-instances";
export type {
  PgInstanceView,
  PgTaskView,
  ScriptedError,
  TencentPostgresAdmin,
} from "./tencent/postgres-store";
export { DEFAULT_PG_TIMING } from "./tencent/postgres-instances";
export type {
  KvstoreInstanceSeed,
  KvstoreRefusal,
  KvstoreTiming,
} from "./alibaba/kvstore-instances";
export type { KvstoreAdmin, KvstoreInstanceView } from "./alibaba/kvstore-store";
export type { KvstoreTaskView } from "./alibaba/kvstore-tasks";
export { DEFAULT_KVSTORE_TIMING } from "./alibaba/kvstore-instances";
export { IN_FLIGHT_TASK_STATUSES, SSL_TASK_TYPE } from "./alibaba/rds-tasks";
export type {
  RdsV3AnswerShape,
  RdsV3CloudName,
  RdsV3InstanceSeed,
  RdsV3Timing,
} from "./rdsv3/instances";
export type { RdsV3Admin, RdsV3InstanceView, RdsV3JobView } from "./rdsv3/store";
export { DEFAULT_RDSV3_TIMING, RDSV3_ANSWER_SHAPES } from "./rdsv3/instances";
export { huaweiPublishedLimit } from "./rdsv3/published-limit";
export type { DdsInstanceSeed, DdsRefusal, DdsTiming } from "./alibaba/dds-instances";
export type { DdsAdmin, DdsInstanceView, DdsSslPatch } from "./alibaba/dds-store";
export { DEFAULT_DDS_TIMING, DDS_REFUSALS } from "./alibaba/dds-instances";

export interface EmulatorOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** accessKeyId -> secret; default `{ [EMULATOR_ACCESS_KEY]: EMULATOR_SECRET_KEY }`. */
  credentials?: Record<string, string>;
  /** Default state-machine timing; default `{ lagMs: 12000, durationMs: 30000, flipEarly: false }`. */
  timing?: Partial<RdsTiming>;
  /** Called with every log entry (already redacted). */
  onRequest?: (entry: LogEntry) => void;
}

export interface EmulatorClock {
  now(): number;
  advanceBy(ms: number): number;
  advanceTo(epochMs: number): number;
}

export interface Emulator {
  /** "http://127.0.0.1:PORT" */
  readonly url: string;
  /** "127.0.0.1:PORT", what the Alibaba SDK's `Config.endpoint` takes. */
  readonly endpoint: string;
  readonly port: number;
  readonly admin: EmulatorAdmin;
  readonly clock: EmulatorClock;
  /** The admin HTTP routes, e.g. "GET /__admin/clock" (for banners and help). */
  readonly adminRoutes: readonly string[];
  /** TCP connections accepted so far (keep-alive clients reuse theirs). */
  connections(): number;
  close(): Promise<void>;
}

const HOST = "127.0.0.1";

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const state = newEmulatorState(opts.credentials, opts.timing);
  if (opts.onRequest) state.log.onEntry(opts.onRequest);
  const admin = emulatorAdmin(state);
  const adminRoutes = [
    ...commonAdminRoutes(state, admin),
    ...rdsAdminRoutes(state.rds),
    ...tencentPostgresAdminRoutes(state.tencentPostgres),
    ...rdsV3AdminRoutes(state.rdsv3),
    ...kvstoreAdminRoutes(state.kvstore),
    ...ddsAdminRoutes(state.dds),
  ];
  const connections = { count: 0 };
  const server = await startServer(
    {
      adminRoutes,
      protocols: [
        new AcsRpcProtocol(state, [
          rdsService(state.rds, state.clock),
          kvstoreService(state.kvstore, state.clock),
          ddsService(state.dds, state.clock),
        ]),
        new RdsV3Protocol(state, state.rdsv3),
        new Tc3Protocol(state, state.tencentPostgres),
      ],
      inFlight: state.inFlight,
      connections,
    },
    opts.port ?? 0,
    HOST,
  );
  return {
    url: `http://${HOST}:${server.port}`,
    endpoint: `${HOST}:${server.port}`,
    port: server.port,
    admin,
    clock: state.clock,
    adminRoutes: adminRoutes.map((r) => r.usage),
    connections: () => connections.count,
    close: () => server.close(),
  };
}
