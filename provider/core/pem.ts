/**
 * Offline validation of the PEM material a resource carries (server certificate and key, client CA,
 * CRL), used by `check`: no SDK, no network, synchronous.
 *
 * Every function returns a reason that reads after the property name ("serverCert " + reason), or
 * `undefined` when the value is fine. A reason never contains any part of the PEM text, only fixed
 * wording, block numbers and dates, because `check` failures are printed by the engine.
 */
import type * as X509Module from "@peculiar/x509";
import { createPrivateKey, KeyObject, X509Certificate as NodeX509Certificate } from "crypto";

export type CertificateDescription =
  { ok: true; notAfter: Date; commonName?: string } | { ok: false; reason: string };

interface PemBlock {
  label: string;
  /** The full block, BEGIN and END lines included. */
  text: string;
  der: Buffer;
  encryptedHeader: boolean;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]{1,40})-----([\s\S]*?)-----END \1-----/g;
const PRIVATE_KEY_LABELS = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];
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
  ...PRIVATE_KEY_LABELS,
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

function pemBlocks(pem: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of pem.matchAll(PEM_BLOCK)) {
    const body = match[2];
    // RFC 1421 headers ("Proc-Type: 4,ENCRYPTED", "DEK-Info: ...") come before a blank line.
    const encryptedHeader = /Proc-Type:\s*4,\s*ENCRYPTED/i.test(body);
    const base64 = body.replace(/^[A-Za-z-]+:.*$/gm, "").replace(/\s+/g, "");
    blocks.push({
      label: match[1],
      text: match[0],
      der: Buffer.from(base64, "base64"),
      encryptedHeader,
    });
  }
  return blocks;
}

/** Names what the text holds instead, without repeating anything the user wrote. */
function foundInstead(blocks: PemBlock[], pem: string): string {
  if (escapedHint(pem) !== "") return "";
  const known = blocks.map((b) => b.label).find((label) => KNOWN_LABELS.includes(label));
  if (known !== undefined) return `found a ${known} block`;
  if (blocks.length > 0) return "found a PEM block of another type";
  if (/-----BEGIN /.test(pem)) return "found a damaged PEM block";
  return "";
}

/** A PEM pasted through JSON or a one-line config value often arrives with literal `\n`. */
function escapedHint(pem: string): string {
  return /\\n/.test(pem) && !/\n/.test(pem) ? "; its line breaks look escaped as \\n" : "";
}

function notPem(what: string, expected: string, blocks: PemBlock[], pem: string): string {
  const instead = foundInstead(blocks, pem);
  return `is not ${what} ${expected}${instead === "" ? "" : `; ${instead}`}${escapedHint(pem)}`;
}

interface Validity {
  notBefore: Date;
  notAfter: Date;
}

interface CertificateSummary extends Validity {
  commonName?: string;
}

/** Reads everything needed up front: the library decodes some fields lazily and may throw there. */
function summarizeCertificate(der: Buffer): CertificateSummary | undefined {
  try {
    const certificate = new (loadX509().X509Certificate)(der);
    const { notBefore, notAfter } = certificate;
    if (isNaN(notBefore.getTime()) || isNaN(notAfter.getTime())) return undefined;
    return { notBefore, notAfter, commonName: certificate.subjectName.getField("CN")[0] };
  } catch {
    return undefined;
  }
}

/** `suffix` says which certificate of a chain; it is empty for the leaf. */
function validityReason({ notBefore, notAfter }: Validity, now: Date, suffix: string) {
  if (now.getTime() < notBefore.getTime()) {
    return `is not valid before ${notBefore.toISOString()}${suffix}`;
  }
  // RFC 5280 §4.1.2.5: the validity period includes notAfter itself.
  if (now.getTime() > notAfter.getTime()) return `expired on ${notAfter.toISOString()}${suffix}`;
  return undefined;
}

function chainSuffix(index: number, count: number): string {
  return count === 1 ? "" : ` (certificate ${index + 1} of ${count})`;
}

/**
 * Parses one or more PEM certificates (a chain, leaf first) and checks each is valid at `now`.
 * On success returns the leaf's expiry and common name.
 */
export function describeCertificatePem(pem: string, now: Date): CertificateDescription {
  if (typeof pem !== "string") return { ok: false, reason: "must be a string" };
  const all = pemBlocks(pem);
  const blocks = all.filter((b) => b.label === "CERTIFICATE");
  if (blocks.length === 0) {
    return { ok: false, reason: notPem("a PEM certificate", EXPECTED_CERTIFICATE, all, pem) };
  }
  const summaries: CertificateSummary[] = [];
  for (const [index, block] of blocks.entries()) {
    const summary = summarizeCertificate(block.der);
    const suffix = chainSuffix(index, blocks.length);
    if (summary === undefined) {
      const reason = `has a PEM block that does not parse as X.509${suffix}${escapedHint(pem)}`;
      return { ok: false, reason };
    }
    const reason = validityReason(summary, now, index === 0 ? "" : suffix);
    if (reason !== undefined) return { ok: false, reason };
    summaries.push(summary);
  }
  const { notAfter, commonName } = summaries[0];
  return commonName === undefined ? { ok: true, notAfter } : { ok: true, notAfter, commonName };
}

