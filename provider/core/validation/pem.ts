/**
 * Offline validation and comparison of the PEM material a resource carries (server certificate and
 * key, client CA, CRL), used by `check` and `diff`: no SDK, no network, synchronous.
 *
 * Every check returns a reason that reads after the property name ("serverCert " + reason), or
 * `undefined` when the value is fine. A reason never contains any part of the PEM text, only fixed
 * wording, block numbers and dates, because `check` failures are printed by the engine.
 *
 * The text is read by `pem-scan.ts` (one linear pass, strict like the cloud), which also compares
 * certificates and CRLs as DER for `diff`.
 */
import type * as X509Module from "@peculiar/x509";
import { createPrivateKey, KeyObject, X509Certificate as NodeX509Certificate } from "crypto";
import { derBlocks, escapedHint, scanPem, type PemBlock } from "./pem-scan";

export { MAX_PEM_LENGTH, sameCertificate, sameCrl } from "./pem-scan";

export type CertificateDescription =
  { ok: true; notAfter: Date; commonName?: string } | { ok: false; reason: string };

const PRIVATE_KEY_TYPES: Record<string, "pkcs8" | "pkcs1" | "sec1"> = {
  "PRIVATE KEY": "pkcs8",
  "RSA PRIVATE KEY": "pkcs1",
  "EC PRIVATE KEY": "sec1",
};
const ENCRYPTED_KEY_LABEL = "ENCRYPTED PRIVATE KEY";
/** Labels we may name in a reason; any other label came from the user and is not echoed. */
const KNOWN_LABELS = [
  "CERTIFICATE",
  "X509 CRL",
  "CRL",
  "CERTIFICATE REQUEST",
  "PUBLIC KEY",
  "RSA PUBLIC KEY",
  ENCRYPTED_KEY_LABEL,
  ...Object.keys(PRIVATE_KEY_TYPES),
];
const EXPECTED_CERTIFICATE = "(expected -----BEGIN CERTIFICATE-----)";
const EXPECTED_KEY =
  "(expected an unencrypted -----BEGIN PRIVATE KEY-----, -----BEGIN RSA PRIVATE KEY----- " +
  "or -----BEGIN EC PRIVATE KEY-----)";
const EXPECTED_CRL = "(expected -----BEGIN X509 CRL-----)";

let x509Module: typeof X509Module | undefined;

/** Loaded on first use so that importing this module (and so the provider shim) stays cheap. */
function loadX509(): typeof X509Module {
  if (x509Module === undefined) {
    // @peculiar/x509 v2 resolves its algorithms through tsyringe, which throws at load time unless
    // the Reflect metadata API exists (x509 README, "Reflect Polyfill Required").
    require("reflect-metadata");
    x509Module = require("@peculiar/x509") as typeof X509Module;
  }
  return x509Module;
}

/** Names what the text holds instead, without repeating anything the user wrote. */
function foundInstead(blocks: PemBlock[], pem: string): string {
  if (escapedHint(pem) !== "") return "";
  const known = blocks.map((b) => b.label).find((label) => KNOWN_LABELS.includes(label));
  if (known !== undefined) return `; found a ${known} block`;
  if (blocks.length > 0) return "; found a PEM block of another type";
  return "";
}

type Blocks = { ok: true; blocks: PemBlock[] } | { ok: false; reason: string };

/** Scans and keeps the blocks of the wanted labels; any other block is refused, as the cloud does. */
function blocksOf(
  pem: unknown,
  labels: readonly string[],
  what: string,
  expected: string,
  ignored: readonly string[] = [],
): Blocks {
  if (typeof pem !== "string") return { ok: false, reason: "must be a string" };
  const scan = scanPem(pem);
  if (!scan.ok) return scan;
  const wanted = scan.blocks.filter((b) => labels.includes(b.label));
  if (wanted.length === 0) {
    const reason = `is not ${what} ${expected}${foundInstead(scan.blocks, pem)}${escapedHint(pem)}`;
    return { ok: false, reason };
  }
  const other = scan.blocks.find((b) => !labels.includes(b.label) && !ignored.includes(b.label));
  if (other !== undefined) {
    const name = KNOWN_LABELS.includes(other.label) ? `a ${other.label} block` : "another block";
    return { ok: false, reason: `holds ${name} besides ${what} ${expected}` };
  }
  return { ok: true, blocks: wanted };
}

interface CertificateSummary {
  notBefore: Date;
  notAfter: Date;
  commonName?: string;
  isCa: boolean;
  subject: Buffer;
  subjectKeyId?: string;
}

