// The demo's fleet: emulator instances to seed, the stack config that points the fleet example at
// the emulator, and the out-of-band change the demo makes. Shared by demo.ts and the example tests.
import * as path from "path";
import type { Emulator, RdsInstanceSeed } from "../emulator";
import { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY } from "../emulator";
import { repoRoot } from "./host";
import type { StackConfig } from "./stack";

export const FLEET_PROGRAM = path.join(repoRoot(), "examples", "fleet", "index.ts");
export const RDS_PROGRAM = path.join(repoRoot(), "examples", "alicloud-rds", "index.ts");

/** A few engines, SSL off to begin with. */
export const FLEET_INSTANCES: RdsInstanceSeed[] = [
  { id: "rm-orders", engine: "MySQL", engineVersion: "8.0" },
  { id: "rm-inventory", engine: "MySQL", engineVersion: "5.7" },
  { id: "pgm-billing", engine: "PostgreSQL", engineVersion: "14.0" },
  { id: "rm-reports", engine: "SQLServer", engineVersion: "2019_std_ha" },
];

/** The instance the demo changes behind Pulumi's back. */
export const DRIFTED_INSTANCE = "rm-orders";

export function seedFleet(emu: Emulator): void {
  for (const seed of FLEET_INSTANCES) emu.admin.rds.seed(seed);
}

/** Provider config as users set it, pointed at the emulator. */
export function providerConfig(emu: Emulator, extra: StackConfig = {}): StackConfig {
  return {
    "alicloud:accessKey": { secret: EMULATOR_ACCESS_KEY },
    "alicloud:secretKey": { secret: EMULATOR_SECRET_KEY },
    "alicloud:region": "cn-hangzhou",
    "dbssl:endpointOverride": emu.url,
    ...extra,
  };
}

/** Stack config of the fleet example: every seeded instance gets SSL. */
export function fleetConfig(emu: Emulator, extra: StackConfig = {}): StackConfig {
  const instances = FLEET_INSTANCES.map((i) => ({
    family: "alicloud.rds",
    instanceId: i.id,
    sslEnabled: true,
  }));
  return providerConfig(emu, { "fleet:instances": JSON.stringify(instances), ...extra });
}

/** What a console user might do: turn SSL off on one instance. */
export function driftOutOfBand(emu: Emulator): void {
  emu.admin.rds.setSsl(DRIFTED_INSTANCE, { sslEnabled: false });
}
