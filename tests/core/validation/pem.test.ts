import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import fc from "fast-check";
import {
  checkCrlPem,
  checkKeyMatchesCertificate,
  checkPrivateKeyPem,
  describeCertificatePem,
} from "../../../provider/core/validation/pem";
import { makeTestPki, TestPki } from "../../fixtures/pki";

const NOW = new Date("2026-03-01T12:00:00.000Z");
const DAY_MS = 24 * 60 * 60 * 1000;

/** The base64 lines of every PEM block, which must never reach a reason. */
function pemBodyLines(...pems: string[]): string[] {
  return pems.flatMap((p) =>
    p.split(/\r?\n/).filter((line) => line.length >= 16 && !line.startsWith("-----")),
  );
}

function assertNoPemContent(reason: string | undefined, ...pems: string[]): void {
  assert.ok(reason !== undefined, "expected a reason");
  for (const line of pemBodyLines(...pems)) {
    assert.ok(!reason.includes(line.slice(0, 16)), `reason echoes PEM content: ${reason}`);
  }
}

function reasonOf(result: ReturnType<typeof describeCertificatePem>): string {
  assert.equal(result.ok, false, "expected the certificate to be refused");
  return (result as { reason: string }).reason;
}

describe("core/pem", () => {
  let pki: TestPki;

  before(async () => {
    pki = await makeTestPki({ now: NOW, commonName: "pgm-bp1.pg.rds.aliyuncs.com", validDays: 90 });
  });

  describe("describeCertificatePem", () => {
    it("returns the leaf's notAfter and common name", () => {
      assert.deepEqual(describeCertificatePem(pki.serverCertPem, NOW), {
        ok: true,
        notAfter: new Date(NOW.getTime() + 90 * DAY_MS),
        commonName: "pgm-bp1.pg.rds.aliyuncs.com",
      });
    });

    it("reads a chain leaf first, with CRLF line ends", () => {
      const chain = pki.serverChainPem.replace(/\n/g, "\r\n");
      const result = describeCertificatePem(chain, NOW);
      assert.deepEqual(result, {
        ok: true,
        notAfter: pki.serverNotAfter,
        commonName: "pgm-bp1.pg.rds.aliyuncs.com",
      });
    });

    it("accepts the last second of validity (RFC 5280: notAfter is inclusive)", () => {
      assert.equal(describeCertificatePem(pki.serverCertPem, pki.serverNotAfter).ok, true);
      const oneSecondLater = new Date(pki.serverNotAfter.getTime() + 1000);
      assert.equal(
        reasonOf(describeCertificatePem(pki.serverCertPem, oneSecondLater)),
        `expired on ${pki.serverNotAfter.toISOString()}`,
      );
    });

    it("refuses an expired certificate with its expiry date", () => {
      const reason = reasonOf(describeCertificatePem(pki.expiredCertPem, NOW));
      assert.equal(reason, "expired on 2026-02-28T12:00:00.000Z");
    });

    it("refuses a certificate that is not valid yet", () => {
      const reason = reasonOf(describeCertificatePem(pki.notYetValidCertPem, NOW));
      assert.equal(reason, "is not valid before 2026-03-02T12:00:00.000Z");
    });

    it("refuses a chain whose second certificate has expired, naming its position", () => {
      const chain = `${pki.serverCertPem}${pki.expiredCertPem}`;
      const reason = reasonOf(describeCertificatePem(chain, NOW));
      assert.equal(reason, "expired on 2026-02-28T12:00:00.000Z (certificate 2 of 2)");
    });

    it("refuses text that is not a PEM certificate", () => {
      assert.equal(
        reasonOf(describeCertificatePem("hello", NOW)),
        "is not a PEM certificate (expected -----BEGIN CERTIFICATE-----)",
      );
    });

    it("says when a private key was given instead, without echoing it", () => {
      const reason = reasonOf(describeCertificatePem(pki.serverKeyPem, NOW));
      assert.equal(
        reason,
        "is not a PEM certificate (expected -----BEGIN CERTIFICATE-----); found a PRIVATE KEY block",
      );
      assertNoPemContent(reason, pki.serverKeyPem);
    });

    it("hints at line breaks escaped as \\n", () => {
      const escaped = pki.serverCertPem.replace(/\n/g, "\\n");
      const reason = reasonOf(describeCertificatePem(escaped, NOW));
      assert.equal(
        reason,
        "has PEM block 1 with characters or padding that are not base64; its line breaks look escaped as \\n",
      );
      const unlabelled = escaped.replace(/CERTIFICATE/g, "CERT");
      assert.equal(
        reasonOf(describeCertificatePem(unlabelled, NOW)),
        "has PEM block 1 with characters or padding that are not base64; its line breaks look escaped as \\n",
      );
    });

    it("refuses a damaged certificate body without echoing it", () => {
      const lines = pki.serverCertPem.trim().split("\n");
      const damaged = [lines[0], lines[1], lines[lines.length - 1]].join("\n");
      const reason = reasonOf(describeCertificatePem(damaged, NOW));
      assert.equal(reason, "has a PEM block that does not parse as X.509");
      assertNoPemContent(reason, damaged);
    });
  });

  describe("checkPrivateKeyPem", () => {
    it("accepts PKCS#8, SEC1 (EC) and PKCS#1 (RSA) keys", () => {
      assert.equal(checkPrivateKeyPem(pki.serverKeyPem), undefined);
      assert.equal(checkPrivateKeyPem(pki.serverKeySec1Pem), undefined);
      assert.equal(checkPrivateKeyPem(pki.rsaKeyPkcs1Pem), undefined);
    });

    it("accepts an EC key preceded by its EC PARAMETERS block (openssl ecparam -genkey)", () => {
      const withParams = `-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n${pki.serverKeySec1Pem}`;
      assert.equal(checkPrivateKeyPem(withParams), undefined);
    });

    it("refuses password-protected keys, PKCS#8 and legacy Proc-Type alike", () => {
      for (const encrypted of [pki.encryptedKeyPem, pki.encryptedLegacyKeyPem]) {
        const reason = checkPrivateKeyPem(encrypted);
        assert.match(reason ?? "", /^is password-protected; the cloud needs the key without/);
        assertNoPemContent(reason, encrypted);
      }
    });

    it("refuses a certificate given as a key", () => {
      assert.equal(
        checkPrivateKeyPem(pki.serverCertPem),
        "is not a PEM private key (expected an unencrypted -----BEGIN PRIVATE KEY-----, " +
          "-----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----); found a CERTIFICATE block",
      );
    });

    it("refuses a damaged key body and two keys in one value", () => {
      const lines = pki.serverKeyPem.trim().split("\n");
      const damaged = [lines[0], "AAAA" + lines[1].slice(4), lines[lines.length - 1]].join("\n");
      const reason = checkPrivateKeyPem(damaged);
      assert.equal(reason, "has a PRIVATE KEY block that does not parse as a key");
      assertNoPemContent(reason, damaged);
      const two = `${pki.serverKeyPem}${pki.otherKeyPem}`;
      assert.equal(checkPrivateKeyPem(two), "holds more than one private key");
    });
  });

  describe("checkKeyMatchesCertificate", () => {
    it("accepts the certificate's own key in any encoding, also against a chain", () => {
      assert.equal(checkKeyMatchesCertificate(pki.serverCertPem, pki.serverKeyPem), undefined);
      assert.equal(checkKeyMatchesCertificate(pki.serverChainPem, pki.serverKeySec1Pem), undefined);
    });

    it("refuses another key of the same type and a key of another type", () => {
      for (const key of [pki.otherKeyPem, pki.rsaKeyPkcs1Pem]) {
        const reason = checkKeyMatchesCertificate(pki.serverCertPem, key);
        assert.equal(reason, "does not match the certificate in serverCert");
        assertNoPemContent(reason, key, pki.serverCertPem);
      }
    });

    it("leaves unparseable input to the per-property checks", () => {
      assert.equal(checkKeyMatchesCertificate("not a cert", pki.serverKeyPem), undefined);
      assert.equal(checkKeyMatchesCertificate(pki.serverCertPem, pki.encryptedKeyPem), undefined);
    });
  });

  describe("checkCrlPem", () => {
    it("accepts a current CRL signed by the client CA", () => {
      assert.match(pki.crlPem, /^-----BEGIN X509 CRL-----/);
      assert.equal(checkCrlPem(pki.crlPem, NOW), undefined);
    });

    it("refuses a CRL past its nextUpdate, which would lock out every client certificate", () => {
      assert.equal(
        checkCrlPem(pki.staleCrlPem, NOW),
        "expired on 2026-02-28T12:00:00.000Z (its nextUpdate); issue a fresh CRL",
      );
    });

    it("refuses a CRL issued in the future", () => {
      const earlier = new Date(NOW.getTime() - 2 * 60 * 60 * 1000);
      assert.match(checkCrlPem(pki.crlPem, earlier) ?? "", /^is not valid before /);
    });

    it("refuses the non-standard BEGIN CRL label that OpenSSL does not read", () => {
      const relabelled = pki.crlPem.replace(/X509 CRL/g, "CRL");
      assert.match(checkCrlPem(relabelled, NOW) ?? "", /^uses the label -----BEGIN CRL-----/);
    });

    it("refuses a certificate and a damaged CRL without echoing them", () => {
      assert.equal(
        checkCrlPem(pki.clientCaCertPem, NOW),
        "is not a PEM certificate revocation list (expected -----BEGIN X509 CRL-----); " +
          "found a CERTIFICATE block",
      );
      const lines = pki.crlPem.trim().split("\n");
      const damaged = [lines[0], lines[1], lines[lines.length - 1]].join("\n");
      const reason = checkCrlPem(damaged, NOW);
      assert.equal(reason, "has a PEM block that does not parse as an X.509 CRL");
      assertNoPemContent(reason, damaged);
    });
  });

  describe("loading", () => {
    it("loads @peculiar/x509 only on first use, and then on its own (no polyfill from the caller)", () => {
      // A fresh process: in this one the fixture has already loaded the library.
      const target = require.resolve("../../../provider/core/validation/pem");
      const loaded =
        "Object.keys(require.cache).filter((k) => /@peculiar|reflect-metadata/.test(k)).length";
      const script = [
        target.endsWith(".ts") ? 'require("ts-node/register/transpile-only");' : "",
        `const pem = require(${JSON.stringify(target)});`,
        `const before = ${loaded};`,
        `const result = pem.describeCertificatePem(${JSON.stringify(pki.serverCertPem)}, new Date(${NOW.getTime()}));`,
        `console.log(JSON.stringify({ before, after: ${loaded} > 0, ok: result.ok }));`,
      ].join("\n");
      const child = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
      assert.equal(child.status, 0, child.stderr);
      assert.deepEqual(JSON.parse(child.stdout), { before: 0, after: true, ok: true });
    });
  });

  describe("on arbitrary input", () => {
    const labels = ["CERTIFICATE", "PRIVATE KEY", "EC PRIVATE KEY", "X509 CRL", "ANYTHING"];
    const pemShaped = fc
      .tuple(fc.constantFrom(...labels), fc.base64String({ maxLength: 400 }), fc.string())
      .map(
        ([label, body, tail]) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----${tail}`,
      );
    const input = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: "grapheme", maxLength: 100 }),
      pemShaped,
    );

    it("never throws, always gives a reason and never echoes input longer than 16 chars", () => {
      fc.assert(
        fc.property(input, (text) => {
          const reasons = [
            reasonOf(describeCertificatePem(text, NOW)),
            checkPrivateKeyPem(text),
            checkCrlPem(text, NOW),
          ];
          for (const reason of reasons) {
            assert.equal(typeof reason, "string");
            if (text.length > 16) assert.ok(!reason!.includes(text), "reason echoes its input");
          }
          assert.equal(checkKeyMatchesCertificate(text, text), undefined);
          assert.equal(typeof checkKeyMatchesCertificate(pki.serverCertPem, text), "undefined");
        }),
        { numRuns: 300 },
      );
    });
  });
});
