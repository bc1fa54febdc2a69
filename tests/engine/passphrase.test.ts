import * as assert from "assert";
import { SECRET_SIG, SIG_KEY } from "./host";
import { IncorrectPassphraseError, PassphraseCrypter } from "./passphrase";

// Known answer from pulumi/pulumi pkg/secrets/passphrase/manager_test.go: this state was written by
// the Pulumi CLI for the passphrase "password".
const PULUMI_STATE = "v1:fozI5u6B030=:v1:F+6ZduKKd8G0/V7L:PGMFeIzwobWRKmEAzUdaQHqC5mMRIQ==";

describe("engine/passphrase: Pulumi's passphrase secrets provider", function () {
  this.timeout(30000);

  it("opens a state written by the Pulumi CLI, and refuses a wrong passphrase", async () => {
    const crypter = await PassphraseCrypter.open("password", PULUMI_STATE);
    assert.strictEqual(crypter.decrypt(crypter.encrypt("hello")), "hello");
    await assert.rejects(
      PassphraseCrypter.open("password123", PULUMI_STATE),
      IncorrectPassphraseError,
    );
  });

  it("writes v1:<salt>:v1:<nonce>:<ciphertext> and encrypts wire secrets as ciphertext", async () => {
    const crypter = await PassphraseCrypter.create("pw");
    assert.match(crypter.state, /^v1:[A-Za-z0-9+/]{11}=:v1:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/=]+$/);
    const wire = { a: 1, key: { [SIG_KEY]: SECRET_SIG, value: { pem: "-----BEGIN KEY-----" } } };
    const stored = crypter.encryptSecrets(wire) as Record<string, Record<string, string>>;
    assert.deepStrictEqual(Object.keys(stored.key), [SIG_KEY, "ciphertext"]);
    assert.ok(!JSON.stringify(stored).includes("BEGIN"));
    const reopened = await PassphraseCrypter.open("pw", crypter.state);
    assert.deepStrictEqual(reopened.decryptSecrets(stored), wire);
  });
});
