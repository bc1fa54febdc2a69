/**
 * The `alicloud.redis` entry of the reliability registry (./families.ts): the R-KVStore store
 * of the emulator (tests/emulator/alibaba/kvstore-store.ts) behind the generic suites. Write
 * call: seed 002 (ModifyInstanceSSL, `InstanceId` + `SSLEnabled`); statuses and messages:
 * provider/alicloud/redis/consts.ts (`Normal` steady, `Inactive`/`Released` terminal, a lock
 * seen only as the write's IncorrectDBInstanceLockMode refusal).
 */
import * as fc from "fast-check";
import { EMULATOR_SECRET_KEY } from "../emulator";
import type { ReliabilityFamily } from "./families";
import { checkInputsOf, NEW_FAMILY_BUDGET, slug, writeCounters } from "./family-kit";

const WRITE = "ModifyInstanceSSL";

export const ALICLOUD_REDIS: ReliabilityFamily = {
  family: "alicloud.redis",
  service: "kvstore",
  writeAction: WRITE,
  readActions: ["DescribeInstanceAttribute", "DescribeInstanceSSL", "DescribeHistoryTasks"],
  instanceId: (tag) => `r-${slug(tag)}`,
  config: () => ({}),
  seed(emu, id, opts = {}) {
    const timing = {
      ...(opts.lagMs !== undefined ? { lagMs: opts.lagMs } : {}),
      ...(opts.durationMs !== undefined ? { durationMs: opts.durationMs } : {}),
      ...(opts.flipEarly !== undefined ? { flipEarly: opts.flipEarly } : {}),
    };
    emu.admin.kvstore.seed({ id, ssl: { sslEnabled: opts.sslEnabled ?? false }, timing });
  },
  inputs: (id, overrides = {}) => ({ instanceId: id, ...overrides }),
  emulated(emu, id) {
    const view = emu.admin.kvstore.get(id);
    if (!view) return { changing: false };
    return {
      sslEnabled: view.ssl.sslEnabled,
      changing: view.pending !== undefined,
      status: view.status,
    };
  },
  ...writeCounters(WRITE, "InstanceId"),
  setCondition(emu, id, condition) {
    if (condition === "busy") emu.admin.kvstore.setStatus(id, "Changing");
    if (condition === "stopped") emu.admin.kvstore.setStatus(id, "Inactive");
    if (condition === "locked") emu.admin.kvstore.setLocked(id, true);
  },
  makeSteady: (emu, id) => void emu.admin.kvstore.setStatus(id, "Normal"),
  deleteInstance: (emu, id) => void emu.admin.kvstore.delete(id),
  changeOutOfBand: (emu, id, sslEnabled) => void emu.admin.kvstore.setSsl(id, { sslEnabled }),
  // The KVStore store has no failing task: a task ends Failed only when its instance is deleted.
  failPendingChange: undefined,
  steadyStatus: "Normal",
  wrongSecretConfig: () => ({ "alicloud:secretKey": { secret: "not-the-secret-0123456789" } }),
  signatureCode: /SignatureDoesNotMatch/,
  // The R-KVStore endpoint map (@alicloud/r-kvstore20150101): r-kvstore[.<region>].aliyuncs.com.
  cloudHosts: /^r-kvstore(\.[a-z0-9-]+)?\.aliyuncs\.com$/,
  endingConditions: ["stopped"],
  messages: {
    stopped: /the instance is Inactive/,
    locked: /IncorrectDBInstanceLockMode/,
    deleted: /the instance was deleted/,
  },
  hugeInputs: (_id, value) => ({ instanceId: value, region: value }),
  checkInputs: () =>
    checkInputsOf(
      fc.stringMatching(/^r-[a-z0-9]{6,16}$/),
      fc.constantFrom("cn-hangzhou", "ap-southeast-1", "eu-central-1"),
      {},
    ),
  secretValues: () => [EMULATOR_SECRET_KEY],
  // The ACS3 signer, TLS settings and the plain-http rule are alicloud.rds's (the shared
  // provider/alicloud/client.ts config, covered there); the API host is built by this family.
  budget: { ...NEW_FAMILY_BUDGET, transport: "request-host" },
};
