/**
 * The DDS part of the emulator through `@alicloud/openapi-core`'s generic callApi, as the provider
 * and the DDS SDKs send it: signature checked, response shapes and spellings, the state machine
 * (lag, SSLModifying, NodeRestarting), the task center, the seed's error codes, faults after apply.
 */
import * as assert from "assert";
import { $OpenApiUtil, OpenApiUtil, default as OpenApi } from "@alicloud/openapi-core";
import { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY, startEmulator, type Emulator } from "./index";
import { rpcParams } from "../fixtures/alibaba-rpc";

// Raw JSON answers, read field by field as the wire spells them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;

function client(emu: Emulator, secret = EMULATOR_SECRET_KEY) {
  const sdk = new OpenApi(
    new $OpenApiUtil.Config({
      accessKeyId: EMULATOR_ACCESS_KEY,
      accessKeySecret: secret,
      regionId: "cn-hangzhou",
      endpoint: emu.endpoint,
      protocol: "http",
    }),
  );
  return async (action: string, query: Record<string, string | number>): Promise<Body> => {
    const params = rpcParams(action, "2015-12-01");
    const request = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(query) });
    return ((await sdk.callApi(params, request, {} as never)) as { body: Body }).body;
  };
}

const fails = (p: Promise<unknown>) =>
  p.then(
    () => assert.fail("expected an error"),
    (e) => e as { code: string; statusCode: number; data: Body },
  );

