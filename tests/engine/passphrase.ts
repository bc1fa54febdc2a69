// Pulumi's passphrase secrets provider (pkg/secrets/passphrase/manager.go and
// sdk/go/common/resource/config/crypt.go): AES-256-GCM with a key from 1,000,000 rounds of
// PBKDF2-SHA256 over the passphrase and an 8-byte salt; a value is `v1:<nonce b64>:<ciphertext b64>`
// (12-byte nonce, GCM tag appended). The stack keeps `v1:<salt b64>:<encryption of "pulumi">`
// so that a wrong passphrase is detected.
import * as crypto from "crypto";
import { promisify } from "util";
import { SECRET_SIG, SIG_KEY } from "./host";
import { isSecret } from "./wire";

const pbkdf2 = promisify(crypto.pbkdf2);
const ITERATIONS = 1_000_000;
const KEY_BYTES = 32;
const keyCache = new Map<string, Buffer>();

export class IncorrectPassphraseError extends Error {
  constructor() {
    super("incorrect passphrase");
    this.name = "IncorrectPassphraseError";
  }
}

export class PassphraseCrypter {
  private constructor(
    private readonly key: Buffer,
    /** The secrets provider state: `v1:<salt>:<encrypted "pulumi">`. */
    readonly state: string,
  ) {}

  /** A new salt, as `pulumi stack init --secrets-provider passphrase` makes. */
  static async create(passphrase: string): Promise<PassphraseCrypter> {
    const salt = crypto.randomBytes(8);
    const key = await deriveKey(passphrase, salt);
    const check = encryptWithKey(key, "pulumi");
    return new PassphraseCrypter(key, `v1:${salt.toString("base64")}:${check}`);
  }

  /** Opens an existing state; throws IncorrectPassphraseError when the check value does not decrypt. */
  static async open(passphrase: string, state: string): Promise<PassphraseCrypter> {
    const [version, saltB64] = state.split(":");
    if (version !== "v1" || saltB64 === undefined) throw new Error("malformed state value");
    const key = await deriveKey(passphrase, Buffer.from(saltB64, "base64"));
    const check = state.slice(state.indexOf(":", 3) + 1);
    let decrypted: string | undefined;
    try {
      decrypted = decryptWithKey(key, check);
    } catch {
      decrypted = undefined;
    }
    if (decrypted !== "pulumi") throw new IncorrectPassphraseError();
    return new PassphraseCrypter(key, state);
  }

  encrypt(plaintext: string): string {
    return encryptWithKey(this.key, plaintext);
  }

  decrypt(ciphertext: string): string {
    return decryptWithKey(this.key, ciphertext);
  }

  /** Wire secrets `{sig, value}` -> checkpoint secrets `{sig, ciphertext}` (value JSON-encoded). */
  encryptSecrets(v: unknown): unknown {
    if (isSecret(v))
      return { [SIG_KEY]: SECRET_SIG, ciphertext: this.encrypt(JSON.stringify(v.value)) };
    if (Array.isArray(v)) return v.map((x) => this.encryptSecrets(x));
    if (typeof v === "object" && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.encryptSecrets(x)]));
    }
    return v;
  }

  /** The reverse of encryptSecrets. */
  decryptSecrets(v: unknown): unknown {
    if (typeof v === "object" && v !== null && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if (o[SIG_KEY] === SECRET_SIG && typeof o.ciphertext === "string") {
        return { [SIG_KEY]: SECRET_SIG, value: JSON.parse(this.decrypt(o.ciphertext)) };
      }
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, this.decryptSecrets(x)]));
    }
    if (Array.isArray(v)) return v.map((x) => this.decryptSecrets(x));
    return v;
  }
}

async function deriveKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  const cacheKey = `${salt.toString("base64")}\0${crypto.createHash("sha256").update(passphrase).digest("hex")}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    key = await pbkdf2(passphrase, salt, ITERATIONS, KEY_BYTES, "sha256");
    keyCache.set(cacheKey, key);
  }
  return key;
}

function encryptWithKey(key: Buffer, plaintext: string): string {
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, nonce);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1:${nonce.toString("base64")}:${ct.toString("base64")}`;
}

function decryptWithKey(key: Buffer, value: string): string {
  const [version, nonceB64, ctB64] = value.split(":");
  if (version !== "v1" || !nonceB64 || !ctB64)
    throw new Error("bad value: expected v1:<nonce>:<ciphertext>");
  const data = Buffer.from(ctB64, "base64");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(nonceB64, "base64"));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([
    decipher.update(data.subarray(0, data.length - 16)),
    decipher.final(),
  ]).toString("utf8");
}
