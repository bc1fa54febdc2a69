/**
 * The `alicloud.rds` entry of the reliability registry (./families.ts): how the suites seed an
 * RDS instance in the emulator, put it into each condition, read back what the emulator shows,
 * and generate `check` inputs. Properties and values: seed 001 (ModifyDBInstanceSSL) and
 * `provider/alicloud/rds/consts.ts`; conditions: tests/emulator/README.md "Instance states".
 */
import * as fc from "fast-check";
import { EMULATOR_SECRET_KEY, type Emulator } from "../emulator";
import type { ReliabilityFamily, SeedOptions } from "./families";
import {
  identifierValue,
  oddValue,
  optionalRecord,
  pemValue,
  unknownKeys,
  type FuzzMaterial,
} from "./fuzz-values";

const WRITE = "ModifyDBInstanceSSL";

function writesTo(emu: Emulator, id: string) {
  return emu.admin.requests(WRITE).filter((r) => r.params.DBInstanceId === id);
}

function seed(emu: Emulator, id: string, opts: SeedOptions = {}): void {
  const timing = {
    ...(opts.lagMs !== undefined ? { lagMs: opts.lagMs } : {}),
    ...(opts.durationMs !== undefined ? { durationMs: opts.durationMs } : {}),
    ...(opts.flipEarly !== undefined ? { flipEarly: opts.flipEarly } : {}),
  };
  emu.admin.rds.seed({
    id,
    engine: "MySQL",
    ssl: { sslEnabled: opts.sslEnabled ?? false },
    timing,
  });
}

/** RDS check inputs: every property of seed 001 with valid, wrong and hostile values. */
function checkInputs(m: FuzzMaterial): fc.Arbitrary<Record<string, unknown>> {
  const validId = fc.stringMatching(/^(rm|pgm|rr)-[a-z0-9]{6,16}$/);
  const validRegion = fc.constantFrom("cn-hangzhou", "ap-southeast-1", "eu-central-1");
  const bool = fc.oneof(fc.boolean(), oddValue());
  const known = fc.record({ instanceId: identifierValue(validId) });
  const optional = optionalRecord({
    region: identifierValue(validRegion),
    sslEnabled: bool,
    connectionString: fc.oneof(fc.constant("rm-x.mysql.rds.aliyuncs.com"), oddValue()),
    caType: fc.oneof(fc.constantFrom("aliyun", "custom", "Custom"), oddValue()),
    serverCert: pemValue(m, m.validCert),
    serverKey: pemValue(m, m.validKey),
    clientCaEnabled: bool,
    clientCaCert: pemValue(m, m.clientCaCert),
    clientCrlEnabled: bool,
    clientCertRevocationList: pemValue(m, m.crl),
    acl: fc.oneof(fc.constantFrom("cert", "perfer", "verify-ca", "verify-full"), oddValue()),
    replicationAcl: fc.oneof(fc.constantFrom("cert", "verify-full"), oddValue()),
    forceEncryption: bool,
    tlsVersion: fc.oneof(fc.constantFrom("1.0", "1.1", "1.2", "1.3"), oddValue()),
    rotateTrigger: fc.oneof(fc.string({ maxLength: 10 }), oddValue()),
    renewBeforeDays: fc.oneof(fc.integer({ min: -5, max: 400 }), oddValue()),
    onDelete: fc.oneof(fc.constantFrom("disable", "retain", "destroy"), oddValue()),
    timeoutMinutes: fc.oneof(fc.integer({ min: -1, max: 10_000 }), fc.double(), oddValue()),
  });
  return fc
    .tuple(known, optional, unknownKeys())
    .map(([a, b, extra]) => ({ ...extra, ...b, ...a }));
}

export const ALICLOUD_RDS: ReliabilityFamily = {
  family: "alicloud.rds",
  service: "rds",
  writeAction: WRITE,
  readActions: ["DescribeDBInstanceAttribute", "DescribeDBInstanceSSL", "DescribeHistoryTasks"],
  instanceId: (tag) => `rm-${tag.toLowerCase().replace(/[^a-z0-9]/g, "")}`,
  config: () => ({}),
  seed,
  inputs: (id, overrides = {}) => ({ instanceId: id, ...overrides }),
  emulated(emu, id) {
    const view = emu.admin.rds.get(id);
    if (!view) return { changing: false };
    return {
      sslEnabled: view.ssl.sslEnabled,
      changing: view.pending !== undefined,
      status: view.status,
    };
  },
  appliedWrites: (emu, id) => writesTo(emu, id).filter((r) => r.applied).length,
  receivedWrites: (emu, id) => writesTo(emu, id).length,
  setCondition(emu, id, condition) {
    if (condition === "busy") emu.admin.rds.setStatus(id, "DBInstanceClassChanging");
    if (condition === "stopped") emu.admin.rds.setStatus(id, "Stopped");
    if (condition === "locked") emu.admin.rds.setLock(id, "LockByExpiration", "instance_expired");
  },
  makeSteady: (emu, id) => void emu.admin.rds.setStatus(id, "Running"),
  deleteInstance: (emu, id) => void emu.admin.rds.delete(id),
  changeOutOfBand: (emu, id, sslEnabled) => void emu.admin.rds.setSsl(id, { sslEnabled }),
  // The RDS emulator has no failing task: a change ends Succeed, or Failed/Canceled only when
  // the instance is deleted or a console change replaces it (scripted by the other scenarios).
  failPendingChange: undefined,
  wrongSecretConfig: () => ({ "alicloud:secretKey": { secret: "not-the-secret-0123456789" } }),
  signatureCode: /SignatureDoesNotMatch/,
  // `OpenApiUtil.getEndpointRules` in @alicloud/openapi-core and the endpoint map of
  // @alicloud/rds20140815 (dist/client.js): rds.aliyuncs.com or rds.<region>.aliyuncs.com.
  cloudHosts: /^rds(\.[a-z0-9-]+)?\.aliyuncs\.com$/,
  endingConditions: ["stopped", "locked"],
  messages: {
    stopped: /the instance is Stopped/,
    locked: /locked \(LockMode LockByExpiration, instance_expired\)/,
    deleted: /the instance was deleted/,
  },
  checkInputs,
  hugeInputs: (id, value) => ({
    instanceId: id,
    caType: "custom",
    serverCert: value,
    serverKey: value,
    clientCaEnabled: true,
    clientCaCert: value,
    clientCrlEnabled: true,
    clientCertRevocationList: value,
  }),
  seedWithKey(emu, id, m) {
    emu.admin.rds.seed({ id, engine: "PostgreSQL" });
    return { instanceId: id, caType: "custom", serverCert: m.validCert, serverKey: m.validKey };
  },
  secretValues: (m) => [EMULATOR_SECRET_KEY, m.validKey],
};
