/**
 * Issue 17 item 2: a write whose answer is lost is recognised as finished for every input set,
 * not only the default one. Settings the engine does not read back (a custom certificate on
 * MySQL) are compared with what the lost write carried, as after an answered write; before, the
 * watch compared them with nothing, waited the whole timeout, and the next `up` wrote again.
 * Faults fire AFTER the write is applied.
 */
import * as assert from "assert";
import { URN, startRdsHarness, type RdsHarness } from "../../fixtures/provider-harness";
import { makeTestPki, type TestPki } from "../../fixtures/pki";

const MINUTE = 60_000;

describe("alicloud.rds: a lost answer to a custom-certificate write (issue 17.2)", function () {
  let h: RdsHarness;
  let pki: TestPki;
  before(async () => (pki = await makeTestPki()));
  beforeEach(async () => (h = await startRdsHarness()));
  afterEach(() => h.close());

  const applied = () => h.emu.admin.requests("ModifyDBInstanceSSL").filter((r) => r.applied);
  const custom = (id: string) => ({
    instanceId: id,
    caType: "custom",
    serverCert: pki.serverCertPem,
    serverKey: pki.serverKeyPem,
    timeoutMinutes: 20,
  });

  for (const kind of ["reset", "unavailable"] as const) {
    it(`MySQL open with caType custom, answer lost (${kind}): done once, the next up writes nothing`, async () => {
      h.emu.admin.rds.seed({ id: "rm-cust1", engine: "MySQL" });
      h.emu.admin.injectFault({ action: "ModifyDBInstanceSSL", kind, after: true });
      const started = h.emu.clock.now();
      const { outputs } = await h.create(custom("rm-cust1"));
      assert.ok(h.emu.clock.now() - started < 10 * MINUTE, "no waiting for the timeout");
      assert.strictEqual(outputs.sslEnabled, true);
      assert.strictEqual(outputs.lastAction, "open");
      assert.strictEqual(outputs.caType, "custom");
      assert.strictEqual(outputs.serverCert, pki.serverCertPem);
      assert.strictEqual(applied().length, 1);
      assert.strictEqual(applied()[0].params.CAType, "custom");
      // The next `up`: nothing to do, nothing sent.
      const next = await h.newHost();
      const news = (await h.check(custom("rm-cust1"), outputs)).inputs;
      assert.strictEqual((await next.diff("rm-cust1", URN, outputs, news)).changes, "none");
      await next.update("rm-cust1", URN, outputs, news);
      assert.strictEqual(applied().length, 1, "no second write");
    });
  }

  it("PostgreSQL reconfigure to caType custom, answer lost: done once, the settings recorded", async () => {
    h.emu.admin.rds.seed({ id: "pgm-cust1", engine: "PostgreSQL", ssl: { sslEnabled: true } });
    const first = await h.create({ instanceId: "pgm-cust1" });
    h.emu.admin.injectFault({ action: "ModifyDBInstanceSSL", kind: "reset", after: true });
    const news = (await h.check(custom("pgm-cust1"), first.outputs)).inputs;
    const started = h.emu.clock.now();
    const { outputs } = await h.host.update("pgm-cust1", URN, first.outputs, news);
    assert.ok(h.emu.clock.now() - started < 10 * MINUTE, "no waiting for the timeout");
    assert.strictEqual(outputs.lastAction, "reconfigure");
    assert.strictEqual(outputs.caType, "custom");
    assert.strictEqual(outputs.serverKey, pki.serverKeyPem);
    assert.strictEqual(applied().length, 1);
    assert.strictEqual((await h.host.diff("pgm-cust1", URN, outputs, news)).changes, "none");
  });
});
