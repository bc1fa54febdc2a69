/**
 * Issue 17 item 13: inputs the cloud would reject, or ignore in silence, fail at `check` (so at
 * preview), naming the property and what is allowed. In process and offline.
 */
import * as assert from "assert";
import { lifecycle } from "../../../provider/runtime";
import { makeTestPki, type TestPki } from "../../fixtures/pki";

const failuresOf = async (news: Record<string, unknown>) =>
  (await lifecycle("alicloud.rds").check({}, { instanceId: "rm-1", ...news })).failures ?? [];

const HOST_NAME =
  "connectionString must be a host name (letters, digits and hyphens in dot-separated labels " +
  'of at most 63 characters, such as "rm-uf6wjk5xxxxxxx.mysql.rds.aliyuncs.com")';

describe("alicloud.rds inputs the cloud rejects or ignores (issue 17 item 13)", () => {
  let pki: TestPki;
  before(async () => (pki = await makeTestPki({ now: new Date() })));

  it("connectionString must be a host name: no control characters, ports, paths or IPs", async () => {
    assert.deepStrictEqual(await failuresOf({ connectionString: "rm-1.mysql\n.aliyuncs.com" }), [
      { property: "connectionString", reason: `${HOST_NAME}; got "rm-1.mysql\\n.aliyuncs.com"` },
    ]);
    for (const bad of [
      "rm-1.mysql.rds.aliyuncs.com:3306",
      "https://rm-1",
      "a..b",
      "-a.b",
      "10.0.0.4",
      "a b",
    ]) {
      const [failure, ...rest] = await failuresOf({ connectionString: bad });
      assert.strictEqual(failure?.property, "connectionString", bad);
      assert.ok(failure.reason.startsWith(HOST_NAME), failure.reason);
      assert.deepStrictEqual(rest, [], bad);
    }
    for (const good of ["rm-1.mysql.rds.aliyuncs.com", "pgm-bp1PUB.pg.rds.aliyuncs.com", "c"]) {
      assert.deepStrictEqual(await failuresOf({ connectionString: good }), [], good);
    }
  });

  it('serverCert and serverKey without caType "custom" are refused, not ignored', async () => {
    const cert = { serverCert: pki.serverCertPem, serverKey: pki.serverKeyPem };
    const why = (p: string, caType: string) =>
      `${p} is only used when caType is "custom" (caType is ${caType}, so the cloud would ` +
      `ignore it); set caType: "custom" or remove ${p}`;
    assert.deepStrictEqual(await failuresOf(cert), [
      { property: "serverCert", reason: why("serverCert", "not set (aliyun)") },
      { property: "serverKey", reason: why("serverKey", "not set (aliyun)") },
    ]);
    assert.deepStrictEqual(await failuresOf({ caType: "aliyun", serverKey: pki.serverKeyPem }), [
      { property: "serverKey", reason: why("serverKey", '"aliyun"') },
    ]);
    assert.deepStrictEqual(await failuresOf({ caType: "custom", ...cert }), []);
  });

  it("certificate inputs with sslEnabled: false are refused, naming each", async () => {
    const off = { sslEnabled: false, caType: "custom", serverCert: pki.serverCertPem };
    const why = (p: string) =>
      `${p} has no effect with sslEnabled: false (the cloud keeps no certificate while SSL is ` +
      `off); remove ${p} or set sslEnabled: true`;
    assert.deepStrictEqual(await failuresOf(off), [
      { property: "caType", reason: why("caType") },
      { property: "serverCert", reason: why("serverCert") },
    ]);
    assert.deepStrictEqual(
      await failuresOf({
        sslEnabled: false,
        clientCaEnabled: true,
        clientCaCert: pki.clientCaCertPem,
      }),
      [
        { property: "clientCaEnabled", reason: why("clientCaEnabled") },
        { property: "clientCaCert", reason: why("clientCaCert") },
      ],
    );
    const allowed = { sslEnabled: false, clientCaEnabled: false, connectionString: "rm-1.a.b" };
    assert.deepStrictEqual(await failuresOf(allowed), [], "false flags and the endpoint pass");
  });
});