/** Reads everything needed up front: the library decodes some fields lazily and may throw there. */
function summarizeCertificate(der: Buffer): CertificateSummary | undefined {
  try {
    const x509 = loadX509();
    const certificate = new x509.X509Certificate(der);
    const { notBefore, notAfter } = certificate;
    if (isNaN(notBefore.getTime()) || isNaN(notAfter.getTime())) return undefined;
    const basic = certificate.getExtension(x509.BasicConstraintsExtension);
    const ski = certificate.getExtension(x509.SubjectKeyIdentifierExtension);
    return {
      notBefore,
      notAfter,
      commonName: certificate.subjectName.getField("CN")[0],
      isCa: basic?.ca === true,
      subject: Buffer.from(certificate.subjectName.toArrayBuffer()),
      subjectKeyId: ski?.keyId,
    };
  } catch {
    return undefined;
  }
}

function validityReason(c: CertificateSummary, now: Date, suffix: string): string | undefined {
  if (now.getTime() < c.notBefore.getTime()) {
    return `is not valid before ${c.notBefore.toISOString()}${suffix}`;
  }
  // RFC 5280 §4.1.2.5: the validity period includes notAfter itself.
  if (now.getTime() > c.notAfter.getTime())
    return `expired on ${c.notAfter.toISOString()}${suffix}`;
  return undefined;
}

function ordinal(index: number, count: number, noun: string): string {
  return count === 1 ? "" : ` (${noun} ${index + 1} of ${count})`;
}

type Summaries = { ok: true; list: CertificateSummary[] } | { ok: false; reason: string };

function certificatesOf(pem: unknown, now: Date): Summaries {
  const read = blocksOf(pem, ["CERTIFICATE"], "a PEM certificate", EXPECTED_CERTIFICATE);
  if (!read.ok) return read;
  const list: CertificateSummary[] = [];
  for (const [index, block] of read.blocks.entries()) {
    const summary = summarizeCertificate(block.der);
    const suffix = ordinal(index, read.blocks.length, "certificate");
    if (summary === undefined) {
      return { ok: false, reason: `has a PEM block that does not parse as X.509${suffix}` };
    }
    const reason = validityReason(summary, now, index === 0 ? "" : suffix);
    if (reason !== undefined) return { ok: false, reason };
    list.push(summary);
  }
  return { ok: true, list };
}

/**
 * Parses one or more PEM certificates (a chain, leaf first) and checks each is valid at `now`.
 * On success returns the leaf's expiry and common name.
 */
export function describeCertificatePem(pem: string, now: Date): CertificateDescription {
  const read = certificatesOf(pem, now);
  if (!read.ok) return read;
  const { notAfter, commonName } = read.list[0];
  return commonName === undefined ? { ok: true, notAfter } : { ok: true, notAfter, commonName };
}

/**
 * Checks the client CA bundle: every certificate must be a CA (basicConstraints cA=TRUE, RFC 5280
 * §4.2.1.9), because OpenSSL, and so the database, refuses to verify clients against any other.
 */
export function checkClientCaPem(pem: string, now: Date): string | undefined {
  const read = certificatesOf(pem, now);
  if (!read.ok) return read.reason;
  const index = read.list.findIndex((c) => !c.isCa);
  if (index < 0) return undefined;
  const which = ordinal(index, read.list.length, "certificate");
  return `is not a CA certificate${which}: it lacks basicConstraints cA=TRUE, so no client certificate could be verified against it`;
}

type ParsedKey = { ok: true; key: KeyObject } | { ok: false; reason: string };

const ENCRYPTED_KEY_REASON =
  "is password-protected; the cloud needs the key without a passphrase " +
  "(decrypt it with `openssl pkey -in key.pem -out plain.pem`)";

function parsePrivateKey(pem: string): ParsedKey {
  const labels = [...Object.keys(PRIVATE_KEY_TYPES), ENCRYPTED_KEY_LABEL];
  // `openssl ecparam -genkey` writes the curve first; OpenSSL skips that block when reading a key.
  const read = blocksOf(pem, labels, "a PEM private key", EXPECTED_KEY, ["EC PARAMETERS"]);
  if (!read.ok) return read;
  if (
    read.blocks.some(
      (b) => b.label === ENCRYPTED_KEY_LABEL || /Proc-Type:\s*4,\s*ENCRYPTED/i.test(b.headers),
    )
  ) {
    return { ok: false, reason: ENCRYPTED_KEY_REASON };
  }
  if (read.blocks.length > 1) return { ok: false, reason: "holds more than one private key" };
  const [block] = read.blocks;
  try {
    const type = PRIVATE_KEY_TYPES[block.label];
    return { ok: true, key: createPrivateKey({ key: block.der, format: "der", type }) };
  } catch {
    // Node's message may quote OpenSSL internals; only fixed wording is safe here.
    return { ok: false, reason: `has a ${block.label} block that does not parse as a key` };
  }
}

