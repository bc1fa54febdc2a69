/**
 * PEM reading: linear on hostile input, strict where the cloud is strict, and certificates
 * compared as DER (the cloud may hand the PEM back re-wrapped, or only the leaf of a chain).
 */
import { strict as assert } from "assert";
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "crypto";
import fc from "fast-check";
import {
  checkClientCaPem,
  checkCrlPem,
  checkKeyMatchesCertificate,
  checkPrivateKeyPem,
  describeCertificatePem,
  MAX_PEM_LENGTH,
  sameCertificate,
  sameCrl,
} from "../../../provider/core/validation/pem";
import { makeTestPki, type TestPki } from "../../fixtures/pki";

const NOW = new Date("2026-03-01T12:00:00.000Z");

function reasonOf(result: ReturnType<typeof describeCertificatePem>): string {
  assert.equal(result.ok, false, "expected the certificate to be refused");
  return (result as { reason: string }).reason;
}

/** Re-wraps the base64 of every block: one line, `width` columns, with `eol` line ends. */
function rewrap(pem: string, width: number, eol: string): string {
  return pem.replace(
    /(-----BEGIN [A-Z0-9 ]+-----)([\s\S]*?)(-----END [A-Z0-9 ]+-----)/g,
    (_all, begin: string, body: string, end: string) => {
      const base64 = body.replace(/\s+/g, "");
      if (width === 0) return `${begin}${base64}${end}`;
      const lines = base64.match(new RegExp(`.{1,${width}}`, "g")) ?? [];
      return [begin, ...lines, end].join(eol);
    },
  );
}

