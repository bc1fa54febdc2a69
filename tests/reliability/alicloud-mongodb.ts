/**
 * The `alicloud.mongodb` entry of the reliability registry (./families.ts): the DDS store of
 * the emulator (tests/emulator/alibaba/dds-store.ts) behind the generic suites. Write call and
 * properties: seed 000 (ModifyDBInstanceSSL) and provider/alicloud/mongodb/consts.ts; messages:
 * provider/alicloud/mongodb/wire.ts `instanceCondition`.
 */
import * as fc from "fast-check";
import { EMULATOR_SECRET_KEY } from "../emulator";
import type { ReliabilityFamily } from "./families";
import { checkInputsOf, NEW_FAMILY_BUDGET, slug, writeCounters } from "./family-kit";
import { oddValue } from "./fuzz-values";

const WRITE = "ModifyDBInstanceSSL";

export const ALICLOUD_MONGODB: ReliabilityFamily = {
  family: "alicloud.mongodb",
  service: "dds",
  writeAction: WRITE,
  readActions: ["DescribeDBInstanceAttribute", "DescribeDBInstanceSSL", "DescribeHistoryTasks"],
  instanceId: (tag) => `dds-${slug(tag)}`,
  config: () => ({}),
  seed(emu, id, opts = {}) {
    const timing = {
      ...(opts.lagMs !== undefined ? { lagMs: opts.lagMs } : {}),
      ...(opts.durationMs !== undefined ? { durationMs: opts.durationMs } : {}),
      ...(opts.flipEarly !== undefined ? { flipEarly: opts.flipEarly } : {}),
    };
    emu.admin.dds.seed({ id, ssl: { open: opts.sslEnabled ?? false }, timing });
  },
  inputs: (id, overrides = {}) => ({ instanceId: id, ...overrides }),
  emulated(emu, id) {
    const view = emu.admin.dds.get(id);
    if (!view) return { changing: false };
    return { sslEnabled: view.ssl.open, changing: view.pending !== undefined, status: view.status };
  },
  ...writeCounters(WRITE, "DBInstanceId"),
  setCondition(emu, id, condition) {
    if (condition === "busy") emu.admin.dds.setStatus(id, "DBInstanceClassChanging");
    if (condition === "stopped") emu.admin.dds.setStatus(id, "Stopped");
    if (condition === "locked") emu.admin.dds.setLock(id, "LockByExpiration");
  },
  makeSteady: (emu, id) => void emu.admin.dds.setStatus(id, "Running"),
  deleteInstance: (emu, id) => void emu.admin.dds.delete(id),
  changeOutOfBand: (emu, id, sslEnabled) => void emu.admin.dds.setSsl(id, { open: sslEnabled }),
  // The DDS store has no failing task: a task ends Failed only when its instance is deleted.
  failPendingChange: undefined,
  wrongSecretConfig: () => ({ "alicloud:secretKey": { secret: "not-the-secret-0123456789" } }),
  signatureCode: /SignatureDoesNotMatch/,
  // provider/alicloud/mongodb/calls.ts (DDS Go SDK EndpointMap): mongodb[.<region>].aliyuncs.com.
  cloudHosts: /^mongodb(\.[a-z0-9-]+)?\.aliyuncs\.com$/,
  endingConditions: ["stopped", "locked"],
  messages: {
    stopped: /the instance is Stopped/,
    locked: /the instance is locked \(LockMode LockByExpiration\)/,
    deleted: /the instance was deleted/,
  },
  // DDS takes no PEM: the huge value goes into the identifiers.
  hugeInputs: (_id, value) => ({ instanceId: value, region: value }),
  checkInputs: () =>
    checkInputsOf(
      fc.stringMatching(/^dds-[a-z0-9]{6,16}$/),
      fc.constantFrom("cn-hangzhou", "ap-southeast-1", "eu-central-1"),
      {
        switchMode: fc.oneof(fc.constantFrom("immediately", "maintenanceWindow", "0"), oddValue()),
        forceEncryption: fc.oneof(fc.boolean(), oddValue()),
      },
    ),
  secretValues: () => [EMULATOR_SECRET_KEY],
  // The ACS3 signer, TLS settings and the plain-http rule are alicloud.rds's (the shared
  // provider/alicloud/client.ts config, covered there); the API host is built by this family.
  budget: { ...NEW_FAMILY_BUDGET, transport: "request-host" },
};
