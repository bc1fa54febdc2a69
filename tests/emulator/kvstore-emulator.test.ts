/**
 * The R-KVStore service of the emulator through the REAL `@alicloud/r-kvstore20150101` client: answer
 * shapes the SDK models parse, the state machine with its lag, both task APIs, every seed-002 error
 * code, already-in-state faults, faults after a write, and the signature check.
 */
import assert from "node:assert/strict";
import Kvstore, * as $Kv from "@alicloud/r-kvstore20150101";
import { $OpenApiUtil, ClientError } from "@alicloud/openapi-core";
import { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY, startEmulator, type Emulator } from "./index";
import { rejectsWith } from "./rds-sdk-client";

const ID = "r-emu1";

function client(emu: Emulator, secret = EMULATOR_SECRET_KEY): Kvstore {
  return new Kvstore(
    new $OpenApiUtil.Config({
      accessKeyId: EMULATOR_ACCESS_KEY,
      accessKeySecret: secret,
      regionId: "cn-hangzhou",
      endpoint: emu.endpoint,
      protocol: "http",
    }),
  );
}

describe("emulator: R-KVStore (Tair / Redis) through the real SDK", function () {
  let emu: Emulator;
  let kv: Kvstore;
  beforeEach(async () => {
    emu = await startEmulator();
    kv = client(emu);
    emu.admin.kvstore.seed({ id: ID });
  });
  afterEach(() => emu.close());

  const status = async (id = ID) =>
    (
      await kv.describeInstanceAttribute(
        new $Kv.DescribeInstanceAttributeRequest({ instanceId: id }),
      )
    ).body?.instances?.DBInstanceAttribute?.[0]?.instanceStatus;
  const ssl = async (id = ID) =>
    (await kv.describeInstanceSSL(new $Kv.DescribeInstanceSSLRequest({ instanceId: id }))).body!;
  const modify = (SSLEnabled: string, id = ID) =>
    kv.modifyInstanceSSL(new $Kv.ModifyInstanceSSLRequest({ instanceId: id, SSLEnabled }));
  const detail = async (taskId: string, id = ID) =>
    (await kv.describeTaskDetail(new $Kv.DescribeTaskDetailRequest({ instanceId: id, taskId })))
      .body?.status;

  it("Enable: Normal with the old state during the lag, then SSLModifying, Changing, Normal + Enable", async () => {
    const answer = await modify("Enable");
    assert.equal(answer.body?.instanceId, ID);
    assert.match(answer.body?.taskId ?? "", /^\d+$/);
    assert.equal(await status(), "Normal");
    assert.equal((await ssl()).SSLEnabled, "Disable");
    assert.equal(await detail(answer.body!.taskId!), "RUNNING");
    emu.clock.advanceBy(13_000);
    assert.equal(await status(), "SSLModifying");
    emu.clock.advanceBy(16_000);
    assert.equal(await status(), "Changing");
    emu.clock.advanceBy(16_000);
    assert.equal(await status(), "Normal");
    const after = await ssl();
    assert.equal(after.SSLEnabled, "Enable");
    assert.match(after.SSLExpiredTime ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(after.certCommonName, `${ID}.redis.rds.aliyuncs.com`);
    assert.match(after.certDownloadURL ?? "", /^https:\/\//);
    assert.equal(await detail(answer.body!.taskId!), "COMPLETED");
  });

  it("Update keeps SSLExpiredTime by default (the CA's expiry); `renewed` moves it", async () => {
    emu.admin.kvstore.seed({ id: "r-keep", ssl: { sslEnabled: true } });
    emu.admin.kvstore.seed({ id: "r-renew", ssl: { sslEnabled: true }, expiryOnUpdate: "renewed" });
    const before = {
      keep: (await ssl("r-keep")).SSLExpiredTime,
      renew: (await ssl("r-renew")).SSLExpiredTime,
    };
    await modify("Update", "r-keep");
    await modify("Update", "r-renew");
    emu.clock.advanceBy(60_000);
    assert.equal((await ssl("r-keep")).SSLExpiredTime, before.keep);
    assert.equal((await ssl("r-keep")).SSLEnabled, "Enable");
    assert.notEqual((await ssl("r-renew")).SSLExpiredTime, before.renew);
  });

  it("DescribeHistoryTasks lists the change as Scheduled during the lag, then Running, Succeed", async () => {
    await modify("Enable");
    const list = async () => {
      const now = emu.clock.now();
      const t = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
      const r = await kv.describeHistoryTasks(
        new $Kv.DescribeHistoryTasksRequest({
          fromStartTime: t(now - 3600_000),
          toStartTime: t(now + 60_000),
          instanceId: ID,
        }),
      );
      return r.body?.items?.map((i) => i.status);
    };
    assert.deepEqual(await list(), ["Scheduled"]);
    emu.clock.advanceBy(20_000);
    assert.deepEqual(await list(), ["Running"]);
    emu.clock.advanceBy(60_000);
    assert.deepEqual(await list(), ["Succeed"]);
  });

  it("a second Enable during the lag is accepted (a second restart); after it lands, SSLEnabledStateExistsFault", async () => {
    await modify("Enable");
    await modify("Enable");
    assert.equal(emu.admin.kvstore.tasks(ID).length, 2);
    emu.clock.advanceBy(10 * 60_000);
    await rejectsWith(modify("Enable"), ClientError, "SSLEnabledStateExistsFault", 400);
    await modify("Disable");
    emu.clock.advanceBy(10 * 60_000);
    await rejectsWith(modify("Disable"), ClientError, "SSLDisableStateExistsFault", 400);
    await rejectsWith(modify("Update"), ClientError, "SSLDisableStateExistsFault", 400);
  });

  const SEED_ERRORS: Array<[string, number, string, () => void, string]> = [
    ["InvalidParameters.Format", 400, "Specified parameters is not valid.", () => {}, "On"],
    [
      "IncorrectCharacterType",
      403,
      "Current DB instance CharacterType does not support this operation.",
      () => emu.admin.kvstore.seed({ id: ID, refuse: "IncorrectCharacterType" }),
      "Enable",
    ],
    [
      "IncorrectEngineVersion",
      403,
      "Current engine version does not support operations.",
      () => emu.admin.kvstore.seed({ id: ID, refuse: "IncorrectEngineVersion" }),
      "Enable",
    ],
    [
      "IncorrectDBInstanceState",
      403,
      "Current DB instance state does not support this operation.",
      () => emu.admin.kvstore.setStatus(ID, "MinorVersionUpgrading"),
      "Enable",
    ],
    [
      "IncorrectDBInstanceLockMode",
      403,
      "Current DB instance lock mode does not support this operation.",
      () => emu.admin.kvstore.setLocked(ID, true),
      "Enable",
    ],
    [
      "EnabledSSLNotSupport",
      404,
      "Specified region does not support enable ssl.",
      () => emu.admin.kvstore.seed({ id: ID, refuse: "EnabledSSLNotSupport" }),
      "Enable",
    ],
  ];
  for (const [code, httpStatus, message, setup, value] of SEED_ERRORS) {
    it(`seed error ${code}: HTTP ${httpStatus}, the seed's message, nothing applied`, async () => {
      setup();
      const error = await rejectsWith(modify(value), ClientError, code, httpStatus);
      assert.equal((error.data as { Message?: string }).Message, message);
      assert.deepEqual(emu.admin.counts({ appliedOnly: true }), {});
    });
  }

  it("an engine without SSL answers IncorrectEngineVersion on DescribeInstanceSSL too", async () => {
    emu.admin.kvstore.seed({ id: "r-old", refuse: "IncorrectEngineVersion" });
    await rejectsWith(ssl("r-old"), ClientError, "IncorrectEngineVersion", 403);
  });

  it("a missing instance answers 404 InvalidInstanceId.NotFound", async () => {
    await rejectsWith(ssl("r-nowhere"), ClientError, "InvalidInstanceId.NotFound", 404);
  });

  it("a reset after the write: the change runs, the client sees no answer", async () => {
    emu.admin.injectFault({
      service: "kvstore",
      action: "ModifyInstanceSSL",
      kind: "reset",
      after: true,
    });
    await assert.rejects(modify("Enable"));
    assert.deepEqual(emu.admin.counts({ appliedOnly: true }), { ModifyInstanceSSL: 1 });
    assert.equal(emu.admin.kvstore.get(ID)!.pending?.action, "Enable");
  });

  it("a wrong secret is refused by the signature check", async () => {
    const wrong = client(emu, "wrong").describeInstanceSSL(
      new $Kv.DescribeInstanceSSLRequest({ instanceId: ID }),
    );
    await rejectsWith(wrong, ClientError, "SignatureDoesNotMatch", 400);
  });
});
