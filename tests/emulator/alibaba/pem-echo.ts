/**
 * How DescribeDBInstanceSSL gives back the PEMs it was sent: not byte for byte. The SDK's own examples
 * (`DescribeDbinstanceSslresponseBody.d.ts`: `-----BEGIN CERTIFICATE-----MIID*****viXk=-----END
 * CERTIFICATE-----`) show a certificate with no line break at all, and a server stores the certificate it
 * parsed, not the text: base64 comes back re-folded, with other line ends, and of a chain (leaf followed by
 * intermediates) only the leaf may be kept. A provider that compares certificates as text sees a change
 * that is not there on every refresh; comparing DER does not (issue 6 §1.9).
 */

export type PemWrap = "asSent" | "fold64" | "fold76" | "oneLine";

export interface PemEcho {
  /** `fold64`/`fold76`: base64 re-folded at that width; `oneLine`: no line break anywhere. */
  wrap: PemWrap;
  /** Line ends between lines (ignored by `oneLine`). */
  lineEnding: "lf" | "crlf";
  /** `leafOnly`: of several CERTIFICATE blocks only the first one comes back. */
  chain: "full" | "leafOnly";
}

export const DEFAULT_PEM_ECHO: PemEcho = { wrap: "fold76", lineEnding: "crlf", chain: "leafOnly" };

const PEM_WRAPS: readonly PemWrap[] = ["asSent", "fold64", "fold76", "oneLine"];

export function checkPemEcho(echo: PemEcho): PemEcho {
  if (!PEM_WRAPS.includes(echo.wrap)) {
    throw new Error(`pemEcho.wrap must be one of ${PEM_WRAPS.join(", ")}`);
  }
  if (echo.lineEnding !== "lf" && echo.lineEnding !== "crlf") {
    throw new Error("pemEcho.lineEnding must be lf or crlf");
  }
  if (echo.chain !== "full" && echo.chain !== "leafOnly") {
    throw new Error("pemEcho.chain must be full or leafOnly");
  }
  return echo;
}

interface PemBlock {
  label: string;
  base64: string;
  /** The block as sent. */
  text: string;
}

/** Linear scan: each BEGIN is matched with the END of the same label that follows it. */
const BLOCK = /-----BEGIN ([A-Z0-9 ]{1,40})-----([A-Za-z0-9+/=\s]*?)-----END \1-----/g;

function blocksOf(pem: string): PemBlock[] {
  return [...pem.matchAll(BLOCK)].map((m) => ({
    label: m[1],
    base64: m[2].replace(/\s+/g, ""),
    text: m[0],
  }));
}

function fold(base64: string, width: number): string[] {
  const lines: string[] = [];
  for (let at = 0; at < base64.length; at += width) lines.push(base64.slice(at, at + width));
  return lines;
}

function writeBlock(block: PemBlock, echo: PemEcho): string {
  if (echo.wrap === "asSent") return `${block.text}\n`;
  const begin = `-----BEGIN ${block.label}-----`;
  const end = `-----END ${block.label}-----`;
  if (echo.wrap === "oneLine") return `${begin}${block.base64}${end}`;
  const width = echo.wrap === "fold64" ? 64 : 76;
  const eol = echo.lineEnding === "crlf" ? "\r\n" : "\n";
  return [begin, ...fold(block.base64, width), end].join(eol) + eol;
}

/** The PEM text as the API returns it; text that holds no PEM block comes back unchanged. */
export function echoPem(pem: string | undefined, echo: PemEcho): string | undefined {
  if (pem === undefined) return undefined;
  const blocks = blocksOf(pem);
  const certificates = blocks.filter((b) => b.label === "CERTIFICATE");
  const dropChain = echo.chain === "leafOnly" && certificates.length > 1;
  if (blocks.length === 0 || (echo.wrap === "asSent" && !dropChain)) return pem;
  const kept = dropChain
    ? blocks.filter((b) => b.label !== "CERTIFICATE" || b === certificates[0])
    : blocks;
  return kept.map((b) => writeBlock(b, echo)).join("");
}
