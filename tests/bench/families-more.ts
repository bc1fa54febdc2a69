/**
 * Bench adapters for alicloud.mongodb, alicloud.redis, tencentcloud.postgres and the two RDS v3
 * clouds (opentelekomcloud.rds, huaweicloud.rds); the shape is `BenchFamily` (families.ts).
 * Seeds, ids and provider config follow each family's tests (tests/alicloud/mongodb/harness.ts,
 * tests/alicloud/redis/, tests/tencentcloud/postgres/harness.ts, tests/rdsv3/fixtures.ts).
 * Minimum calls are what each driver sends for a change that finishes at once (the emulator's
 * log of one instant create, with the waiter's read-back).
 */
import type { Emulator } from "../emulator";
import { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY, huaweiPublishedLimit } from "../emulator";
import type { RdsV3CloudName } from "../emulator";
import { HUAWEI_BENCH_USER } from "./bench-emulator";
import type { BenchFamily, EmulatedRateLimit } from "./families";

/** `dbssl:requestsPerSecond` default: the limit Alibaba and Huawei/OTC get (no published one). */
const CONFIGURED_RATE = 10;

const ALIBABA_LIMIT_SOURCE =
  "Alibaba publishes per-API limits as 'Request Rate: N/60 s' (alibaba.md §5) and none for " +
  "these APIs: the provider's configured default (dbssl:requestsPerSecond = 10 per API)";

function alibabaConfig(emu: Emulator) {
  return {
    "alicloud:accessKey": { secret: EMULATOR_ACCESS_KEY },
    "alicloud:secretKey": { secret: EMULATOR_SECRET_KEY },
    "alicloud:region": "cn-hangzhou",
    "dbssl:endpointOverride": emu.url,
  };
}

const pad = (i: number) => String(i).padStart(5, "0");

const mongodb: BenchFamily = {
  family: "alicloud.mongodb",
  cloud: "alicloud",
  service: "dds",
  instanceId: (i) => `dds-bench${pad(i)}`,
  seed(emu, id, timing) {
    emu.admin.dds.seed({ id, timing: { ...timing, flipEarly: false } });
  },
  stackEntry: (id) => ({ family: "alicloud.mongodb", instanceId: id, sslEnabled: true }),
  providerConfig: alibabaConfig,
  minimumCalls: {
    // The API's minimum: the SSL state and the task centre; no engine read (the API refuses an
    // unsupported instance itself, EnabledSSLNotSupport); after: the task centre, the SSL read.
    before: ["DescribeDBInstanceSSL", "DescribeHistoryTasks"],
    write: "ModifyDBInstanceSSL",
    after: ["DescribeHistoryTasks", "DescribeDBInstanceSSL"],
  },
  writeAction: "ModifyDBInstanceSSL",
  rateLimit: {
    service: "dds",
    perAction: true,
    ratePerSecond: CONFIGURED_RATE,
    source: ALIBABA_LIMIT_SOURCE,
  },
  // alicloud_mongodb_instance's SSL update: no Delay before the first poll (alibaba.md §2.3).
  baselineFirstPollMs: 0,
  variants: 1,
};

const redis: BenchFamily = {
  family: "alicloud.redis",
  cloud: "alicloud",
  service: "kvstore",
  instanceId: (i) => `r-bench${pad(i)}`,
  seed(emu, id, timing) {
    emu.admin.kvstore.seed({ id, timing: { ...timing, flipEarly: false } });
  },
  stackEntry: (id) => ({ family: "alicloud.redis", instanceId: id, sslEnabled: true }),
  providerConfig: alibabaConfig,
  minimumCalls: {
    // The API's minimum: the TLS state and the task centre; the write names its task, whose
    // end (DescribeTaskDetail) and the TLS read show the change done.
    before: ["DescribeInstanceSSL", "DescribeHistoryTasks"],
    write: "ModifyInstanceSSL",
    after: ["DescribeTaskDetail", "DescribeInstanceSSL"],
  },
  writeAction: "ModifyInstanceSSL",
  rateLimit: {
    service: "kvstore",
    perAction: true,
    ratePerSecond: CONFIGURED_RATE,
    source: ALIBABA_LIMIT_SOURCE,
  },
  // alicloud_kvstore_instance: 5 minutes before the first poll after ModifyInstanceSSL (§2.4).
  baselineFirstPollMs: 300_000,
  variants: 1,
};

