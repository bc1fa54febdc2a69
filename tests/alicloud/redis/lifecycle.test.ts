/**
 * alicloud.redis DbSslConfig through the real dynamic-provider host against the emulator's
 * R-KVStore service: create, no-op create, the lag, renewal via rotateTrigger (settled on the
 * task, since the SSL read cannot show it), refresh drift, delete and retain, not found, preview
 * with unknowns, a throttling burst, and a timeout that keeps the resource in state.
 */
import * as assert from "assert";
import { UNKNOWN } from "../../engine/host";
import {
  startFamilyHarness,
  urnOf,
  waitForLog,
  type FamilyHarness,
} from "../../fixtures/provider-harness";

const FAMILY = "alicloud.redis";
const URN = urnOf(FAMILY);
const ID = "r-cache1";

describe("alicloud.redis DbSslConfig lifecycle (dynamic-provider host + emulator)", function () {
  let h: FamilyHarness;
  beforeEach(async () => {
    h = await startFamilyHarness(FAMILY);
    h.emu.admin.kvstore.seed({ id: ID });
  });
  afterEach(() => h.close());

  const modifies = (id = ID) =>
    h.emu.admin.requests("ModifyInstanceSSL").filter((r) => r.params.InstanceId === id);
  const accepted = (id = ID) => modifies(id).filter((r) => r.status === 200);

  it("create enables TLS with one ModifyInstanceSSL, keeps its TaskId, reports the live state", async () => {
    const { id, outputs } = await h.create({ instanceId: ID });
    assert.strictEqual(id, ID);
    assert.deepStrictEqual(
      modifies().map((r) => r.params),
      [{ InstanceId: ID, SSLEnabled: "Enable" }],
    );
    const [task] = h.emu.admin.kvstore.tasks(ID);
    assert.strictEqual(outputs.lastTaskId, task.taskId);
    assert.strictEqual(outputs.lastAction, "open");
    assert.match(String(outputs.lastRequestId), /^[0-9A-F-]{36}$/);
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(outputs.engine, "Redis");
    assert.strictEqual(outputs.engineVersion, "7.0");
    assert.strictEqual(outputs.certificateCommonName, `${ID}.redis.rds.aliyuncs.com`);
    assert.match(String(outputs.caDownloadUrl), /^https:\/\//);
    assert.match(String(outputs.certificateExpiresAt), /^\d{4}-\d\d-\d\dT/);
    const live = h.emu.admin.kvstore.get(ID)!;
    assert.strictEqual(live.status, "Normal");
    assert.strictEqual(live.pending, undefined, "returned only after the change landed");
    assert.ok(h.emu.admin.counts().DescribeTaskDetail >= 1, "the task was polled");
  });

  it("an instant change costs the API's minimum + 1: the task trusted, the instance not read again", async () => {
    h.emu.admin.kvstore.seed({ id: "r-now", timing: { lagMs: 0, durationMs: 0 } });
    const { outputs } = await h.create({ instanceId: "r-now" });
    const calls = h.emu.admin
      .log()
      .filter((c) => c.params.InstanceId === "r-now")
      .map((c) => c.action);
    // docs/BENCHMARKS.md "Minimum calls": the SSL read and the task centre before the write, the
    // write, the task and the SSL read after it (5); ours adds the instance read before the write.
    assert.deepStrictEqual(calls, [
      "DescribeInstanceAttribute",
      "DescribeInstanceSSL",
      "DescribeHistoryTasks",
      "ModifyInstanceSSL",
      "DescribeTaskDetail",
      "DescribeInstanceSSL",
    ]);
    // What the instance read before the write found is still in the outputs.
    assert.strictEqual(outputs.engine, "Redis");
    assert.strictEqual(outputs.engineVersion, "7.0");
    assert.strictEqual(outputs.sslEnabled, true);
  });

  it("create on an instance already in the declared state sends no Modify", async () => {
    h.emu.admin.kvstore.setSsl(ID, { sslEnabled: true });
    const { outputs } = await h.create({ instanceId: ID });
    assert.strictEqual(modifies().length, 0);
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(outputs.lastAction, undefined, "no action claimed");
  });

  it("the wait is not fooled by a lag much longer than the first poll", async () => {
    h.emu.admin.kvstore.seed({ id: "r-slow", timing: { lagMs: 240_000, durationMs: 300_000 } });
    const started = h.emu.clock.now();
    const { outputs } = await h.create({ instanceId: "r-slow" });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(h.emu.admin.kvstore.get("r-slow")!.pending, undefined);
    assert.ok(h.emu.clock.now() - started >= 540_000, "waited for lag + restart");
    assert.strictEqual(accepted("r-slow").length, 1);
  });

  it("a changed rotateTrigger sends Update once and settles on the task, though the SSL read shows nothing new", async () => {
    h.emu.admin.kvstore.seed({ id: "r-rot", ssl: { sslEnabled: true } });
    const first = await h.create({ instanceId: "r-rot", rotateTrigger: "2026-01" });
    assert.strictEqual(accepted("r-rot").length, 0, "on already: nothing to do at create");
    const news = (await h.check({ instanceId: "r-rot", rotateTrigger: "2026-11" })).inputs;
    const diff = await h.host.diff("r-rot", URN, first.outputs, news);
    assert.strictEqual(diff.changes, "some");
    assert.ok(await waitForLog(h.host, "r-rot: updating the certificate restarts the instance"));
    const { outputs } = await h.host.update("r-rot", URN, first.outputs, news);
    assert.deepStrictEqual(
      accepted("r-rot").map((r) => r.params.SSLEnabled),
      ["Update"],
    );
    assert.strictEqual(outputs.lastAction, "update");
    assert.strictEqual(outputs.lastTaskId, h.emu.admin.kvstore.tasks("r-rot")[0].taskId);
    assert.strictEqual(h.emu.admin.kvstore.get("r-rot")!.pending, undefined, "the restart ended");
    // The emulator keeps SSLExpiredTime (the CA's expiry) on Update, as the SDK documents it.
    assert.strictEqual(outputs.certificateExpiresAt, first.outputs.certificateExpiresAt);
    assert.ok(
      await waitForLog(h.host, "SSLExpiredTime (the CA certificate's expiry) did not change"),
    );
    const again = (await h.check({ instanceId: "r-rot", rotateTrigger: "2026-11" })).inputs;
    assert.strictEqual((await h.host.diff("r-rot", URN, outputs, again)).changes, "none");
  });

  it("refresh reports an out-of-band disable; the next diff warns of the restart and up enables again", async () => {
    const { outputs } = await h.create({ instanceId: ID });
    h.emu.admin.kvstore.setSsl(ID, { sslEnabled: false });
    const read = await h.host.read(ID, URN, outputs);
    assert.strictEqual(read.outputs.sslEnabled, false);
    assert.strictEqual(read.outputs.certificateCommonName, undefined);
    assert.deepStrictEqual(read.inputs, {
      __provider: h.providerText,
      instanceId: ID,
      onDelete: "retain",
      region: "cn-hangzhou",
      sslEnabled: false,
    });
    const news = (await h.check({ instanceId: ID })).inputs;
    assert.strictEqual((await h.host.diff(ID, URN, read.outputs, news)).changes, "some");
    assert.ok(await waitForLog(h.host, `${FAMILY} ${ID}: enabling TLS restarts the instance`));
    const up = await h.host.update(ID, URN, read.outputs, news);
    assert.strictEqual(up.outputs.sslEnabled, true);
    assert.deepStrictEqual(
      accepted().map((r) => r.params.SSLEnabled),
      ["Enable", "Enable"],
    );
  });

  it('delete disables TLS with onDelete "disable"; the default (retain) leaves it on', async () => {
    h.emu.admin.kvstore.seed({ id: "r-keep" });
    const gone = await h.create({ instanceId: ID, onDelete: "disable" });
    const kept = await h.create({ instanceId: "r-keep" });
    const destroy = await h.newHost();
    await destroy.delete(ID, URN, gone.outputs);
    await destroy.delete("r-keep", URN, kept.outputs);
    assert.strictEqual(h.emu.admin.kvstore.get(ID)!.ssl.sslEnabled, false);
    assert.strictEqual(h.emu.admin.kvstore.get(ID)!.pending, undefined, "delete waited");
    assert.deepStrictEqual(
      accepted().map((r) => r.params.SSLEnabled),
      ["Enable", "Disable"],
    );
    assert.strictEqual(h.emu.admin.kvstore.get("r-keep")!.ssl.sslEnabled, true);
    assert.strictEqual(accepted("r-keep").length, 1);
  });

  it("refresh of a deleted instance returns an empty id; deleting it succeeds", async () => {
    const { outputs } = await h.create({ instanceId: ID });
    h.emu.admin.kvstore.delete(ID);
    assert.strictEqual((await h.host.read(ID, URN, outputs)).id, "");
    await h.host.delete(ID, URN, outputs);
  });

  it("a missing instance names the region, endpoint, the cloud's code and request id", async () => {
    const err = await h.create({ instanceId: "r-nowhere" }).then(
      () => assert.fail("expected not found"),
      (e) => e,
    );
    assert.match(
      err.message,
      /alicloud\.redis SSL \(r-nowhere\): instance not found in region cn-hangzhou \(endpoint 127\.0\.0\.1:\d+\): the cloud answered InvalidInstanceId\.NotFound \[RequestId: [0-9A-F-]{36}\]/,
    );
  });

  it("preview with unknown inputs: check passes them, diff reports a change, no cloud call", async () => {
    const { outputs } = await h.create({ instanceId: ID });
    const before = h.emu.admin.log().length;
    const checked = await h.check({ instanceId: ID, sslEnabled: UNKNOWN });
    assert.deepStrictEqual(checked.failures, []);
    assert.strictEqual((await h.host.diff(ID, URN, outputs, checked.inputs)).changes, "some");
    const replace = await h.host.diff(ID, URN, outputs, { ...checked.inputs, instanceId: UNKNOWN });
    assert.deepStrictEqual(replace.replaces, ["instanceId"]);
    assert.strictEqual(h.emu.admin.log().length, before);
  });

  it("survives a throttling burst on every call and sends the Modify once", async () => {
    h.emu.admin.injectFault(
      { action: "DescribeInstanceSSL", kind: "throttle", times: 4, retryAfterMs: 2000 },
      { action: "ModifyInstanceSSL", kind: "throttle", times: 3, retryAfterMs: 2000 },
      { action: "DescribeTaskDetail", kind: "throttle", times: 3, retryAfterMs: 2000 },
      { action: "DescribeInstanceAttribute", kind: "unavailable", times: 2 },
    );
    const { outputs } = await h.create({ instanceId: ID });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(accepted().length, 1);
    assert.strictEqual(h.emu.admin.pendingFaults().length, 0);
  });

  it("a timeout ends in an error that keeps the resource in state, with the task id", async () => {
    h.emu.admin.kvstore.seed({ id: "r-stuck", timing: { durationMs: 3_600_000 } });
    const checked = await h.check({ instanceId: "r-stuck", timeoutMinutes: 5 });
    const err = await h.host.create(URN, checked.inputs).then(
      () => assert.fail("create should time out"),
      (e) => e,
    );
    assert.strictEqual(err.name, "ResourceInitFailedError");
    assert.strictEqual(err.id, "r-stuck");
    assert.strictEqual(err.properties.__provider, h.providerText);
    assert.strictEqual(err.properties.lastAction, "open");
    assert.strictEqual(err.properties.lastTaskId, h.emu.admin.kvstore.tasks("r-stuck")[0].taskId);
    assert.match(
      err.message,
      /alicloud\.redis SSL \(r-stuck\): timed out after 5m00s waiting for SSL enabled/,
    );
    // While the write's task runs, the task is what each poll reads (one call a poll).
    assert.match(err.message, /last state: task \d+ RUNNING/);
  });
});
