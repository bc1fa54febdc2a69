import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { lifecycle } from "../../../provider/runtime";
import { UNKNOWN } from "../../../provider/core/check-failure";
import { makeTestPki, type TestPki } from "../../fixtures/pki";

const rds = () => lifecycle("alicloud.rds");
const failuresOf = async (news: Record<string, unknown>) =>
  (await rds().check({}, { instanceId: "rm-1", ...news })).failures ?? [];

describe("alicloud.rds check (offline validation)", () => {
  let pki: TestPki;
  before(async () => (pki = await makeTestPki({ now: new Date() })));

  it("applies defaults", async () => {
    const { inputs, failures } = await rds().check({}, { instanceId: "rm-1" });
    assert.deepStrictEqual(failures, []);
    assert.deepStrictEqual(inputs, { instanceId: "rm-1", sslEnabled: true, onDelete: "disable" });
  });

  it("names the property and the allowed values", async () => {
    assert.deepStrictEqual(
      await failuresOf({ caType: "selfsigned", tlsVersion: "1.3", onDelete: "keep" }),
      [
        { property: "onDelete", reason: 'onDelete must be one of "disable", "retain"; got "keep"' },
        {
          property: "caType",
          reason: 'caType must be one of "aliyun", "custom"; got "selfsigned"',
        },
        {
          property: "tlsVersion",
          reason: 'tlsVersion must be one of "1.0", "1.1", "1.2"; got "1.3"',
        },
      ],
    );
    assert.deepStrictEqual(await failuresOf({ instanceId: "" }), [
      { property: "instanceId", reason: "instanceId must be a non-empty string" },
    ]);
    assert.deepStrictEqual(
      await failuresOf({ acl: "perfer", clientCaEnabled: true, clientCaCert: pki.clientCaCertPem }),
      [
        {
          property: "acl",
          reason: 'acl must be one of "cert", "prefer", "verify-ca", "verify-full"; got "perfer"',
        },
      ],
    );
  });

  it("rejects what the cloud's error codes reject", async () => {
    assert.deepStrictEqual(await failuresOf({ caType: "custom" }), [
      { property: "serverCert", reason: 'serverCert is required when caType is "custom"' },
      { property: "serverKey", reason: 'serverKey is required when caType is "custom"' },
    ]);
    assert.deepStrictEqual(
      await failuresOf({ clientCrlEnabled: true, clientCertRevocationList: pki.crlPem }),
      [
        {
          property: "clientCrlEnabled",
          reason: "clientCrlEnabled requires clientCaEnabled: true (client CA)",
        },
        {
          property: "clientCertRevocationList",
          reason: "clientCertRevocationList requires clientCaEnabled: true (client CA)",
        },
      ],
    );
    assert.deepStrictEqual(await failuresOf({ acl: "cert" }), [
      { property: "acl", reason: "acl requires clientCaEnabled: true (client CA)" },
    ]);
  });

  it("parses certificates, keys and CRLs", async () => {
    const custom = { caType: "custom", serverCert: pki.serverCertPem, serverKey: pki.serverKeyPem };
    assert.deepStrictEqual(await failuresOf(custom), []);
    const mismatch = await failuresOf({ ...custom, serverKey: pki.otherKeyPem });
    assert.deepStrictEqual(mismatch, [
      { property: "serverKey", reason: "serverKey does not match the certificate in serverCert" },
    ]);
    const expired = await failuresOf({ ...custom, serverCert: pki.expiredCertPem });
    assert.strictEqual(expired[0].property, "serverCert");
    assert.match(expired[0].reason, /^serverCert expired on /);
    const garbage = await failuresOf({
      clientCaEnabled: true,
      clientCaCert: pki.clientCaCertPem,
      clientCrlEnabled: true,
      clientCertRevocationList: "-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----",
    });
    assert.strictEqual(garbage[0].property, "clientCertRevocationList");
    for (const f of [...mismatch, ...expired, ...garbage]) assert.ok(!f.reason.includes("BEGIN"));
  });

  it("lets unknown values through (preview)", async () => {
    assert.deepStrictEqual(
      await failuresOf({
        caType: UNKNOWN,
        serverCert: UNKNOWN,
        serverKey: UNKNOWN,
        acl: UNKNOWN,
        clientCaEnabled: UNKNOWN,
      }),
      [],
    );
  });

  it("check and diff load no cloud SDK and open no connection", () => {
    const runtime = path.join(__dirname, "../../../provider/runtime.js");
    const script = `
      const net = require("net"); const http = require("http");
      net.Socket.prototype.connect = () => { throw new Error("network call during check/diff"); };
      const rds = require(${JSON.stringify(runtime)}).lifecycle("alicloud.rds");
      (async () => {
        const { inputs } = await rds.check({}, { instanceId: "rm-1", sslEnabled: false });
        const d = await rds.diff("rm-1", { instanceId: "rm-1", sslEnabled: true }, inputs);
        const sdk = Object.keys(require.cache).filter((k) => /@alicloud|tencentcloud/.test(k));
        console.log(JSON.stringify({ changes: d.changes, sdk }));
      })();`;
    const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
    assert.deepStrictEqual(out, { changes: true, sdk: [] });
  });
});
