import * as assert from "assert";
import { URN, startRdsHarness, type RdsHarness } from "../../fixtures/provider-harness";
import { makeTestPki, type TestPki } from "../../fixtures/pki";
import { EMULATOR_SECRET_KEY } from "../../emulator";

const PG = "pgm-custom1";

describe("alicloud.rds custom certificates, credentials and secrets", function () {
  let h: RdsHarness;
  let pki: TestPki;
  before(async () => (pki = await makeTestPki()));
  afterEach(() => h?.close());

  it("a settings change sends only what changed, without SSLEnabled (PostgreSQL reconfigure)", async () => {
    h = await startRdsHarness();
    h.emu.admin.rds.seed({ id: PG, engine: "PostgreSQL" });
    const first = await h.create({ instanceId: PG });
    const news = (
      await h.check({
        instanceId: PG,
        caType: "custom",
        serverCert: pki.serverCertPem,
        serverKey: pki.serverKeyPem,
        clientCaEnabled: true,
        clientCaCert: pki.clientCaCertPem,
        acl: "verify-ca",
      })
    ).inputs;
    const diff = await h.host.diff(PG, URN, first.outputs, news);
    assert.strictEqual(diff.changes, "some");
    const { outputs } = await h.host.update(PG, URN, first.outputs, news);
    const sent = h.emu.admin.requests("ModifyDBInstanceSSL").filter((r) => r.status === 200);
    assert.strictEqual(sent.length, 2);
    // No SSLEnabled: per seed 001 SSLEnabled=1 would reset CAType and renew the certificate.
    assert.deepStrictEqual(sent[1].params, {
      ACL: "verify-ca",
      CAType: "custom",
      ClientCACert: pki.clientCaCertPem,
      ClientCAEnabled: "1",
      ConnectionString: `${PG}.pg.rds.aliyuncs.com`,
      DBInstanceId: PG,
      ServerCert: pki.serverCertPem,
      ServerKey: pki.serverKeyPem,
    });
    assert.strictEqual(outputs.lastAction, "reconfigure");
    assert.strictEqual(outputs.caType, "custom");
    // The key the cloud returns is never kept; the one sent is, as a secret output, so that a
    // refresh keeps it in the inputs (additionalSecretOutputs: resource.test.ts).
    assert.strictEqual(outputs.serverKey, pki.serverKeyPem);
    assert.strictEqual(outputs.acl, "verify-ca");
    // A second diff against what was read back shows nothing left to do.
    const again = await h.host.diff(PG, URN, outputs, news);
    assert.strictEqual(again.changes, "none");
  });

  it("settings a MySQL instance does not accept fail before any write", async () => {
    h = await startRdsHarness();
    h.emu.admin.rds.seed({ id: "rm-my", engine: "MySQL" });
    const err = await h
      .create({ instanceId: "rm-my", clientCaEnabled: true, clientCaCert: pki.clientCaCertPem })
      .then(
        () => assert.fail("expected an error"),
        (e) => e,
      );
    assert.match(
      err.message,
      /alicloud\.rds SSL \(rm-my\): clientCaEnabled cannot be set on a MySQL instance \(ModifyDBInstanceSSL accepts it only on PostgreSQL\); clientCaCert cannot be set on a MySQL instance .*; nothing was changed/,
    );
    assert.strictEqual(err.name, "Error"); // a plain gRPC error: nothing was sent, nothing kept
    assert.strictEqual(h.emu.admin.requests("ModifyDBInstanceSSL").length, 0);
  });

  it("wrong credentials give a clear error that names the instance and no secret", async () => {
    h = await startRdsHarness({
      config: { "alicloud:secretKey": { secret: "not-the-secret-key" } },
    });
    h.emu.admin.rds.seed({ id: "rm-cred", engine: "MySQL" });
    const err = await h.create({ instanceId: "rm-cred" }).then(
      () => assert.fail("expected an error"),
      (e) => e,
    );
    assert.match(
      err.message,
      /alicloud\.rds SSL \(rm-cred\): DescribeDBInstanceAttribute failed: SignatureDoesNotMatch: .*\[RequestId: [0-9A-F-]{36}\]/,
    );
    assert.match(err.message, /check alicloud:accessKey \/ alicloud:secretKey/);
    assert.ok(!err.message.includes("not-the-secret-key"));
    assert.ok(!h.host.logs.join("\n").includes("not-the-secret-key"));
  });

  it("no secret in __provider, error messages or host logs", async () => {
    h = await startRdsHarness();
    h.emu.admin.rds.seed({ id: PG, engine: "PostgreSQL" });
    await h.create({
      instanceId: PG,
      caType: "custom",
      serverCert: pki.serverCertPem,
      serverKey: pki.serverKeyPem,
    });
    const keyBody = pki.serverKeyPem.split("\n")[1];
    for (const text of [h.providerText, h.host.logs.join("\n")]) {
      assert.ok(!text.includes(EMULATOR_SECRET_KEY), "access key secret leaked");
      assert.ok(!text.includes(keyBody), "private key leaked");
    }
    assert.ok(!JSON.stringify(h.emu.admin.log()).includes(keyBody), "emulator log not redacted");
  });
});