/** Tencent's limit per API (tencent-huawei.md §1.6; provider/tencentcloud/client.ts). */
const TENCENT_RATE = 20;

/**
 * The address the certificate protects (`connectAddress` is required with SSL on): each seeded
 * instance gets its own private IP, derived from the index in its id.
 */
function tencentIp(id: string): string {
  const i = Number(/\d+$/.exec(id)?.[0] ?? 0);
  return `10.7.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;
}

const tencentPostgres: BenchFamily = {
  family: "tencentcloud.postgres",
  cloud: "tencentcloud",
  service: "postgres",
  instanceId: (i) => `postgres-bench${pad(i)}`,
  seed(emu, id, timing) {
    emu.admin.tencentPostgres.seed({
      id,
      addresses: [{ ip: tencentIp(id) }],
      timing: { ...timing, flipEarly: false },
    });
  },
  stackEntry: (id) => ({
    family: "tencentcloud.postgres",
    instanceId: id,
    sslEnabled: true,
    connectAddress: tencentIp(id),
  }),
  providerConfig: (emu) => ({
    "tencentcloud:secretId": EMULATOR_ACCESS_KEY,
    "tencentcloud:secretKey": { secret: EMULATOR_SECRET_KEY },
    "tencentcloud:region": "ap-guangzhou",
    "dbssl:endpointOverride": emu.url,
  }),
  minimumCalls: {
    // The API's minimum: the SSL state and the instance's tasks (one held for the switch window
    // blocks a write); the write names its task, whose Success and the SSL read end it.
    before: ["DescribeDBInstanceSSLConfig", "DescribeTasks"],
    write: "ModifyDBInstanceSSLConfig",
    after: ["DescribeTasks", "DescribeDBInstanceSSLConfig"],
  },
  writeAction: "ModifyDBInstanceSSLConfig",
  // The task is polled by TaskId alone (DescribeTasks), which names no instance.
  callsOf(emu, log, id) {
    const tasks = new Set(emu.admin.tencentPostgres.tasks(id).map((t) => t.taskId));
    return log.filter(
      (e) =>
        e.service === "postgres" &&
        (e.params.DBInstanceId === id || tasks.has(String(e.params.TaskId))),
    );
  },
  rateLimit: {
    service: "postgres",
    perAction: true,
    ratePerSecond: TENCENT_RATE,
    source:
      "tencent-huawei.md §1.6: ModifyDBInstanceSSLConfig and DescribeDBInstanceSSLConfig are " +
      "each limited to 20 requests per second (per API, region and sub-account)",
  },
  // tencentcloud_postgresql_instance: resource.Retry around DescribeTasks, no delay (§1).
  baselineFirstPollMs: 0,
  variants: 1,
};

/**
 * Projects of the seeded RDS v3 instances, one per cloud (two clouds are two accounts): Open
 * Telekom Cloud's is tests/rdsv3/fixtures.ts's, set as `tenantId`; Huawei's is an input.
 */
export const RDSV3_PROJECT: Record<RdsV3CloudName, string> = {
  opentelekomcloud: "0483b6b16e954cb88930a360d2c4e663",
  huaweicloud: "9c2e1f0a7b3d4e5f8a6b1c2d3e4f5a6b",
};

const RDSV3_LIMIT: Record<RdsV3CloudName, EmulatedRateLimit> = {
  opentelekomcloud: {
    service: "rdsv3",
    perAction: false,
    ratePerSecond: CONFIGURED_RATE,
    user: EMULATOR_ACCESS_KEY,
    source:
      "Open Telekom Cloud publishes no number (429 with Retry-After, tencent-huawei.md §2): the " +
      "configured default, 10 per second for all its RDS calls (provider/rdsv3/clouds.ts)",
  },
  huaweicloud: {
    ...huaweiPublishedLimit(HUAWEI_BENCH_USER.accessKey),
    source:
      "Huawei: '60 calls per minute for a single user' on each API (support.huaweicloud.com " +
      "api-rds rds_00_0002), enforced as at most 60 in any minute per API",
  },
};

/**
 * `listsSwitchTask`: whether the emulated instant task list shows the switch (the emulator's
 * default; unverified on both clouds, tests/emulator/rdsv3/instances.ts). The bench's figures use
 * the default; `convergence.offPrior.withoutTaskList` measures OTC without it.
 */
export function rdsv3(cloud: RdsV3CloudName, listsSwitchTask = true): BenchFamily {
  const family = `${cloud}.rds`;
  const huawei = cloud === "huaweicloud";
  return {
    family,
    cloud,
    service: "rdsv3",
    // 32 hex characters, then `in01` (MySQL): the id encodes the cloud so the two never clash.
    instanceId: (i) => `${huawei ? "b" : "a"}${String(i).padStart(31, "0")}in01`,
    seed(emu, id, timing) {
      emu.admin.rdsv3.seed({
        id,
        projectId: RDSV3_PROJECT[cloud],
        cloud,
        engine: "MySQL",
        timing: { lagMs: timing.lagMs, rebootMs: timing.durationMs, flipEarly: false },
        listsSwitchTask,
      });
    },
    stackEntry: (id) => ({
      family,
      instanceId: id,
      sslEnabled: true,
      ...(huawei ? { projectId: RDSV3_PROJECT[cloud] } : {}),
    }),
    providerConfig: (emu) => ({
      ...(huawei
        ? {
            "huaweicloud:access_key": HUAWEI_BENCH_USER.accessKey,
            "huaweicloud:secret_key": { secret: HUAWEI_BENCH_USER.secretKey },
            "huaweicloud:region": "cn-north-4",
          }
        : {
            "opentelekomcloud:accessKey": EMULATOR_ACCESS_KEY,
            "opentelekomcloud:secretKey": { secret: EMULATOR_SECRET_KEY },
            "opentelekomcloud:region": "eu-de",
            "opentelekomcloud:tenantId": RDSV3_PROJECT.opentelekomcloud,
          }),
      "dbssl:endpointOverride": emu.url,
    }),
    minimumCalls: {
      // The change mark (provider/rdsv3/change-mark.ts): the only evidence of a PUT during the
      // cloud's lag that survives a crash, so the tag's set and removal count as indispensable.
      before: ["ListInstances", "BatchTagAction"],
      write: "SwitchSsl",
      // Huawei polls the job (ListJobInfo); Open Telekom Cloud's answer carries no job id.
      after: huawei
        ? ["ListJobInfo", "ListInstances", "BatchTagAction"]
        : ["ListInstances", "BatchTagAction"],
    },
    writeAction: "SwitchSsl",
    listed: { actions: ["ListInstances"], pageSize: 100 },
    // The pages of the project's instances (no `id`): reads that waited together.
    sharedCallsOf: (log) =>
      log.filter(
        (e) =>
          e.service === "rdsv3" &&
          e.action === "ListInstances" &&
          e.params.id === undefined &&
          e.params.project_id === RDSV3_PROJECT[cloud],
      ),
    // ListInstances names the instance (`id`), SwitchSsl its path; ListJobInfo only the job.
    callsOf(emu, log, id) {
      const jobs = new Set(
        emu.admin.rdsv3
          .jobs()
          .filter((j) => j.instanceId === id)
          .map((j) => j.id),
      );
      return log.filter(
        (e) =>
          e.service === "rdsv3" &&
          (e.params.id === id || e.params.instance_id === id || jobs.has(String(e.params.id))),
      );
    },
    rateLimit: RDSV3_LIMIT[cloud],
    // huaweicloud/opentelekomcloud: the job is polled with a 10 s delay and interval (§2).
    baselineFirstPollMs: 10_000,
    variants: 1,
  };
}

export const MORE_BENCH_FAMILIES: readonly BenchFamily[] = [
  mongodb,
  redis,
  tencentPostgres,
  rdsv3("opentelekomcloud"),
  rdsv3("huaweicloud"),
];
