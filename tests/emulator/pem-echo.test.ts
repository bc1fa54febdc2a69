import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { makeTestPki, type TestPki } from "../fixtures/pki";
import { echoPem } from "./alibaba/pem-echo";
import { startEmulator, type Emulator, type PemEcho } from "./index";
import { describeSsl, modifySsl, rdsClient } from "./rds-sdk-client";

/** The DER bytes of each PEM block, whatever its wrapping. */
function ders(pem: string): Buffer[] {
  return [...pem.matchAll(/-----BEGIN [A-Z0-9 ]+-----([A-Za-z0-9+/=\s]*?)-----END/g)].map((m) =>
    Buffer.from(m[1].replace(/\s+/g, ""), "base64"),
  );
}

describe("emulator: DescribeDBInstanceSSL gives PEMs back re-wrapped", () => {
  let emu: Emulator;
  let pki: TestPki;
  before(async () => {
    pki = await makeTestPki();
  });
  beforeEach(async () => {
    emu = await startEmulator({ timing: { lagMs: 0, durationMs: 1000 } });
  });
  afterEach(() => emu.close());

  async function customRead(pemEcho?: Partial<PemEcho>) {
    emu.admin.rds.seed({ id: "pgm-p", engine: "PostgreSQL", pemEcho });
    await modifySsl(rdsClient(emu), {
      DBInstanceId: "pgm-p",
      connectionString: "pgm-p.pg.rds.aliyuncs.com",
      SSLEnabled: 1,
      CAType: "custom",
      serverCert: pki.serverChainPem,
      serverKey: pki.serverKeyPem,
      clientCAEnabled: 1,
      clientCACert: pki.clientCaCertPem,
      clientCrlEnabled: 1,
      clientCertRevocationList: pki.crlPem,
    });
    emu.clock.advanceBy(1000);
    return (await describeSsl(rdsClient(emu), "pgm-p")).body;
  }

  it("by default: the leaf only, base64 folded at 76 columns, CRLF line ends; same DER", async () => {
    const ssl = await customRead();
    const cert = ssl?.serverCert ?? "";
    assert.notEqual(cert, pki.serverChainPem);
    assert.equal(cert.match(/-----BEGIN CERTIFICATE-----/g)?.length, 1, "the chain lost its CA");
    assert.doesNotMatch(cert.replace(/\r\n/g, ""), /[\r\n]/, "every line ends with CRLF");
    const lines = cert.split("\r\n").filter((l) => !l.startsWith("-----") && l !== "");
    assert.ok(
      lines.slice(0, -1).every((l) => l.length === 76),
      "folded at 76",
    );
    assert.ok(new X509Certificate(pki.serverCertPem).raw.equals(ders(cert)[0]), "the leaf's DER");
    assert.deepEqual(ders(ssl?.clientCACert ?? ""), ders(pki.clientCaCertPem));
    assert.notEqual(ssl?.clientCertRevocationList, pki.crlPem);
    assert.deepEqual(ders(ssl?.clientCertRevocationList ?? ""), ders(pki.crlPem));
    assert.deepEqual(ders(ssl?.serverKey ?? ""), ders(pki.serverKeyPem));
  });

  it("oneLine: no line break anywhere, as in the SDK's examples", async () => {
    const ssl = await customRead({ wrap: "oneLine", chain: "full" });
    const cert = ssl?.serverCert ?? "";
    assert.doesNotMatch(cert, /[\r\n]/);
    assert.match(cert, /^-----BEGIN CERTIFICATE-----MII[A-Za-z0-9+/=]+-----END CERTIFICATE-----/);
    assert.deepEqual(ders(cert), ders(pki.serverChainPem), "both certificates, same DER");
  });

  it("asSent with the full chain gives back the text as sent", async () => {
    const ssl = await customRead({ wrap: "asSent", chain: "full" });
    assert.equal(ssl?.serverCert, pki.serverChainPem);
    assert.equal(ssl?.clientCertRevocationList, pki.crlPem);
  });

  it("setPemEcho changes the wrapping of an existing instance", async () => {
    await customRead({ wrap: "asSent", chain: "full" });
    emu.admin.rds.setPemEcho("pgm-p", { wrap: "fold64", lineEnding: "lf", chain: "leafOnly" });
    const cert = (await describeSsl(rdsClient(emu), "pgm-p")).body?.serverCert ?? "";
    assert.equal(cert, pki.serverCertPem.replace(/\r\n/g, "\n").trimEnd() + "\n");
    assert.throws(() => emu.admin.rds.setPemEcho("pgm-p", { wrap: "fold80" as "fold76" }), /wrap/);
  });

  it("echoPem leaves text without PEM blocks alone and drops only extra CERTIFICATE blocks", () => {
    const echo: PemEcho = { wrap: "fold76", lineEnding: "lf", chain: "leafOnly" };
    assert.equal(echoPem("not a pem", echo), "not a pem");
    assert.equal(echoPem("", echo), "");
    assert.equal(echoPem(undefined, echo), undefined);
    const keyAndCert = `${pki.serverKeyPem}${pki.serverCertPem}${pki.caCertPem}`;
    assert.deepEqual(ders(echoPem(keyAndCert, echo) ?? ""), [
      ...ders(pki.serverKeyPem),
      ...ders(pki.serverCertPem),
    ]);
  });
});