describe("core/pem: linear and strict reading", () => {
  let pki: TestPki;
  before(async () => {
    pki = await makeTestPki({ now: NOW, commonName: "pgm-bp1.pg.rds.aliyuncs.com", validDays: 90 });
  });

  describe("hostile input", () => {
    const repeatedBegin = (size: number) => "-----BEGIN A-----\n".repeat(Math.ceil(size / 18));

    it("reads repeated BEGIN lines at the size limit in one pass (the old reader took 2.2 s per call)", function () {
      // No timing assertion beyond "finishes": four calls took ~9 s with the quadratic reader.
      this.timeout(4000);
      const text = repeatedBegin(MAX_PEM_LENGTH - 100);
      assert.ok(text.length <= MAX_PEM_LENGTH);
      assert.equal(
        reasonOf(describeCertificatePem(text, NOW)),
        "has a BEGIN line inside PEM block 1",
      );
      assert.equal(checkPrivateKeyPem(text), "has a BEGIN line inside PEM block 1");
      assert.equal(checkCrlPem(text, NOW), "has a BEGIN line inside PEM block 1");
      assert.equal(sameCertificate(text, `${text}\n`), true); // falls back to text comparison
    });

    it("refuses 1.36 MB at once, naming the limit", function () {
      this.timeout(4000);
      const text = repeatedBegin(1_360_000);
      assert.equal(
        reasonOf(describeCertificatePem(text, NOW)),
        `is ${text.length} characters long; at most ${MAX_PEM_LENGTH} are accepted`,
      );
    });

    it("never throws on marker soup and always gives a reason", () => {
      const piece = fc.constantFrom(
        "-----BEGIN CERTIFICATE-----",
        "-----END CERTIFICATE-----",
        "-----BEGIN X509 CRL-----",
        "-----END X509 CRL-----",
        "-----BEGIN ",
        "-----",
        "\n",
        "MIIB",
        "==",
        "x",
      );
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
          const text = pieces.join("");
          assert.equal(typeof reasonOf(describeCertificatePem(text, NOW)), "string");
          assert.equal(typeof checkCrlPem(text, NOW), "string");
        }),
        { numRuns: 500 },
      );
    });
  });

  describe("what the cloud refuses", () => {
    it("refuses text around and inside a block", () => {
      const cert = pki.serverCertPem;
      assert.equal(
        reasonOf(describeCertificatePem(`subject=CN=x\n${cert}`, NOW)),
        "has text outside the PEM blocks (before block 1)",
      );
      assert.equal(
        reasonOf(describeCertificatePem(`${cert}trailing words\n`, NOW)),
        "has text after the last PEM block",
      );
      const lines = cert.trim().split("\n");
      lines.splice(2, 0, "not base64!");
      assert.equal(
        reasonOf(describeCertificatePem(lines.join("\n"), NOW)),
        "has PEM block 1 with characters or padding that are not base64",
      );
      const unterminated = cert.trim().split("\n").slice(0, -1).join("\n");
      assert.equal(
        reasonOf(describeCertificatePem(unterminated, NOW)),
        "has PEM block 1 without an END line",
      );
    });

    it("refuses a block of another kind next to the expected ones", () => {
      assert.equal(
        reasonOf(describeCertificatePem(`${pki.serverCertPem}${pki.serverKeyPem}`, NOW)),
        "holds a PRIVATE KEY block besides a PEM certificate (expected -----BEGIN CERTIFICATE-----)",
      );
      assert.match(
        checkPrivateKeyPem(`${pki.serverKeyPem}${pki.serverCertPem}`) ?? "",
        /^holds a CERTIFICATE block besides a PEM private key/,
      );
      assert.equal(
        checkCrlPem(`${pki.crlPem}${pki.clientCaCertPem}`, NOW),
        "holds a CERTIFICATE block besides a PEM certificate revocation list (expected -----BEGIN X509 CRL-----)",
      );
    });

    it("refuses a client CA that is not a CA, naming its position", () => {
      assert.equal(checkClientCaPem(pki.clientCaCertPem, NOW), undefined);
      const notCa =
        "is not a CA certificate: it lacks basicConstraints cA=TRUE, so no client certificate could be verified against it";
      assert.equal(checkClientCaPem(pki.serverCertPem, NOW), notCa);
      assert.equal(
        checkClientCaPem(`${pki.clientCaCertPem}${pki.serverCertPem}`, NOW),
        notCa.replace("certificate:", "certificate (certificate 2 of 2):"),
      );
    });

    it("refuses a CRL that another CA issued", async () => {
      assert.equal(checkCrlPem(pki.crlPem, NOW, pki.clientCaCertPem), undefined);
      assert.equal(
        checkCrlPem(pki.crlPem, NOW, pki.caCertPem),
        "was not issued by the CA in clientCaCert",
      );
      // Same issuer name, another key: the key identifiers tell them apart.
      const twin = await caWithKeyId("CN=dbssl test client CA");
      const crl = await crlSignedBy(twin);
      assert.equal(checkCrlPem(crl, NOW, twin.cert.toString("pem")), undefined);
      const other = await caWithKeyId("CN=dbssl test client CA");
      assert.equal(
        checkCrlPem(crl, NOW, other.cert.toString("pem")),
        "was not issued by the CA in clientCaCert",
      );
    });

    it("still reads the seed's one-line form and CRLF line ends", () => {
      const oneLine = rewrap(pki.serverCertPem, 0, "");
      assert.equal(describeCertificatePem(oneLine, NOW).ok, true);
      assert.equal(checkPrivateKeyPem(rewrap(pki.serverKeyPem, 0, "")), undefined);
      assert.equal(
        checkKeyMatchesCertificate(oneLine, rewrap(pki.serverKeyPem, 76, "\r\n")),
        undefined,
      );
    });
  });

  describe("sameCertificate / sameCrl", () => {
    const wrapping = fc.record({
      width: fc.constantFrom(0, 64, 76, 1, 17),
      eol: fc.constantFrom("\n", "\r\n"),
      trailing: fc.constantFrom("", "\n", "\r\n", "  \n"),
    });
    const wrap = (pem: string, w: { width: number; eol: string; trailing: string }) =>
      rewrap(pem, w.width, w.eol) + w.trailing;

    it("re-wrapping never changes the answer", () => {
      fc.assert(
        fc.property(wrapping, wrapping, fc.boolean(), (a, b, same) => {
          const declared = pki.serverCertPem;
          const live = same ? declared : pki.expiredCertPem;
          assert.equal(sameCertificate(wrap(declared, a), wrap(live, b)), same);
          const crl = same ? pki.crlPem : pki.staleCrlPem;
          assert.equal(sameCrl(wrap(pki.crlPem, a), wrap(crl, b)), same);
        }),
        { numRuns: 200 },
      );
    });

    it("takes the leaf alone as the declared chain, but not another chain or a shorter CRL list", () => {
      assert.equal(sameCertificate(pki.serverChainPem, pki.serverCertPem), true);
      assert.equal(sameCertificate(pki.serverChainPem, pki.caCertPem), false);
      assert.equal(sameCertificate(pki.serverCertPem, pki.serverChainPem), false);
      assert.equal(sameCrl(`${pki.crlPem}${pki.staleCrlPem}`, pki.crlPem), false);
    });

    it("compares unparseable text without whitespace, and non-strings as values", () => {
      assert.equal(sameCertificate("not a pem", " not a\r\npem \n"), true);
      assert.equal(sameCertificate("not a pem", "not the pem"), false);
      assert.equal(sameCertificate(undefined, undefined), true);
      assert.equal(sameCertificate(pki.serverCertPem, undefined), false);
    });
  });
});

interface Ca {
  cert: x509.X509Certificate;
  keys: webcrypto.CryptoKeyPair;
}

const EC = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
const DAY = 86_400_000;

async function caWithKeyId(name: string): Promise<Ca> {
  const keys = await webcrypto.subtle.generateKey(EC, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name,
      notBefore: new Date(NOW.getTime() - DAY),
      notAfter: new Date(NOW.getTime() + 365 * DAY),
      keys,
      signingAlgorithm: EC,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, webcrypto),
      ],
    },
    webcrypto,
  );
  return { cert, keys };
}

async function crlSignedBy(ca: Ca): Promise<string> {
  const crl = await x509.X509CrlGenerator.create(
    {
      issuer: ca.cert.subjectName,
      thisUpdate: new Date(NOW.getTime() - DAY),
      nextUpdate: new Date(NOW.getTime() + 7 * DAY),
      entries: [],
      signingAlgorithm: EC,
      signingKey: ca.keys.privateKey,
      extensions: [
        await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey, false, webcrypto),
      ],
    },
    webcrypto,
  );
  // The library writes the legacy `CRL` label; OpenSSL and the cloud read `X509 CRL`.
  return crl.toString("pem").replace(/-----(BEGIN|END) CRL-----/g, "-----$1 X509 CRL-----");
}
