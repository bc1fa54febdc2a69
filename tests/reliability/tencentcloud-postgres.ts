/**
 * The `tencentcloud.postgres` entry of the reliability registry (./families.ts): the TencentDB
 * for PostgreSQL store of the emulator (tests/emulator/tencent/postgres-store.ts) behind the
 * generic suites. Write call and properties: seed 003 (ModifyDBInstanceSSLConfig, which needs
 * the `connectAddress` the certificate protects); statuses and messages:
 * provider/tencentcloud/postgres/consts.ts (`running` steady, `isolated` & co terminal). Tencent
 * has no instance lock (an instance in arrears is `isolated`): "locked" is not scriptable.
 */
import * as fc from "fast-check";
import { EMULATOR_SECRET_KEY } from "../emulator";
import type { ReliabilityFamily } from "./families";
import { checkInputsOf, NEW_FAMILY_BUDGET, slug, writeCounters } from "./family-kit";
import { identifierValue } from "./fuzz-values";
import { TENCENT_CONFIG } from "../tencentcloud/postgres/harness";

const WRITE = "ModifyDBInstanceSSLConfig";
/** Every seeded instance gets this private address; the inputs declare it as connectAddress. */
const ADDRESS = "10.6.9.4";

export const TENCENTCLOUD_POSTGRES: ReliabilityFamily = {
  family: "tencentcloud.postgres",
  service: "postgres",
  writeAction: WRITE,
  readActions: ["DescribeDBInstanceAttribute", "DescribeDBInstanceSSLConfig", "DescribeTasks"],
  instanceId: (tag) => `postgres-${slug(tag)}`,
  config: () => ({ ...TENCENT_CONFIG }),
  seed(emu, id, opts = {}) {
    const timing = {
      ...(opts.lagMs !== undefined ? { lagMs: opts.lagMs } : {}),
      ...(opts.durationMs !== undefined ? { durationMs: opts.durationMs } : {}),
      ...(opts.flipEarly !== undefined ? { flipEarly: opts.flipEarly } : {}),
    };
    const sslEnabled = opts.sslEnabled ?? false;
    emu.admin.tencentPostgres.seed({
      id,
      addresses: [{ ip: ADDRESS }],
      ssl: sslEnabled ? { sslEnabled, connectAddress: ADDRESS } : { sslEnabled },
      timing,
    });
  },
  inputs: (id, overrides = {}) => ({ instanceId: id, connectAddress: ADDRESS, ...overrides }),
  emulated(emu, id) {
    const view = emu.admin.tencentPostgres.get(id);
    if (!view) return { changing: false };
    return {
      sslEnabled: view.ssl.sslEnabled,
      changing: view.openTasks.some((t) => t.status === "Running"),
      status: view.status,
    };
  },
  ...writeCounters(WRITE, "DBInstanceId"),
  setCondition(emu, id, condition) {
    if (condition === "busy") emu.admin.tencentPostgres.setStatus(id, "restarting");
    if (condition === "stopped") emu.admin.tencentPostgres.setStatus(id, "isolated");
  },
  makeSteady: (emu, id) => void emu.admin.tencentPostgres.setStatus(id, "running"),
  deleteInstance: (emu, id) => void emu.admin.tencentPostgres.delete(id),
  changeOutOfBand: (emu, id, sslEnabled) =>
    void emu.admin.tencentPostgres.setSsl(
      id,
      sslEnabled ? { sslEnabled, connectAddress: ADDRESS } : { sslEnabled },
    ),
  // The store scripts how the next accepted task ends (tests/tencentcloud/postgres/tasks.test.ts).
  failNextChange: (emu, id) =>
    void emu.admin.tencentPostgres.setTaskOutcome(id, "Fail", "certificate issuing failed"),
  conditions: ["busy", "stopped"],
  steadyStatus: "running",
  wrongSecretConfig: () => ({ "tencentcloud:secretKey": { secret: "not-the-secret-0123456789" } }),
  signatureCode: /AuthFailure\.SignatureFailure/,
  // provider/tencentcloud/network.ts POSTGRES_ENDPOINT (the SDK's postgres_client.js).
  cloudHosts: /^postgres(\.[a-z0-9-]+)?\.tencentcloudapi\.com$/,
  endingConditions: ["stopped"],
  messages: { stopped: /the instance is isolated/, deleted: /the instance was deleted/ },
  hugeInputs: (_id, value) => ({ instanceId: value, region: value, connectAddress: value }),
  checkInputs: () =>
    checkInputsOf(
      fc.stringMatching(/^postgres-[a-z0-9]{8}$/),
      fc.constantFrom("ap-guangzhou", "ap-shanghai", "eu-frankfurt"),
      {
        connectAddress: identifierValue(fc.constantFrom(ADDRESS, "1.2.3.4", "::1", "10.0.0.1")),
      },
    ),
  secretValues: () => [EMULATOR_SECRET_KEY],
  // A console change does not cancel a Tencent task (tests/emulator/tencent/postgres-store.ts).
  consoleChangeKeepsTask: true,
  apiRegion: "ap-guangzhou",
  transportNote: "the Tencent SDK through our own https.Agent, provider/tencentcloud/network.ts",
  // Its own TC3 signer and its own transport: the signature and transport suites run here.
  budget: { ...NEW_FAMILY_BUDGET, signatures: true, transport: "all" },
};
