/**
 * Everything the emulator holds, shared by the wire protocols, the in-process admin API and the admin
 * HTTP routes. Each cloud service adds its store here.
 */
import { RdsInstanceStore } from "./alibaba/rds-store";
import { DEFAULT_RDS_TIMING, type RdsTiming } from "./alibaba/rds-instances";
import { FaultQueue } from "./faults";
import { RequestLog } from "./request-log";
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
}

export function newEmulatorState(
  credentials: Record<string, string> = { [EMULATOR_ACCESS_KEY]: EMULATOR_SECRET_KEY },
  timing: Partial<RdsTiming> = {},
): EmulatorState {
  const clock = new VirtualClock();
  return {
    clock,
    faults: new FaultQueue(),
    log: new RequestLog(() => clock.now()),
    credentials: new Map(Object.entries(credentials)),
    rds: new RdsInstanceStore(clock, { ...DEFAULT_RDS_TIMING, ...timing }),
  };
}

/** Forgets instances, faults, the log and the clock offset. Credentials and timing stay. */
export function resetEmulatorState(state: EmulatorState): void {
  state.clock.reset();
  state.faults.clear();
  state.log.clear();
  state.rds.reset();
}
