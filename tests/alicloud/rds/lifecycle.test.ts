import * as assert from "assert";
import { UNKNOWN } from "../../engine/host";
import { URN, startRdsHarness, waitForLog, type RdsHarness } from "../../fixtures/provider-harness";

const MYSQL = "rm-mysql1";

describe("alicloud.rds DbSslConfig lifecycle (dynamic-provider host + emulator)", function () {
  let h: RdsHarness;
  beforeEach(async () => {
    h = await startRdsHarness();
    h.emu.admin.rds.seed({ id: MYSQL, engine: "MySQL" });
  });
  afterEach(() => h.close());

  const modifies = (id = MYSQL) =>
    h.emu.admin
      .requests("ModifyDBInstanceSSL")
      .filter((r) => r.params.DBInstanceId === id && r.status === 200);

  it("create enables SSL with one Modify, waits, and reports the live state", async () => {
    const { id, outputs } = await h.create({ instanceId: MYSQL });
    assert.strictEqual(id, MYSQL);
    const sent = modifies();
    assert.strictEqual(sent.length, 1);
    assert.deepStrictEqual(sent[0].params, {
      ConnectionString: `${MYSQL}.mysql.rds.aliyuncs.com`,
      DBInstanceId: MYSQL,
      SSLEnabled: "1",
    });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(outputs.lastAction, "open");
    assert.match(String(outputs.certificateExpiresAt), /^\d{4}-\d\d-\d\dT/);
    const live = h.emu.admin.rds.get(MYSQL)!;
    assert.strictEqual(live.status, "Running");
    assert.strictEqual(live.ssl.sslEnabled, true);
  });

  it("create on an instance already in the desired state sends no Modify", async () => {
    h.emu.admin.rds.setSsl(MYSQL, { sslEnabled: true });
    const { outputs } = await h.create({ instanceId: MYSQL });
    assert.strictEqual(modifies().length, 0);
    assert.strictEqual(outputs.sslEnabled, true);
  });

  it("the waiter is not fooled by the lag before the instance leaves Running", async () => {
    h.emu.admin.rds.seed({
      id: "rm-slow",
      engine: "MySQL",
      timing: { lagMs: 120_000, durationMs: 300_000 },
    });
    const { outputs } = await h.create({ instanceId: "rm-slow" });
    assert.strictEqual(outputs.sslEnabled, true);
    const live = h.emu.admin.rds.get("rm-slow")!;
    assert.strictEqual(live.ssl.sslEnabled, true);
    assert.strictEqual(live.status, "Running");
    assert.strictEqual(modifies("rm-slow").length, 1);
    // Polls saw the instance while it was still Running (the task center showing the change
    // pending), and went on waiting.
    assert.ok(h.emu.admin.counts().DescribeHistoryTasks >= 3);
  });

  it("a changed rotateTrigger sends the Update (SSLEnabled=1 again) and renews the certificate", async () => {
    const first = await h.create({ instanceId: MYSQL, rotateTrigger: "2026-01" });
    const olds = first.outputs;
    const news = (await h.check({ instanceId: MYSQL, rotateTrigger: "2026-11" })).inputs;
    const diff = await h.host.diff(MYSQL, URN, olds, news);
    assert.strictEqual(diff.changes, "some");
    assert.deepStrictEqual(diff.replaces, []);
    const { outputs } = await h.host.update(MYSQL, URN, olds, news);
    assert.strictEqual(modifies().length, 2);
    assert.strictEqual(modifies()[1].params.SSLEnabled, "1");
    assert.strictEqual(outputs.lastAction, "update");
    assert.ok(
      Date.parse(String(outputs.certificateExpiresAt)) >
        Date.parse(String(olds.certificateExpiresAt)),
    );
  });

  it("SQL Server renews with SSLEnabled=2", async () => {
    h.emu.admin.rds.seed({ id: "rm-mssql", engine: "SQLServer", ssl: { sslEnabled: true } });
    const first = await h.create({ instanceId: "rm-mssql", rotateTrigger: "a", tlsVersion: "1.2" });
    const news = (await h.check({ instanceId: "rm-mssql", rotateTrigger: "b", tlsVersion: "1.2" }))
      .inputs;
    await h.host.update("rm-mssql", URN, first.outputs, news);
    const last = modifies("rm-mssql").at(-1)!;
    assert.strictEqual(last.params.SSLEnabled, "2");
    assert.strictEqual(last.params.TlsVersion, "1.2");
  });

  it("refresh reports an out-of-band disable, and the next diff shows the change", async () => {
    const { outputs } = await h.create({ instanceId: MYSQL });
    h.emu.admin.rds.setSsl(MYSQL, { sslEnabled: false });
    const read = await h.host.read(MYSQL, URN, outputs, { instanceId: MYSQL });
    assert.strictEqual(read.id, MYSQL);
    assert.strictEqual(read.outputs.sslEnabled, false);
    // Inputs keep the keys the resource was checked with, live values in place: only the drift shows.
    assert.deepStrictEqual(read.inputs, {
      __provider: h.providerText,
      instanceId: MYSQL,
      onDelete: "retain",
      region: "cn-hangzhou",
      sslEnabled: false,
    });
    // A second refresh keeps the same input keys (the declared ones, not every output).
    const again = await h.host.read(MYSQL, URN, read.outputs);
    assert.deepStrictEqual(
      Object.keys(again.inputs ?? {}).sort(),
      Object.keys(read.inputs ?? {}).sort(),
    );
    const news = (await h.check({ instanceId: MYSQL })).inputs;
    const diff = await h.host.diff(MYSQL, URN, read.outputs, news);
    assert.strictEqual(diff.changes, "some");
    assert.ok(
      await waitForLog(h.host, `alicloud.rds ${MYSQL}: applying this change restarts the instance`),
      "the preview says the change restarts the instance",
    );
    const up = await h.host.update(MYSQL, URN, read.outputs, news);
    assert.strictEqual(up.outputs.sslEnabled, true);
    assert.strictEqual(modifies().length, 2);
  });

  it("refresh of a deleted instance returns an empty id", async () => {
    const { outputs } = await h.create({ instanceId: MYSQL });
    h.emu.admin.rds.delete(MYSQL);
    const read = await h.host.read(MYSQL, URN, outputs);
    assert.strictEqual(read.id, "");
  });

  it('delete disables SSL with onDelete "disable"; the default (retain) leaves it on', async () => {
    h.emu.admin.rds.seed({ id: "rm-keep", engine: "MySQL" });
    const gone = await h.create({ instanceId: MYSQL, onDelete: "disable" });
    const kept = await h.create({ instanceId: "rm-keep" });
    assert.strictEqual(kept.outputs.onDelete, "retain");
    // `pulumi destroy` runs in a provider process of its own (this one created both instances).
    const destroy = await h.newHost();
    await destroy.delete(MYSQL, URN, gone.outputs);
    await destroy.delete("rm-keep", URN, kept.outputs);
    assert.strictEqual(h.emu.admin.rds.get(MYSQL)!.ssl.sslEnabled, false);
    assert.strictEqual(modifies().at(-1)!.params.SSLEnabled, "0");
    assert.strictEqual(h.emu.admin.rds.get("rm-keep")!.ssl.sslEnabled, true);
    assert.strictEqual(modifies("rm-keep").length, 1);
    assert.ok(
      destroy.logs.some((l) =>
        l.includes(`${MYSQL}: turning SSL off (onDelete "disable"); this restarts the instance`),
      ),
      destroy.logs.join("\n"),
    );
  });

  it("delete of an instance that no longer exists succeeds", async () => {
    const { outputs } = await h.create({ instanceId: MYSQL });
    h.emu.admin.rds.delete(MYSQL);
    await h.host.delete(MYSQL, URN, outputs);
  });

  it("preview with unknown inputs: check passes them, diff reports a change, no cloud call", async () => {
    const { outputs } = await h.create({ instanceId: MYSQL });
    const before = h.emu.admin.log().length;
    const checked = await h.check({ instanceId: MYSQL, sslEnabled: UNKNOWN, tlsVersion: UNKNOWN });
    assert.deepStrictEqual(checked.failures, []);
    assert.strictEqual(checked.inputs.sslEnabled, UNKNOWN);
    const diff = await h.host.diff(MYSQL, URN, outputs, checked.inputs);
    assert.strictEqual(diff.changes, "some");
    const replace = await h.host.diff(MYSQL, URN, outputs, {
      ...checked.inputs,
      instanceId: UNKNOWN,
    });
    assert.deepStrictEqual(replace.replaces, ["instanceId"]);
    assert.strictEqual(h.emu.admin.log().length, before);
  });

  it("survives a throttling burst and sends the Modify once", async () => {
    h.emu.admin.injectFault(
      { action: "DescribeDBInstanceSSL", kind: "throttle", times: 4, retryAfterMs: 2000 },
      { action: "ModifyDBInstanceSSL", kind: "throttle", times: 3, retryAfterMs: 2000 },
      { action: "DescribeDBInstanceAttribute", kind: "unavailable", times: 2 },
    );
    const { outputs } = await h.create({ instanceId: MYSQL });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(modifies().length, 1);
    assert.strictEqual(h.emu.admin.pendingFaults().length, 0);
  });

  it("a lost Modify answer is checked by reading before anything is resent", async () => {
    h.emu.admin.injectFault({ action: "ModifyDBInstanceSSL", kind: "internal", times: 1 });
    const { outputs } = await h.create({ instanceId: MYSQL });
    assert.strictEqual(outputs.sslEnabled, true);
    // The 500 answer did not say whether it ran: it had not, so one more Modify went out.
    assert.strictEqual(h.emu.admin.requests("ModifyDBInstanceSSL").length, 2);
  });

  it("a timeout ends in an error that keeps the resource in state", async () => {
    h.emu.admin.rds.seed({
      id: "rm-stuck",
      engine: "MySQL",
      timing: { lagMs: 1000, durationMs: 3_600_000 },
    });
    const checked = await h.check({ instanceId: "rm-stuck", timeoutMinutes: 5 });
    const err = await h.host.create(URN, checked.inputs).then(
      () => assert.fail("create should time out"),
      (e) => e,
    );
    assert.strictEqual(err.name, "ResourceInitFailedError");
    assert.strictEqual(err.id, "rm-stuck");
    assert.strictEqual(err.properties.__provider, h.providerText);
    assert.strictEqual(err.properties.lastAction, "open");
    assert.match(
      err.message,
      /alicloud\.rds SSL \(rm-stuck\): timed out after 5m00s waiting for SSL enabled/,
    );
    assert.match(err.message, /last state: SSL_MODIFYING/);
  });
});
