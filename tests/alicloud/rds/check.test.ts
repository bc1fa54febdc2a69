import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { lifecycle } from "../../../provider/runtime";
import { UNKNOWN } from "../../../provider/core/validation/check-failure";
import { makeTestPki, type TestPki } from "../../fixtures/pki";
import { startRdsHarness, type RdsHarness } from "../../fixtures/provider-harness";

const rds = () => lifecycle("alicloud.rds");
const RDS_ID =
  'an ApsaraDB RDS instance id: "rm-", "rr-", "pgm-", "pgr-" or "mr-" followed by lowercase ' +
  'letters and digits, such as "rm-uf6wjk5xxxxxxx"';
const ALIBABA_REGION =
  "an Alibaba Cloud region id where RDS, MongoDB and Tair are offered (one of the 70 ids of the " +
  `SDKs' endpoint maps), such as "cn-hangzhou" or "ap-southeast-1"`;
const failuresOf = async (news: Record<string, unknown>) =>
  (await rds().check({}, { instanceId: "rm-1", ...news })).failures ?? [];

describe("alicloud.rds check (offline validation)", () => {
  let pki: TestPki;
  before(async () => (pki = await makeTestPki({ now: new Date() })));

  it("applies defaults", async () => {
    const { inputs, failures } = await rds().check({}, { instanceId: "rm-1" });
    assert.deepStrictEqual(failures, []);
    assert.deepStrictEqual(inputs, {
      instanceId: "rm-1",
      region: "cn-hangzhou",
      sslEnabled: true,
      onDelete: "retain", // removing a declaration never weakens encryption (issue 17 item 16)
    });
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
      { property: "instanceId", reason: `instanceId must be ${RDS_ID}; got ""` },
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

describe("alicloud.rds check through the dynamic-provider host", () => {
  let h: RdsHarness;
  let pki: TestPki;
  before(async () => {
    h = await startRdsHarness();
    pki = await makeTestPki({ now: new Date() });
  });
  after(() => h.close());
  const failures = async (inputs: Record<string, unknown>) =>
    (await h.check({ instanceId: "rm-1", ...inputs })).failures;

  it("refuses an instance id or region outside Alibaba's formats, on one printable line", async () => {
    const forged = "rm-1\n[dbssl] rm-2: ok";
    assert.deepStrictEqual(await failures({ instanceId: forged, region: "x@127.0.0.1:1/" }), [
      {
        property: "instanceId",
        reason: `instanceId must be ${RDS_ID}; got "rm-1\\n[dbssl] rm-2: ok"`,
      },
      {
        property: "region",
        reason: `region must be ${ALIBABA_REGION}; got "x@127.0.0.1:1/"`,
      },
    ]);
    for (const id of ["rm-uf6wjk5xxxxxxx", "pgm-bp1abc", "rr-2ze0", "pgr-x1", "rm-demo-mysql"]) {
      assert.deepStrictEqual(await failures({ instanceId: id }), [], id);
    }
    for (const region of ["ap-southeast-1", "cn-shanghai-finance-1", "cn-north-2-gov-1"]) {
      assert.deepStrictEqual(await failures({ region }), [], region);
    }
    for (const id of ["RM-1", "i-bp1", "rm-1/../x", "rm-", "rm-1 "]) {
      assert.strictEqual((await failures({ instanceId: id }))[0]?.property, "instanceId", id);
    }
    assert.strictEqual((await failures({ region: "cn-hangzhou.evil.com" }))[0]?.property, "region");
    assert.ok(h.emu.admin.log().length === 0, "check sent nothing");
  });

  it("refuses an unknown input key, suggesting the closest name", async () => {
    const [failure, ...rest] = await failures({ caTpye: "custom" });
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(failure.property, "caTpye");
    assert.match(
      failure.reason,
      /^"caTpye" is not an input of this resource; did you mean `caType`\? Allowed inputs: acl, caType, /,
    );
    assert.match(failure.reason, /, timeoutMinutes, tlsVersion$/);
    const [far] = await failures({ colour: "blue" });
    assert.match(far.reason, /^"colour" is not an input of this resource\. Allowed inputs: /);
    const [lower] = await failures({ renewbeforedays: 30 });
    assert.match(lower.reason, /; did you mean `renewBeforeDays`\? /);
  });

  it("caps renewBeforeDays well below the one-year certificate lifetime, saying why", async () => {
    assert.deepStrictEqual(await failures({ renewBeforeDays: 180 }), []);
    assert.deepStrictEqual(await failures({ renewBeforeDays: 365 }), [
      {
        property: "renewBeforeDays",
        reason:
          "renewBeforeDays must be an integer from 1 to 180 (cloud certificates are valid for one " +
          "year, so a longer window would renew on every up); got 365",
      },
    ]);
  });

  it("refuses renewal settings on a custom certificate, which the cloud cannot renew", async () => {
    const custom = { caType: "custom", serverCert: pki.serverCertPem, serverKey: pki.serverKeyPem };
    const reason = (p: string) =>
      `${p} cannot be used with caType "custom": the cloud cannot renew a custom certificate; ` +
      "renew it by setting a new serverCert and serverKey";
    assert.deepStrictEqual(
      await failures({ ...custom, rotateTrigger: "2026-11", renewBeforeDays: 30 }),
      [
        { property: "rotateTrigger", reason: reason("rotateTrigger") },
        { property: "renewBeforeDays", reason: reason("renewBeforeDays") },
      ],
    );
    assert.deepStrictEqual(await failures({ caType: "aliyun", rotateTrigger: "2026-11" }), []);
  });

  it("refuses a client CA that is not a CA and a CRL from another CA", async () => {
    const pg = { clientCaEnabled: true, clientCrlEnabled: true };
    assert.deepStrictEqual(
      await failures({
        ...pg,
        clientCaCert: pki.clientCaCertPem,
        clientCertRevocationList: pki.crlPem,
      }),
      [],
    );
    const wrong = await failures({
      ...pg,
      clientCaCert: pki.caCertPem,
      clientCertRevocationList: pki.crlPem,
    });
    assert.deepStrictEqual(wrong, [
      {
        property: "clientCertRevocationList",
        reason: "clientCertRevocationList was not issued by the CA in clientCaCert",
      },
    ]);
    const leaf = await failures({
      ...pg,
      clientCaCert: pki.serverCertPem,
      clientCertRevocationList: pki.crlPem,
    });
    assert.deepStrictEqual(
      leaf.map((f) => f.property),
      ["clientCaCert"],
    );
    assert.match(
      leaf[0].reason,
      /^clientCaCert is not a CA certificate: it lacks basicConstraints cA=TRUE/,
    );
  });

  it("shows NaN as NaN and says 'an object'", async () => {
    const direct = await rds().check({}, { instanceId: "rm-1", timeoutMinutes: NaN });
    assert.deepStrictEqual(direct.failures, [
      {
        property: "timeoutMinutes",
        reason: "timeoutMinutes must be a number from 1 to 1440; got NaN",
      },
    ]);
    const [big] = await failures({ tlsVersion: { version: "1.2", comment: "x".repeat(40) } });
    assert.match(big.reason, /; got an object of \d+ characters$/);
  });
});
