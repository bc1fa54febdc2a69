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

/** The RDS v3 project of the demo's Open Telekom Cloud and Huawei Cloud instances. */
const DEMO_PROJECT = "0483b6b16e954cb88930a360d2c4e663";

/**
 * One instance of every other family, for `npm run demo` (which runs in real time, so each
 * change takes about two seconds). Returns their fleet entries. The example tests keep to the
 * RDS fleet above; each family's own tests run it through the fleet example too.
 */
export function seedOtherFamilies(emu: Emulator): Record<string, unknown>[] {
  const fast = { lagMs: 300, durationMs: 1500 };
  emu.admin.dds.seed({ id: "dds-demo01", timing: fast });
  emu.admin.kvstore.seed({ id: "r-demo01", timing: fast });
  emu.admin.tencentPostgres.seed({
    id: "postgres-demo0001",
    addresses: [{ ip: "10.6.0.4" }],
    timing: fast,
  });
  const v3 = { lagMs: 300, rebootMs: 1500, jobVisibleAfterMs: 200 };
  const otc = "ed7cc6166ec24360a5ed5c5c9c2ed726in01";
  const huawei = "bb7cc6166ec24360a5ed5c5c9c2ed726in01";
  emu.admin.rdsv3.seed({ id: otc, projectId: DEMO_PROJECT, timing: v3 });
  emu.admin.rdsv3.seed({ id: huawei, projectId: DEMO_PROJECT, cloud: "huaweicloud", timing: v3 });
  return [
    { family: "alicloud.mongodb", instanceId: "dds-demo01" },
    { family: "alicloud.redis", instanceId: "r-demo01" },
    {
      family: "tencentcloud.postgres",
      instanceId: "postgres-demo0001",
      connectAddress: "10.6.0.4",
    },
    { family: "opentelekomcloud.rds", instanceId: otc },
    { family: "huaweicloud.rds", instanceId: huawei, projectId: DEMO_PROJECT },
  ];
}

/** Stack config for every cloud of the demo, pointed at the emulator. */
export function allCloudsConfig(emu: Emulator, entries: object[], extra: StackConfig = {}) {
  const rds = FLEET_INSTANCES.map((i) => ({ family: "alicloud.rds", instanceId: i.id }));
  return providerConfig(emu, {
    "tencentcloud:secretId": EMULATOR_ACCESS_KEY,
    "tencentcloud:secretKey": { secret: EMULATOR_SECRET_KEY },
    "tencentcloud:region": "ap-guangzhou",
    "opentelekomcloud:accessKey": EMULATOR_ACCESS_KEY,
    "opentelekomcloud:secretKey": { secret: EMULATOR_SECRET_KEY },
    "opentelekomcloud:region": "eu-de",
    "opentelekomcloud:tenantId": DEMO_PROJECT,
    "huaweicloud:access_key": EMULATOR_ACCESS_KEY,
    "huaweicloud:secret_key": { secret: EMULATOR_SECRET_KEY },
    "huaweicloud:region": "cn-north-4",
    "fleet:instances": JSON.stringify([
      ...rds.map((r) => ({ ...r, sslEnabled: true })),
      ...entries,
    ]),
    ...extra,
  });
}
