/**
 * Every example project, as the CLI tests run it: what the emulator holds, the stack config a
 * user would set (pointed at the emulator), what "SSL on" means there, and a console user's
 * out-of-band change.
 */
import { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY, type Emulator } from "../emulator";
import {
  DRIFTED_INSTANCE,
  driftOutOfBand,
  fleetConfig,
  providerConfig,
  seedFleet,
} from "../engine/demo-fleet";
import { MYSQL_ID, PROJECT, cloudConfig } from "../rdsv3/fixtures";
import type { CliConfig } from "./cli-stack";

export const HUAWEI_ID = "bb7cc6166ec24360a5ed5c5c9c2ed726in01";

export interface ExampleCase {
  /** The project folder, relative to the repository root. */
  project: string;
  /** The resource the out-of-band change hits. */
  drifted: string;
  seed(emu: Emulator): void;
  config(emu: Emulator): CliConfig;
  /** SSL of every instance the example declares, as the emulator holds it. */
  sslOn(emu: Emulator): boolean[];
  driftOutOfBand(emu: Emulator): void;
}

const rdsv3Config = (emu: Emulator, extra: CliConfig): CliConfig => ({
  ...(cloudConfig("opentelekomcloud") as CliConfig),
  ...(cloudConfig("huaweicloud") as CliConfig),
  "dbssl:endpointOverride": emu.url,
  ...extra,
});

export const EXAMPLES: ExampleCase[] = [
  {
    project: "examples/alicloud-rds",
    drifted: "rds-ssl",
    seed: seedFleet,
    // At debug, the CLI's output shows each cloud call with its request id (example-suite.ts).
    config: (emu) =>
      providerConfig(emu, {
        "alicloud-rds:instanceId": "pgm-billing",
        "dbssl:logLevel": "debug",
      }) as CliConfig,
    sslOn: (emu) => [emu.admin.rds.get("pgm-billing")!.ssl.sslEnabled],
    driftOutOfBand: (emu) => emu.admin.rds.setSsl("pgm-billing", { sslEnabled: false }),
  },
  {
    project: "examples/alicloud-mongodb",
    drifted: "mongodb-ssl",
    seed: (emu) => emu.admin.dds.seed({ id: "dds-example01" }),
    config: (emu) =>
      providerConfig(emu, { "alicloud-mongodb:instanceId": "dds-example01" }) as CliConfig,
    sslOn: (emu) => [emu.admin.dds.get("dds-example01")!.ssl.open],
    driftOutOfBand: (emu) => emu.admin.dds.setSsl("dds-example01", { open: false }),
  },
  {
    project: "examples/alicloud-redis",
    drifted: "redis-ssl",
    seed: (emu) => emu.admin.kvstore.seed({ id: "r-example01" }),
    config: (emu) =>
      providerConfig(emu, { "alicloud-redis:instanceId": "r-example01" }) as CliConfig,
    sslOn: (emu) => [emu.admin.kvstore.get("r-example01")!.ssl.sslEnabled],
    driftOutOfBand: (emu) => emu.admin.kvstore.setSsl("r-example01", { sslEnabled: false }),
  },
  {
    project: "examples/tencentcloud-postgres",
    drifted: "postgres-ssl",
    seed: (emu) =>
      emu.admin.tencentPostgres.seed({ id: "postgres-example1", addresses: [{ ip: "10.6.0.4" }] }),
    config: (emu) => ({
      "tencentcloud:secretId": EMULATOR_ACCESS_KEY,
      "tencentcloud:secretKey": { secret: EMULATOR_SECRET_KEY },
      "tencentcloud:region": "ap-guangzhou",
      "dbssl:endpointOverride": emu.url,
      "tencentcloud-postgres:instanceId": "postgres-example1",
      "tencentcloud-postgres:connectAddress": "10.6.0.4",
    }),
    sslOn: (emu) => [emu.admin.tencentPostgres.get("postgres-example1")!.ssl.sslEnabled],
    driftOutOfBand: (emu) =>
      emu.admin.tencentPostgres.setSsl("postgres-example1", { sslEnabled: false }),
  },
  {
    project: "examples/opentelekomcloud-rds",
    drifted: "rds-ssl",
    seed: (emu) => emu.admin.rdsv3.seed({ id: MYSQL_ID, projectId: PROJECT }),
    config: (emu) => rdsv3Config(emu, { "opentelekomcloud-rds:instanceId": MYSQL_ID }),
    sslOn: (emu) => [emu.admin.rdsv3.get(MYSQL_ID)!.enableSsl],
    driftOutOfBand: (emu) => emu.admin.rdsv3.setSsl(MYSQL_ID, false),
  },
  {
    project: "examples/huaweicloud-rds",
    drifted: "rds-ssl",
    seed: (emu) =>
      emu.admin.rdsv3.seed({ id: HUAWEI_ID, projectId: PROJECT, cloud: "huaweicloud" }),
    config: (emu) =>
      rdsv3Config(emu, {
        "huaweicloud-rds:instanceId": HUAWEI_ID,
        "huaweicloud-rds:projectId": PROJECT,
      }),
    sslOn: (emu) => [emu.admin.rdsv3.get(HUAWEI_ID)!.enableSsl],
    driftOutOfBand: (emu) => emu.admin.rdsv3.setSsl(HUAWEI_ID, false),
  },
  {
    // The fleet from its own folder; the root Pulumi.yaml runs the same program (fleet.test.ts).
    project: "examples/fleet",
    drifted: `${DRIFTED_INSTANCE}-ssl`,
    seed: seedFleet,
    config: (emu) => fleetConfig(emu) as CliConfig,
    sslOn: (emu) => emu.admin.rds.list().map((i) => i.ssl.sslEnabled),
    driftOutOfBand,
  },
];