type ParsedKey = { ok: true; key: KeyObject } | { ok: false; reason: string };

const ENCRYPTED_KEY_REASON =
  "is password-protected; the cloud needs the key without a passphrase " +
  "(decrypt it with `openssl pkey -in key.pem -out plain.pem`)";

function parsePrivateKey(pem: string): ParsedKey {
  if (typeof pem !== "string") return { ok: false, reason: "must be a string" };
  const all = pemBlocks(pem);
  if (all.some((b) => b.label === ENCRYPTED_KEY_LABEL || b.encryptedHeader)) {
    return { ok: false, reason: ENCRYPTED_KEY_REASON };
  }
  const keys = all.filter((b) => PRIVATE_KEY_LABELS.includes(b.label));
  if (keys.length === 0) {
    return { ok: false, reason: notPem("a PEM private key", EXPECTED_KEY, all, pem) };
  }
  if (keys.length > 1) return { ok: false, reason: "holds more than one private key" };
  try {
    return { ok: true, key: createPrivateKey({ key: keys[0].text, format: "pem" }) };
  } catch (error) {
    // Node's message may quote OpenSSL internals; only its code is safe and useful here.
    if ((error as { code?: unknown }).code === "ERR_MISSING_PASSPHRASE") {
      return { ok: false, reason: ENCRYPTED_KEY_REASON };
    }
    const reason = `has a ${keys[0].label} block that does not parse as a key${escapedHint(pem)}`;
    return { ok: false, reason };
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
  if (!key.ok || typeof certPem !== "string") return undefined;
  const leaf = pemBlocks(certPem).find((b) => b.label === "CERTIFICATE");
  if (leaf === undefined) return undefined;
  let certificate: NodeX509Certificate;
  try {
    certificate = new NodeX509Certificate(leaf.der);
  } catch {
    return undefined;
  }
  let matches = false;
  try {
    matches = certificate.checkPrivateKey(key.key);
  } catch {
    // Different key types (an RSA key against an EC certificate) can throw instead of answering.
  }
  return matches ? undefined : "does not match the certificate in serverCert";
}

function summarizeCrl(der: Buffer): { thisUpdate: Date; nextUpdate?: Date } | undefined {
  try {
    const crl = new (loadX509().X509Crl)(der);
    const { thisUpdate, nextUpdate } = crl;
    if (isNaN(thisUpdate.getTime()) || (nextUpdate && isNaN(nextUpdate.getTime())))
      return undefined;
    return { thisUpdate, nextUpdate };
  } catch {
    return undefined;
  }
}

/**
 * Parses one or more PEM CRLs and checks each is current at `now`. A CRL past its nextUpdate is
 * refused because OpenSSL, and so PostgreSQL, then fails every client-certificate check
 * (X509_V_ERR_CRL_HAS_EXPIRED) and would lock out all clients.
 */
export function checkCrlPem(pem: string, now: Date): string | undefined {
  if (typeof pem !== "string") return "must be a string";
  const all = pemBlocks(pem);
  const blocks = all.filter((b) => b.label === "X509 CRL");
  if (blocks.length === 0) {
    if (all.some((b) => b.label === "CRL")) {
      // OpenSSL's PEM reader, and so the database server, knows only the RFC 7468 label.
      return `uses the label -----BEGIN CRL-----, which OpenSSL does not read ${EXPECTED_CRL}`;
    }
    return notPem("a PEM certificate revocation list", EXPECTED_CRL, all, pem);
  }
  for (const [index, block] of blocks.entries()) {
    const which = blocks.length === 1 ? "" : ` (CRL ${index + 1} of ${blocks.length})`;
    const validity = summarizeCrl(block.der);
    if (validity === undefined)
      return `has a PEM block that does not parse as an X.509 CRL${which}`;
    if (now.getTime() < validity.thisUpdate.getTime()) {
      return `is not valid before ${validity.thisUpdate.toISOString()}${which}`;
    }
    const nextUpdate = validity.nextUpdate;
    if (nextUpdate !== undefined && now.getTime() > nextUpdate.getTime()) {
      return `expired on ${nextUpdate.toISOString()} (its nextUpdate)${which}; issue a fresh CRL`;
    }
  }
  return undefined;
}
