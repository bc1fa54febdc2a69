/**
 * Reading PEM text in one linear pass, and comparing certificates and CRLs as DER.
 *
 * A lazy `[\s\S]*?` per BEGIN line was quadratic: 1.36 MB of repeated BEGIN lines took 65 s and
 * stalled a preview. Here each marker is found once, left to right. The reader is strict like the
 * cloud (RFC 7468 "strict" form): nothing but whitespace around blocks, only base64 inside them
 * (after RFC 1421 headers, which an encrypted legacy key carries).
 */

export interface PemBlock {
  label: string;
  der: Buffer;
  /** RFC 1421 headers before the base64 ("Proc-Type: 4,ENCRYPTED"). */
  headers: string;
}

export type PemScan = { ok: true; blocks: PemBlock[] } | { ok: false; reason: string };

/**
 * Far above a certificate chain or a client CRL (a few KB to a few tens of KB). ModifyDBInstanceSSL
 * puts every parameter in the query string (alibaba.md §1.1), so megabytes could never be sent.
 */
export const MAX_PEM_LENGTH = 256 * 1024;
const MARKER = /-----(BEGIN|END) ([A-Z0-9 ]{1,40})-----/g;

/** Splits PEM text into blocks in one pass; any text the cloud would refuse is a failure. */
export function scanPem(pem: string): PemScan {
  const fail = (reason: string): PemScan => ({ ok: false, reason: reason + escapedHint(pem) });
  if (pem.length > MAX_PEM_LENGTH) {
    return fail(`is ${pem.length} characters long; at most ${MAX_PEM_LENGTH} are accepted`);
  }
  const blocks: PemBlock[] = [];
  let open: { label: string } | undefined;
  let last = 0;
  for (const marker of pem.matchAll(MARKER)) {
    const [whole, kind, label] = marker;
    const between = pem.slice(last, marker.index);
    const n = blocks.length + 1;
    if (kind === "BEGIN") {
      if (open) return fail(`has a BEGIN line inside PEM block ${n}`);
      if (between.trim() !== "") return fail(`has text outside the PEM blocks (before block ${n})`);
      open = { label };
    } else {
      if (!open) return fail(`has an END line without a BEGIN line (after block ${n - 1})`);
      if (label !== open.label) return fail(`has PEM block ${n} whose END label differs`);
      const block = decodeBody(label, between);
      if (typeof block === "string") return fail(`has PEM block ${n} ${block}`);
      blocks.push(block);
      open = undefined;
    }
    last = marker.index + whole.length;
  }
  if (open) return fail(`has PEM block ${blocks.length + 1} without an END line`);
  // Text without any marker is left to the caller, which says what kind of PEM it expected.
  if (blocks.length > 0 && pem.slice(last).trim() !== "") {
    return fail("has text after the last PEM block");
  }
  return { ok: true, blocks };
}

/** RFC 1421 headers (`Name: value` lines, then a blank line), then only base64 and whitespace. */
function decodeBody(label: string, body: string): PemBlock | string {
  const lines = body.split(/\r\n|\r|\n/);
  let first = 0;
  while (first < lines.length && lines[first].trim() === "") first++;
  let end = first;
  while (end < lines.length && /^([A-Za-z0-9-]+:|[ \t])/.test(lines[end])) end++;
  const headers = lines.slice(first, end).join("\n");
  const base64 = lines.slice(end).join("").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) {
    return "with characters or padding that are not base64";
  }
  if (base64.length === 0) return "that is empty";
  return { label, der: Buffer.from(base64, "base64"), headers };
}

/** A PEM pasted through JSON or a one-line config value often arrives with literal `\n`. */
export function escapedHint(pem: string): string {
  return /\\n/.test(pem) && !/\n/.test(pem) ? "; its line breaks look escaped as \\n" : "";
}
/** The DER of every block when the text is PEM holding only `label` blocks; else undefined. */
export function derBlocks(pem: unknown, label: string): Buffer[] | undefined {
  if (typeof pem !== "string") return undefined;
  const scan = scanPem(pem);
  if (!scan.ok || scan.blocks.length === 0) return undefined;
  return scan.blocks.every((b) => b.label === label) ? scan.blocks.map((b) => b.der) : undefined;
}

function sameDer(declared: unknown, live: unknown, label: string, leafOnly: boolean): boolean {
  if (typeof declared !== "string" || typeof live !== "string") return declared === live;
  const want = derBlocks(declared, label);
  const have = derBlocks(live, label);
  if (want === undefined || have === undefined) {
    // Not PEM we can read: compare the text, ignoring how it is wrapped.
    return declared.replace(/\s+/g, "") === live.replace(/\s+/g, "");
  }
  if (leafOnly && have.length === 1 && want[0].equals(have[0])) return true;
  return want.length === have.length && want.every((der, i) => der.equals(have[i]));
}

/**
 * True when the declared certificate (or chain) is the one the cloud returns, compared as DER: the
 * cloud may re-wrap the PEM (no line breaks, 76 columns, CRLF) or return only the leaf of a chain.
 */
export function sameCertificate(declared: unknown, live: unknown): boolean {
  return sameDer(declared, live, "CERTIFICATE", true);
}

/** True when the declared CRLs are the ones the cloud returns, compared as DER. */
export function sameCrl(declared: unknown, live: unknown): boolean {
  return sameDer(declared, live, "X509 CRL", false);
}
