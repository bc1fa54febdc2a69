/**
 * Finds secrets in text a user or an operator can see (state files, logs, error messages, the
 * emulator's request log). A PEM may come back re-folded, with CRLF or JSON-escaped line ends,
 * so both sides are compared without whitespace and escapes, and a key is found by any 48
 * characters of its base64 body. Findings name the secret by position, never by value.
 */

const PEM_BODY = /-----BEGIN [A-Z0-9 ]+-----([\s\S]*?)-----END [A-Z0-9 ]+-----/;

function normalize(text: string): string {
  return text.replace(/\\[rn]/g, "").replace(/\s+/g, "");
}

/** The fragments that betray a secret: a PEM's body in 48-character pieces, else the value. */
export function fingerprints(secret: string): string[] {
  const body = PEM_BODY.exec(secret)?.[1];
  if (body === undefined) return [normalize(secret)];
  const flat = normalize(body);
  const pieces: string[] = [];
  for (let i = 0; i + 48 <= flat.length; i += 48) pieces.push(flat.slice(i, i + 48));
  return pieces;
}

/** `secret #n` for each secret found in any of the texts. */
export function scanTranscript(texts: readonly string[], secrets: readonly string[]): string[] {
  const haystack = normalize(texts.join("\n"));
  return secrets
    .map((secret, i) => ({ i, found: fingerprints(secret).some((f) => haystack.includes(f)) }))
    .filter((x) => x.found)
    .map((x) => `secret #${x.i + 1}`);
}