describe("emulator: ApsaraDB for MongoDB (DDS 2015-12-01)", function () {
  let emu: Emulator;
  let call: ReturnType<typeof client>;
  const ID = "dds-emu1";
  beforeEach(async () => {
    emu = await startEmulator();
    call = client(emu);
    emu.admin.dds.seed({ id: ID, engineVersion: "7.0", maintainStartTime: "02:00Z" });
  });
  afterEach(() => emu.close());

  it("checks the ACS3 signature", async () => {
    const err = await fails(client(emu, "wrong")("DescribeDBInstanceSSL", { DBInstanceId: ID }));
    assert.strictEqual(err.code, "SignatureDoesNotMatch");
  });

  it("answers with the documented shapes and spellings", async () => {
    const attr = await call("DescribeDBInstanceAttribute", { DBInstanceId: ID });
    const item = attr.DBInstances.DBInstance[0];
    assert.strictEqual(item.DBInstanceId, ID);
    assert.strictEqual(item.DBInstanceStatus, "Running");
    assert.strictEqual(item.DBInstanceType, "replicate");
    assert.strictEqual(item.MaintainStartTime, "02:00Z");
    assert.strictEqual(item.MaintainEndTime, "03:00Z");
    const closed = await call("DescribeDBInstanceSSL", { DBInstanceId: ID });
    assert.deepStrictEqual(Object.keys(closed).sort(), [
      "ForceEncryption",
      "RequestId",
      "SSLStatus",
    ]);
    assert.strictEqual(closed.SSLStatus, "Closed");
    emu.admin.dds.seed({ id: "dds-44" });
    const old = await call("DescribeDBInstanceSSL", { DBInstanceId: "dds-44" });
    assert.strictEqual(old.ForceEncryption, undefined, "only 7.0/8.0 on cloud disks return it");
  });

  it("Open: Running with the old state for the lag, SSLModifying, NodeRestarting, then Open", async () => {
    await call("ModifyDBInstanceSSL", {
      DBInstanceId: ID,
      SSLAction: "Open",
      SwitchMode: "0",
      ForceEncryption: "1",
    });
    const status = async () =>
      (await call("DescribeDBInstanceAttribute", { DBInstanceId: ID })).DBInstances.DBInstance[0]
        .DBInstanceStatus;
    const ssl = () => call("DescribeDBInstanceSSL", { DBInstanceId: ID });
    const tasks = async () =>
      (
        await call("DescribeHistoryTasks", {
          InstanceId: ID,
          FromStartTime: "2000-01-01T00:00:00Z",
          ToStartTime: "2100-01-01T00:00:00Z",
        })
      ).Items.map((t: Body) => t.Status);
    assert.strictEqual(await status(), "Running");
    assert.strictEqual((await ssl()).SSLStatus, "Closed");
    assert.deepStrictEqual(await tasks(), ["Scheduled"]);
    emu.clock.advanceBy(12_000);
    assert.strictEqual(await status(), "SSLModifying");
    assert.deepStrictEqual(await tasks(), ["Running"]);
    emu.clock.advanceBy(25_000);
    assert.strictEqual(await status(), "NodeRestarting");
    emu.clock.advanceBy(10_000);
    assert.strictEqual(await status(), "Running");
    const open = await ssl();
    assert.strictEqual(open.SSLStatus, "Open");
    assert.strictEqual(open.ForceEncryption, "1");
    assert.match(open.SSLExpiredTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.strictEqual(open.CertCommonName, `${ID}.mongodb.rds.aliyuncs.com`);
    assert.deepStrictEqual(await tasks(), ["Succeed"]);
  });

  it("timing.quiet: an Update shows no status and no task; only the expiry moves when it lands", async () => {
    const QUIET = "dds-quiet1";
    emu.admin.dds.seed({
      id: QUIET,
      ssl: { open: true },
      timing: { quiet: true, lagMs: 0, durationMs: 60_000 },
    });
    const expiry = async () =>
      (await call("DescribeDBInstanceSSL", { DBInstanceId: QUIET })).SSLExpiredTime;
    const before = await expiry();
    await call("ModifyDBInstanceSSL", {
      DBInstanceId: QUIET,
      SSLAction: "Update",
      SwitchMode: "0",
    });
    for (const step of [0, 30_000]) {
      emu.clock.advanceBy(step);
      const attr = await call("DescribeDBInstanceAttribute", { DBInstanceId: QUIET });
      assert.strictEqual(attr.DBInstances.DBInstance[0].DBInstanceStatus, "Running");
      assert.deepStrictEqual(emu.admin.dds.tasks(QUIET), []);
      assert.strictEqual(await expiry(), before);
    }
    emu.clock.advanceBy(30_000);
    assert.notStrictEqual(await expiry(), before);
  });

  it("SwitchMode=1 waits for the window: task Waiting, its StartTime the window", async () => {
    await call("ModifyDBInstanceSSL", { DBInstanceId: ID, SSLAction: "Open", SwitchMode: "1" });
    const [task] = emu.admin.dds.tasks(ID);
    assert.strictEqual(task.status, "Waiting");
    assert.match(task.startTime, /T02:00:00\.000Z$/);
    const { Items } = await call("DescribeHistoryTasks", {
      InstanceId: ID,
      Status: "Waiting",
      FromStartTime: new Date(emu.clock.now()).toISOString().replace(/\.\d{3}Z$/, "Z"),
      ToStartTime: "2100-01-01T00:00:00Z",
    });
    assert.strictEqual(Items[0].TaskType, "ModifyDBInstanceSSL");
    emu.clock.advanceTo(Date.parse(emu.admin.dds.get(ID)!.pending!.completesAt));
    assert.strictEqual(emu.admin.dds.get(ID)!.ssl.open, true);
  });

  it("answers the seed's error codes", async () => {
    const modify = (q: Record<string, string>) =>
      fails(call("ModifyDBInstanceSSL", { DBInstanceId: ID, ...q }));
    assert.strictEqual((await modify({ SSLAction: "Close" })).code, "SSLAlreadyDisabled");
    assert.strictEqual((await modify({ SSLAction: "Update" })).code, "SSLNotEnabled");
    assert.strictEqual((await modify({ SSLAction: "Open", SwitchMode: "2" })).code, "InvalidParam");
    assert.strictEqual((await modify({ SSLAction: "Reopen" })).code, "InvalidParam");
    emu.admin.dds.setSsl(ID, { open: true });
    const already = await modify({ SSLAction: "Open" });
    assert.deepStrictEqual(
      [already.code, already.statusCode, already.data.Message],
      ["SSLAlreadyEnabled", 400, "SSL have already been enabled."],
    );
    emu.admin.dds.setLock(ID, "ManualLock");
    assert.strictEqual((await modify({ SSLAction: "Close" })).code, "IncorrectDBInstanceLockMode");
    emu.admin.dds.setLock(ID, "Unlock");
    emu.admin.dds.setStatus(ID, "DBInstanceClassChanging");
    assert.strictEqual((await modify({ SSLAction: "Close" })).code, "IncorrectDBInstanceState");
    const missing = await fails(call("DescribeDBInstanceSSL", { DBInstanceId: "dds-none" }));
    assert.deepStrictEqual(
      [missing.code, missing.statusCode],
      ["InvalidDBInstanceId.NotFound", 404],
    );
    emu.admin.dds.seed({ id: "dds-region", refuseModify: "EnabledSSLNotSupport" });
    const region = await fails(
      call("ModifyDBInstanceSSL", { DBInstanceId: "dds-region", SSLAction: "Open" }),
    );
    assert.deepStrictEqual([region.code, region.statusCode], ["EnabledSSLNotSupport", 404]);
    emu.admin.dds.seed({ id: "dds-32", engineVersion: "3.2" });
    assert.strictEqual(
      (await fails(call("ModifyDBInstanceSSL", { DBInstanceId: "dds-32", SSLAction: "Open" })))
        .code,
      "IncorrectEngineVersion",
    );
  });

  it("a fault after apply: the Open runs, the answer is lost, the log says applied", async () => {
    emu.admin.injectFault({
      service: "dds",
      action: "ModifyDBInstanceSSL",
      kind: "reset",
      after: true,
    });
    await fails(call("ModifyDBInstanceSSL", { DBInstanceId: ID, SSLAction: "Open" }));
    assert.ok(emu.admin.dds.get(ID)!.pending);
    assert.deepStrictEqual(emu.admin.counts({ service: "dds", appliedOnly: true }), {
      ModifyDBInstanceSSL: 1,
    });
  });

  it("admin HTTP: seed and read an instance", async () => {
    const seeded = await fetch(`${emu.url}/__admin/dds/instances`, {
      method: "POST",
      body: JSON.stringify({ id: "dds-http", ssl: { open: true } }),
    }).then((r) => r.json() as Promise<Body>);
    assert.strictEqual(seeded.ssl.open, true);
    const missing = await fetch(`${emu.url}/__admin/dds/instances/dds-nope/status`, {
      method: "POST",
      body: JSON.stringify({ status: "Running" }),
    });
    assert.strictEqual(missing.status, 404);
  });
});
