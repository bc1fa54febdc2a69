/**
 * Building blocks for fuzzed `check` inputs, shared by every family's generator: wrong types,
 * huge strings, broken and mismatched PEM, expired certificates, injection-like ids and regions,
 * unknowns (the engine's preview sentinel) in nested places. Key material is made at test time
 * (tests/fixtures/pki.ts), never stored.
 */
import * as fc from "fast-check";
import { UNKNOWN } from "../engine/host";
import { makeTestPki } from "../fixtures/pki";

export interface FuzzMaterial {
  validCert: string;
  validKey: string;
  /** A key that does not belong to `validCert`. */
  otherKey: string;
  expiredCert: string;
  clientCaCert: string;
  crl: string;
  /** A PEM whose base64 body is damaged. */
  brokenPem: string;
  /** A 2 MB certificate-looking PEM: parsing must stay linear in its size. */
  hugePem: string;
  /** A 16 KB one, for the generated inputs (2 MB in every run would only cost transfer time). */
  largePem: string;
}

export async function fuzzMaterial(): Promise<FuzzMaterial> {
  const pki = await makeTestPki({ commonName: "fuzz.rds.aliyuncs.com" });
  const body = "A".repeat(64);
  const pem = (bytes: number) =>
    `-----BEGIN CERTIFICATE-----\n${Array.from({ length: Math.ceil(bytes / 65) }, () => body).join("\n")}\n-----END CERTIFICATE-----\n`;
  return {
    validCert: pki.serverCertPem,
    validKey: pki.serverKeyPem,
    otherKey: pki.otherKeyPem,
    expiredCert: pki.expiredCertPem,
    clientCaCert: pki.clientCaCertPem,
    crl: pki.crlPem,
    brokenPem: pki.serverCertPem.replace(/\n[A-Za-z0-9+/]{20}/, "\n!!not base64!!#####"),
    hugePem: pem(2 * 1024 * 1024),
    largePem: pem(16 * 1024),
  };
}

/** Strings a hostile or careless user might put in an id or a region. */
export const INJECTION_STRINGS: readonly string[] = [
  "rm-abc/../../admin",
  "x@evil.example.com:443/",
  "evil.example.com#",
  "cn-hangzhou.evil.example.com",
  "rm-abc\nforged log line",
  "rm-abc?Action=DeleteDBInstance",
  "rm-abc%2F..%2F",
  "http://169.254.169.254/latest",
  "'; DROP TABLE instances; --",
  "${process.env.ALICLOUD_SECRET_KEY}",
  "rm-\u0000abc",
  "RM-UPPERCASE",
  "",
  " ",
];

/** Any JSON-ish value of a wrong or odd type, unknowns included. */
export function oddValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 40 }),
    fc.constant(UNKNOWN),
    fc.constantFrom(...INJECTION_STRINGS),
    fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constant(UNKNOWN)), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.constant(UNKNOWN)), {
      maxKeys: 3,
    }),
  );
}

/** A value for a PEM property: the valid one, a wrong one, a broken one, a huge one, or odd. */
export function pemValue(material: FuzzMaterial, valid: string): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(valid) },
    { weight: 1, arbitrary: fc.constant(material.expiredCert) },
    { weight: 1, arbitrary: fc.constant(material.otherKey) },
    { weight: 1, arbitrary: fc.constant(material.brokenPem) },
    { weight: 1, arbitrary: fc.constant(material.largePem) },
    { weight: 1, arbitrary: fc.constant(`${valid}\n${valid}`) },
    { weight: 1, arbitrary: oddValue() },
  );
}

/** An id or region: usually valid, often hostile. */
export function identifierValue(valid: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 2, arbitrary: fc.constantFrom(...INJECTION_STRINGS) },
    { weight: 1, arbitrary: fc.string({ minLength: 1000, maxLength: 3000 }) },
    { weight: 1, arbitrary: oddValue() },
  );
}

/** Keys no family declares, sometimes with nested unknowns. */
export function unknownKeys(): fc.Arbitrary<Record<string, unknown>> {
  return fc.dictionary(
    fc.constantFrom("sslEnable", "ssl_enabled", "__proto__x", "constructor", "extra", "Region"),
    oddValue(),
    { maxKeys: 2 },
  );
}

/** Builds an input object from optional properties (each present or absent). */
export function optionalRecord(
  fields: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(fields, { requiredKeys: [] });
}
