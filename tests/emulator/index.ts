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
import { rdsAdminRoutes } from "./alibaba/rds-admin-routes";
import { rdsService } from "./alibaba/rds-handlers";
import type { RdsTiming } from "./alibaba/rds-instances";
import { newEmulatorState } from "./emulator-state";
import type { LogEntry } from "./request-log";
import { startServer } from "./server";

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
export { IN_FLIGHT_TASK_STATUSES, SSL_TASK_TYPE } from "./alibaba/rds-tasks";

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
  close(): Promise<void>;
}

const HOST = "127.0.0.1";

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const state = newEmulatorState(opts.credentials, opts.timing);
  if (opts.onRequest) state.log.onEntry(opts.onRequest);
  const admin = emulatorAdmin(state);
  const adminRoutes = [...commonAdminRoutes(state, admin), ...rdsAdminRoutes(state.rds)];
  const server = await startServer(
    {
      adminRoutes,
      protocols: [new AcsRpcProtocol(state, [rdsService(state.rds, state.clock)])],
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
    close: () => server.close(),
  };
}
