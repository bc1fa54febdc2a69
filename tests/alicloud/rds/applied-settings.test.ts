/**
 * Issue 6 items 1.2, 1.3, 1.8 and 1.9 through the real dynamic-provider host: settings the cloud
 * does not echo are compared with what was last sent, settings changes send only what changed,
 * outputs never claim a value that was neither read nor sent, and no perpetual diffs.
 */
import * as assert from "assert";
import { makeTestPki, type TestPki } from "../../fixtures/pki";
import { URN, startRdsHarness, type RdsHarness } from "../../fixtures/provider-harness";

type Props = Record<string, unknown>;

describe("alicloud.rds: applied settings, reconfigure and perpetual diffs (issue 6)", function () {
  let h: RdsHarness;
  let pki: TestPki;
  let other: TestPki;
  before(async () => {
    pki = await makeTestPki({ commonName: "orders.example.com" });
    other = await makeTestPki({ commonName: "orders-2027.example.com" });
  });
  beforeEach(async () => (h = await startRdsHarness()));
  afterEach(() => h.close());

  const accepted = (id: string) =>
    h.emu.admin
      .requests("ModifyDBInstanceSSL")
      .filter((r) => r.status === 200 && r.params.DBInstanceId === id);
  const update = async (id: string, olds: Props, inputs: Props) => {
    const news = (await h.check(inputs)).inputs;
    return { diff: await h.host.diff(id, URN, olds, news), news };
  };

  it("MySQL: a new custom certificate (not echoed by the cloud) is sent, and outputs show it", async () => {
    const id = "rm-custom";
    h.emu.admin.rds.seed({ id, engine: "MySQL", ssl: { sslEnabled: true } });
    const custom = (p: TestPki) => ({
      instanceId: id,
      caType: "custom",
      serverCert: p.serverCertPem,
      serverKey: p.serverKeyPem,
    });
    const first = await h.create(custom(pki));
    assert.strictEqual(accepted(id).length, 1, "declared but never sent: sent now");
    assert.strictEqual(first.outputs.serverCert, pki.serverCertPem);
    assert.strictEqual(first.outputs.certificateCommonName, "orders.example.com");
    const { diff, news } = await update(id, first.outputs, custom(other));
    assert.strictEqual(diff.changes, "some");
    const { outputs } = await h.host.update(id, URN, first.outputs, news);
    const sent = accepted(id).at(-1)!.params;
    assert.deepStrictEqual(Object.keys(sent).sort(), [
      "CAType",
      "ConnectionString",
      "DBInstanceId",
      "ServerCert",
      "ServerKey",
    ]);
    assert.strictEqual(sent.ServerCert, other.serverCertPem);
    assert.strictEqual(outputs.serverCert, other.serverCertPem);
    assert.strictEqual(outputs.certificateCommonName, "orders-2027.example.com");
    assert.strictEqual((await update(id, outputs, custom(other))).diff.changes, "none");
  });

  it("a settings change sends only that setting and keeps the certificate (no SSLEnabled)", async () => {
    const id = "pgm-acl";
    h.emu.admin.rds.seed({ id, engine: "PostgreSQL", ssl: { sslEnabled: true } });
    const declared = (acl: string) => ({
      instanceId: id,
      clientCaEnabled: true,
      clientCaCert: pki.clientCaCertPem,
      acl,
    });
    const first = await h.create(declared("cert"));
    const { news } = await update(id, first.outputs, declared("verify-ca"));
    const { outputs } = await h.host.update(id, URN, first.outputs, news);
    assert.deepStrictEqual(accepted(id).at(-1)!.params, {
      ACL: "verify-ca",
      ConnectionString: `${id}.pg.rds.aliyuncs.com`,
      DBInstanceId: id,
    });
    assert.strictEqual(outputs.lastAction, "reconfigure");
    assert.strictEqual(outputs.acl, "verify-ca");
    assert.strictEqual(outputs.certificateExpiresAt, first.outputs.certificateExpiresAt);
    assert.strictEqual(h.emu.admin.rds.get(id)!.ssl.caType, "aliyun");
  });

  it("re-wrapped PEMs and a leaf-only answer for a declared chain show no diff", async () => {
    const id = "pgm-chain";
    h.emu.admin.rds.seed({ id, engine: "PostgreSQL" });
    const inputs = {
      instanceId: id,
      caType: "custom",
      serverCert: pki.serverChainPem,
      serverKey: pki.serverKeyPem,
      clientCaEnabled: true,
      clientCaCert: pki.clientCaCertPem,
    };
    const { outputs } = await h.create(inputs);
    // The cloud folds the base64 at 76 columns, uses CRLF and returns only the leaf.
    assert.notStrictEqual(outputs.serverCert, pki.serverChainPem);
    assert.strictEqual((await update(id, outputs, inputs)).diff.changes, "none");
    const refreshed = await h.host.read(id, URN, outputs);
    assert.strictEqual((await update(id, refreshed.outputs, inputs)).diff.changes, "none");
    assert.strictEqual(accepted(id).length, 1);
  });

  it("refresh keeps the write-only serverKey in the inputs, so it never shows as drift", async () => {
    const id = "pgm-key";
    h.emu.admin.rds.seed({ id, engine: "PostgreSQL" });
    const inputs = {
      instanceId: id,
      caType: "custom",
      serverCert: pki.serverCertPem,
      serverKey: pki.serverKeyPem,
    };
    const { outputs } = await h.create(inputs);
    const read = await h.host.read(id, URN, outputs);
    assert.strictEqual(read.inputs?.serverKey, pki.serverKeyPem);
    const again = await h.host.read(id, URN, read.outputs);
    assert.deepStrictEqual(again.inputs, read.inputs);
  });

  it("sslEnabled: false with a connectionString: no perpetual diff", async () => {
    const id = "rm-off";
    h.emu.admin.rds.seed({ id, engine: "MySQL", ssl: { sslEnabled: true } });
    const inputs = {
      instanceId: id,
      sslEnabled: false,
      connectionString: `${id}pub.mysql.rds.aliyuncs.com`,
    };
    const { outputs } = await h.create(inputs);
    assert.strictEqual(outputs.sslEnabled, false);
    assert.strictEqual((await update(id, outputs, inputs)).diff.changes, "none");
  });

  it("a timed-out renewal keeps the old rotateTrigger in state, so the next up asks again", async () => {
    const id = "rm-renew";
    h.emu.admin.rds.seed({
      id,
      engine: "MySQL",
      ssl: { sslEnabled: true },
      timing: { durationMs: 3 * 3600_000 },
    });
    const first = await h.create({ instanceId: id, rotateTrigger: "2026-01" });
    const { news } = await update(id, first.outputs, {
      instanceId: id,
      rotateTrigger: "2026-11",
      timeoutMinutes: 10,
    });
    const err = await h.host.update(id, URN, first.outputs, news).then(
      () => assert.fail("expected a timeout"),
      (e) => e,
    );
    assert.strictEqual(err.name, "ResourceInitFailedError");
    assert.strictEqual(err.properties.rotateTrigger, "2026-01");
    const retry = await h.host.diff(id, URN, err.properties, news);
    assert.strictEqual(retry.changes, "some");
  });

  it("a missing instance names the region, the endpoint, the cloud's code and request id", async () => {
    const err = await h.create({ instanceId: "rm-nowhere" }).then(
      () => assert.fail("expected not found"),
      (e) => e,
    );
    assert.match(
      err.message,
      /alicloud\.rds SSL \(rm-nowhere\): instance not found in region cn-hangzhou \(endpoint 127\.0\.0\.1:\d+\): the cloud answered InvalidDBInstanceId\.NotFound \[RequestId: [0-9A-F-]{36}\]\. Check instanceId and region/,
    );
  });
});
