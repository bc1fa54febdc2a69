/**
 * The emulator every bench section starts. Huawei Cloud's calls are signed by a user of their own,
 * so the emulator can hold them to Huawei's published limit per user and API (rds_00_0002, 60 a
 * minute) while Open Telekom Cloud's calls, served by the same emulated service, keep theirs.
 */
import {
  EMULATOR_ACCESS_KEY,
  EMULATOR_SECRET_KEY,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
} from "../emulator";

export const HUAWEI_BENCH_USER = {
  accessKey: "HWBENCHUSERAK0000001",
  secretKey: "hw-bench-user-secret",
} as const;

export function startBenchEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({
    credentials: {
      [EMULATOR_ACCESS_KEY]: EMULATOR_SECRET_KEY,
      [HUAWEI_BENCH_USER.accessKey]: HUAWEI_BENCH_USER.secretKey,
    },
    ...options,
  });
}
