/**
 * The emulated RDS v3 API (Open Telekom Cloud / Huawei Cloud) on the wire: signature checks, the
 * three answer shapes of the SSL PUT, the reboot state machine with its lag, jobs, busy and
 * missing instances, faults after the write, and a log without secrets.
 */
import * as assert from "assert";
import {
  EMULATOR_ACCESS_KEY,
  EMULATOR_SECRET_KEY,
  huaweiPublishedLimit,
  startEmulator,
  type Emulator,
} from "./index";
import { rdsV3Request } from "./rdsv3/test-client";

const P = "0483b6b16e954cb88930a360d2c4e663";
const ID = "ed7cc6166ec24360a5ed5c5c9c2ed726in01";

describe("emulator: RDS v3 (SDK-HMAC-SHA256)", function () {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
  });
  afterEach(() => emu.close());

  const list = (id = ID, project = P) =>
    rdsV3Request(emu, { method: "GET", path: `/v3/${project}/instances`, query: { id } });
  const put = (on: boolean, id = ID) =>
    rdsV3Request(emu, {
      method: "PUT",
      path: `/v3/${P}/instances/${id}/ssl`,
      body: { ssl_option: on },
    });
  const job = (id: string) =>
    rdsV3Request(emu, { method: "GET", path: `/v3/${P}/jobs`, query: { id } });
  const shown = async () => {
    const i = ((await list()).json.instances as Record<string, unknown>[])[0];
    return [i.status, i.enable_ssl];
  };

  it("401 APIGW.0301 for a wrong secret, a changed body or an old X-Sdk-Date", async () => {
    emu.admin.rdsv3.seed({ id: ID, projectId: P });
    const cases = [
      { secretKey: "wrong" },
      { tamperBody: '{"ssl_option":false}' },
      { dateMs: emu.clock.now() - 16 * 60_000 },
    ];
    for (const extra of cases) {
      const r = await rdsV3Request(emu, {
        method: "PUT",
        path: `/v3/${P}/instances/${ID}/ssl`,
        body: { ssl_option: true },
        ...extra,
      });
      assert.strictEqual(r.status, 401);
      assert.strictEqual(r.json.error_code, "APIGW.0301");
      assert.strictEqual(r.json.request_id, r.headers["x-request-id"]);
    }
    assert.strictEqual(emu.admin.rdsv3.get(ID)!.pending, undefined, "nothing applied");
  });

  it("the PUT answers 200 {} (OTC), 202 with no body (OTC 2026) or 200 {job_id} (Huawei)", async () => {
    emu.admin.rdsv3.seed({ id: ID, projectId: P });
    const other = ["aa" + ID.slice(2), "bb" + ID.slice(2)];
    emu.admin.rdsv3.seed({ id: other[0], projectId: P, answer: "accepted202" });
    emu.admin.rdsv3.seed({ id: other[1], projectId: P, cloud: "huaweicloud" });
    const a = await put(true);
    assert.deepStrictEqual([a.status, a.text], [200, "{}"]);
    const b = await put(true, other[0]);
    assert.deepStrictEqual([b.status, b.text], [202, ""]);
    const c = await put(true, other[1]);
    assert.strictEqual(c.status, 200);
    assert.match(String(c.json.job_id), /^[0-9a-f-]{36}$/);
  });

  it("lag (ACTIVE, old flag), then REBOOTING, then ACTIVE with the new flag", async () => {
    emu.admin.rdsv3.seed({ id: ID, projectId: P });
    await put(true);
    assert.deepStrictEqual(await shown(), ["ACTIVE", false]);
    emu.clock.advanceBy(12_000);
    assert.deepStrictEqual(await shown(), ["REBOOTING", false]);
    emu.clock.advanceBy(60_000);
    assert.deepStrictEqual(await shown(), ["ACTIVE", true]);
  });

  it("flipEarly shows the new flag before the reboot", async () => {
    emu.admin.rdsv3.seed({ id: ID, projectId: P, timing: { flipEarly: true } });
    await put(true);
    assert.deepStrictEqual(await shown(), ["ACTIVE", true]);
    emu.clock.advanceBy(12_000);
    assert.deepStrictEqual(await shown(), ["REBOOTING", true]);
  });

  it("a second PUT during the lag is accepted (a second reboot); 409 DBS.200019 once rebooting or not ACTIVE", async () => {
    emu.admin.rdsv3.seed({ id: ID, projectId: P });
    await put(true);
    emu.clock.advanceBy(5_000);
    const again = await put(true);
    assert.strictEqual(again.status, 200, "still ACTIVE with the old flag: accepted");
    assert.strictEqual(emu.admin.requests("SwitchSsl").filter((r) => r.applied).length, 2);
    emu.clock.advanceBy(12_000);
    const rebooting = await put(false);
    assert.deepStrictEqual([rebooting.status, rebooting.json.error_code], [409, "DBS.200019"]);
    emu.clock.advanceBy(80_000);
    emu.admin.rdsv3.setStatus(ID, "BACKING UP");
    assert.strictEqual((await put(false)).status, 409);
  });

  it("acceptsDuringLag: false refuses a second PUT during the lag with 409", async () => {
    emu.admin.rdsv3.seed({ id: ID, projectId: P, timing: { acceptsDuringLag: false } });
    await put(true);
    const again = await put(true);
    assert.deepStrictEqual([again.status, again.json.error_code], [409, "DBS.200019"]);
  });

  it("tags: create (an existing key gets the new value), list, delete; bad keys 400", async () => {
    emu.admin.rdsv3.seed({ id: ID, projectId: P });
    const tags = (body: object) =>
      rdsV3Request(emu, { method: "POST", path: `/v3/${P}/instances/${ID}/tags/action`, body });
    const listed = async () => ((await list()).json.instances as Record<string, unknown>[])[0].tags;
    assert.deepStrictEqual(await listed(), []);
    assert.strictEqual(
      (await tags({ action: "create", tags: [{ key: "a-1", value: "x" }] })).status,
      200,
    );
    await tags({ action: "create", tags: [{ key: "a-1", value: "y.2" }] });
    assert.deepStrictEqual(await listed(), [{ key: "a-1", value: "y.2" }]);
    assert.strictEqual((await tags({ action: "delete", tags: [{ key: "a-1" }] })).status, 200);
    assert.strictEqual((await tags({ action: "delete", tags: [{ key: "a-1" }] })).status, 200);
    assert.deepStrictEqual(await listed(), []);
    const bad = await tags({ action: "create", tags: [{ key: "a b:c", value: "x" }] });
    assert.deepStrictEqual([bad.status, bad.json.error_code], [400, "DBS.200001"]);
    const noAction = await tags({ action: "add", tags: [{ key: "k", value: "v" }] });
    assert.strictEqual(noAction.status, 400);
  });

  it("unknown instance: the list is empty, the PUT 404 DBS.200002; another project sees nothing", async () => {
    emu.admin.rdsv3.seed({ id: ID, projectId: P });
    assert.deepStrictEqual((await list("nonein01")).json, { instances: [], total_count: 0 });
    assert.deepStrictEqual((await list(ID, "1".repeat(32))).json.instances, []);
    const r = await put(true, "nonein01");
    assert.deepStrictEqual([r.status, r.json.error_code], [404, "DBS.200002"]);
  });

  it("a non-MySQL engine is refused (400), an OTC PostgreSQL reads SSL on", async () => {
    emu.admin.rdsv3.seed({ id: ID, projectId: P, engine: "PostgreSQL" });
    assert.deepStrictEqual(await shown(), ["ACTIVE", true]);
    const r = await put(false);
    assert.strictEqual(r.status, 400);
  });

  it("jobs: not found for a few seconds, Running, Completed; a failed change reads Failed", async () => {
    emu.admin.rdsv3.seed({ id: ID, projectId: P, cloud: "huaweicloud" });
    emu.admin.rdsv3.failNextChange(ID, "Internal error, please retry.");
    const id = String((await put(true)).json.job_id);
    assert.strictEqual((await job(id)).status, 404);
    emu.clock.advanceBy(8_000);
    const running = (await job(id)).json.job as Record<string, unknown>;
    assert.strictEqual(running.status, "Running");
    emu.clock.advanceBy(80_000);
    const failed = (await job(id)).json.job as Record<string, unknown>;
    assert.deepStrictEqual(
      [failed.status, failed.fail_reason],
      ["Failed", "Internal error, please retry."],
    );
    assert.deepStrictEqual(await shown(), ["ACTIVE", false], "the flag stays as it was");
    const ok = String((await put(true)).json.job_id);
    emu.clock.advanceBy(80_000);
    assert.strictEqual(((await job(ok)).json.job as Record<string, unknown>).status, "Completed");
  });

  it("a fault after the write: the change is applied, the answer lost; the log says applied", async () => {
    emu.admin.rdsv3.seed({ id: ID, projectId: P });
    emu.admin.injectFault({ service: "rdsv3", action: "SwitchSsl", kind: "internal", after: true });
    const r = await put(true);
    assert.deepStrictEqual([r.status, r.json.error_code], [500, "DBS.108000"]);
    assert.ok(emu.admin.rdsv3.get(ID)!.pending, "applied");
    assert.deepStrictEqual(emu.admin.counts({ appliedOnly: true }), { SwitchSsl: 1 });
  });

  it("a limit of 60 calls a minute per user and API (Huawei): the 61st waits for the first to leave", async () => {
    emu.admin.rdsv3.seed({ id: ID, projectId: P, cloud: "huaweicloud" });
    emu.admin.injectFault(huaweiPublishedLimit(EMULATOR_ACCESS_KEY));
    for (let i = 0; i < 60; i++) {
      assert.strictEqual((await list()).status, 200, `call ${i + 1}`);
      emu.clock.advanceBy(500);
    }
    // 60 calls in the last 30 s: the window holds them all.
    const refused = await list();
    assert.deepStrictEqual(
      [refused.status, refused.json.error_code, refused.headers["retry-after"]],
      [429, "APIGW.0308", "30"],
    );
    // Another API has its own 60.
    assert.strictEqual((await job("0b1d")).status, 404);
    // Once the first call is a minute old, one more may come, and only one.
    emu.clock.advanceBy(30_000);
    assert.strictEqual((await list()).status, 200);
    assert.strictEqual((await list()).status, 429);
    const throttled = emu.admin.log().filter((e) => e.fault === "throttle");
    assert.deepStrictEqual(
      throttled.map((e) => e.action),
      ["ListInstances", "ListInstances"],
    );
  });

  it("a limit for one user leaves another user's calls alone", async () => {
    await emu.close();
    emu = await startEmulator({
      credentials: { [EMULATOR_ACCESS_KEY]: EMULATOR_SECRET_KEY, OTHERUSERKEY: "other-secret" },
    });
    emu.admin.rdsv3.seed({ id: ID, projectId: P });
    emu.admin.injectFault({
      kind: "throttle",
      service: "rdsv3",
      ratePerSecond: 1,
      windowMs: 60_000,
      user: "OTHERUSERKEY",
    });
    const asOther = () =>
      rdsV3Request(emu, {
        method: "GET",
        path: `/v3/${P}/instances`,
        query: { id: ID },
        accessKey: "OTHERUSERKEY",
        secretKey: "other-secret",
      });
    for (let i = 0; i < 60; i++) assert.strictEqual((await asOther()).status, 200);
    assert.strictEqual((await asOther()).status, 429);
    for (let i = 0; i < 70; i++) assert.strictEqual((await list()).status, 200);
  });

  it("rejects a window or a user without a rate", () => {
    assert.throws(
      () => emu.admin.injectFault({ kind: "throttle", windowMs: 60_000 }),
      /windowMs and user need ratePerSecond/,
    );
    assert.throws(
      () => emu.admin.injectFault({ kind: "throttle", ratePerSecond: 1, windowMs: 10 }),
      /windowMs must be an integer >= 1000/,
    );
  });

  it("throttling answers 429 with Retry-After in seconds", async () => {
    emu.admin.rdsv3.seed({ id: ID, projectId: P });
    emu.admin.injectFault({ service: "rdsv3", kind: "throttle", retryAfterMs: 2000 });
    const r = await list();
    assert.deepStrictEqual([r.status, r.headers["retry-after"]], [429, "2"]);
  });

  it("the log names actions and parameters, never the signature or the secret", async () => {
    emu.admin.rdsv3.seed({ id: ID, projectId: P });
    await put(true);
    await list();
    const log = JSON.stringify(emu.admin.log());
    assert.ok(!log.includes(EMULATOR_SECRET_KEY) && !log.includes("Signature="));
    assert.deepStrictEqual(
      emu.admin.requests().map((r) => [r.action, r.params]),
      [
        ["SwitchSsl", { project_id: P, instance_id: ID, ssl_option: "true" }],
        ["ListInstances", { project_id: P, id: ID }],
      ],
    );
  });
});