/**
 * Checks a PEM private key: PKCS#8 (`PRIVATE KEY`), PKCS#1 (`RSA PRIVATE KEY`) or SEC1
 * (`EC PRIVATE KEY`). Encrypted keys are refused: Alibaba's ModifyDBInstanceSSL `ServerKey` must
 * not be password-protected (reference/alibaba.md §1.1).
 */
export function checkPrivateKeyPem(pem: string): string | undefined {
  const parsed = parsePrivateKey(pem);
  return parsed.ok ? undefined : parsed.reason;
}

/**
 * Checks that the key belongs to the first (leaf) certificate of `certPem`. Reports only a
 * mismatch: when either side does not parse it returns `undefined`, because
 * `describeCertificatePem` and `checkPrivateKeyPem` already report that on their own property.
 */
export function checkKeyMatchesCertificate(certPem: string, keyPem: string): string | undefined {
  const key = parsePrivateKey(keyPem);
  const certs = derBlocks(certPem, "CERTIFICATE");
  if (!key.ok || certs === undefined) return undefined;
  let matches = false;
  try {
    matches = new NodeX509Certificate(certs[0]).checkPrivateKey(key.key);
  } catch {
    // A certificate Node cannot read, or different key types (RSA key, EC certificate), can throw.
  }
  return matches ? undefined : "does not match the certificate in serverCert";
}

interface CrlSummary {
  thisUpdate: Date;
  nextUpdate?: Date;
  issuer: Buffer;
  authorityKeyId?: string;
}

function summarizeCrl(der: Buffer): CrlSummary | undefined {
  try {
    const x509 = loadX509();
    const crl = new x509.X509Crl(der);
    const { thisUpdate, nextUpdate } = crl;
    if (isNaN(thisUpdate.getTime()) || (nextUpdate && isNaN(nextUpdate.getTime())))
      return undefined;
    const aki = crl.getExtension(x509.AuthorityKeyIdentifierExtension);
    const issuer = Buffer.from(crl.issuerName.toArrayBuffer());
    return { thisUpdate, nextUpdate, issuer, authorityKeyId: aki?.keyId };
  } catch {
    return undefined;
  }
}

/**
 * Parses one or more PEM CRLs and checks each is current at `now`. A CRL past its nextUpdate is
 * refused because OpenSSL, and so PostgreSQL, then fails every client-certificate check
 * (X509_V_ERR_CRL_HAS_EXPIRED) and would lock out all clients. With `caPem`, each CRL must be
 * issued by one of its certificates (issuer name and, when both carry one, key identifier), as the
 * cloud's InvalidClientCrl refuses a CRL the client CA did not sign.
 */
export function checkCrlPem(pem: string, now: Date, caPem?: string): string | undefined {
  if (typeof pem === "string" && scanPem(pem).ok && derBlocks(pem, "CRL") !== undefined) {
    // OpenSSL's PEM reader, and so the database server, knows only the RFC 7468 label.
    return `uses the label -----BEGIN CRL-----, which OpenSSL does not read ${EXPECTED_CRL}`;
  }
  const read = blocksOf(pem, ["X509 CRL"], "a PEM certificate revocation list", EXPECTED_CRL);
  if (!read.ok) return read.reason;
  const cas = caPem === undefined ? undefined : certificatesOf(caPem, now);
  for (const [index, block] of read.blocks.entries()) {
    const which = ordinal(index, read.blocks.length, "CRL");
    const crl = summarizeCrl(block.der);
    if (crl === undefined) return `has a PEM block that does not parse as an X.509 CRL${which}`;
    if (now.getTime() < crl.thisUpdate.getTime()) {
      return `is not valid before ${crl.thisUpdate.toISOString()}${which}`;
    }
    if (crl.nextUpdate !== undefined && now.getTime() > crl.nextUpdate.getTime()) {
      return `expired on ${crl.nextUpdate.toISOString()} (its nextUpdate)${which}; issue a fresh CRL`;
    }
    if (cas?.ok && !cas.list.some((ca) => issuedBy(crl, ca))) {
      return `was not issued by the CA in clientCaCert${which}`;
    }
  }
  return undefined;
}

function issuedBy(crl: CrlSummary, ca: CertificateSummary): boolean {
  if (!crl.issuer.equals(ca.subject)) return false;
  return !crl.authorityKeyId || !ca.subjectKeyId || crl.authorityKeyId === ca.subjectKeyId;
}
