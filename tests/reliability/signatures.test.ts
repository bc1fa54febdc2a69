/**
 * Issue 12 item 5 (signatures), per family through the real host: a wrong secret is rejected
 * by the emulator with the cloud's signature code and nothing is applied; a request changed in
 * flight (a loopback proxy swaps the instance id for another of the same length) is rejected
 * the same way. Control: through the same proxy without tampering, the call succeeds.
 */
import * as assert from "assert";
import * as http from "http";
import type { AddressInfo } from "net";
import { startEmulator, type Emulator } from "../emulator";
import type { ConfigValue } from "../engine/host";
import { startProviderHost, serializedProvider, urnOf } from "../fixtures/provider-harness";
import { RELIABILITY_FAMILIES, type ReliabilityFamily } from "./families";
import { reportedIt } from "./report";

/** Forwards to `target`, replacing `from` with `to` in the URL and body when `tamper` is on. */
async function proxy(target: Emulator, from: string, to: string) {
  let tamper = true;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const swap = (s: string) => (tamper ? s.split(from).join(to) : s);
      const body = swap(Buffer.concat(chunks).toString("utf8"));
      const headers = { ...req.headers, "content-length": String(Buffer.byteLength(body)) };
      const out = http.request(
        {
          host: "127.0.0.1",
          port: target.port,
          method: req.method,
          path: swap(req.url ?? "/"),
          headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setTamper: (on: boolean) => (tamper = on),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function signatureCases(family: ReliabilityFamily) {
  const section = "Signatures and transport" as const;
  const urn = urnOf(family.family, "signature");
  const base = { family: family.family, scenario: "signature" };
  let emu: Emulator;
  before(async () => (emu = await startEmulator()));
  after(() => emu.close());

  const readThrough = async (config: Record<string, ConfigValue>, id: string) => {
    const host = await startProviderHost(emu, { ...family.config(emu), ...config });
    try {
      const inputs = { ...family.inputs(id), __provider: await serializedProvider(family.family) };
      return await host.read(id, urn, inputs, inputs).then(
        () => "answered",
        (e: Error) => e.message,
      );
    } finally {
      await host.stop();
    }
  };

  reportedIt(
    section,
    { ...base, tried: "a wrong secret" },
    "a wrong secret is rejected with the signature code",
    async (row) => {
      const id = family.instanceId("wrongsecret");
      family.seed(emu, id, { sslEnabled: true });
      const message = await readThrough(family.wrongSecretConfig(), id);
      const codes = emu.admin.log().map((e) => e.code);
      row.outcome = `rejected: ${codes.find((c) => c && family.signatureCode.test(c)) ?? message.slice(0, 80)}`;
      row.counts = `calls ${codes.length}, accepted ${codes.filter((c) => c === undefined).length}`;
      assert.match(message, family.signatureCode);
      assert.ok(
        codes.length > 0 && codes.every((c) => c !== undefined && family.signatureCode.test(c)),
      );
    },
  );

  reportedIt(
    section,
    { ...base, tried: "the instance id changed in flight by a proxy" },
    "a tampered request is rejected with the signature code",
    async (row) => {
      const id = family.instanceId("tampera");
      const other = family.instanceId("tamperb");
      family.seed(emu, id, { sslEnabled: true });
      family.seed(emu, other, { sslEnabled: true });
      const relay = await proxy(emu, id, other);
      try {
        emu.admin.reset();
        family.seed(emu, id, { sslEnabled: true });
        family.seed(emu, other, { sslEnabled: true });
        const tampered = await readThrough({ "dbssl:endpointOverride": relay.url }, id);
        relay.setTamper(false);
        const control = await readThrough({ "dbssl:endpointOverride": relay.url }, id);
        row.outcome = `tampered: ${family.signatureCode.test(tampered) ? "signature rejected" : tampered.slice(0, 80)}; untouched: ${control}`;
        row.counts = `emulator calls ${emu.admin.log().length}`;
        assert.match(tampered, family.signatureCode);
        assert.strictEqual(control, "answered");
      } finally {
        await relay.close();
      }
    },
  );
}

for (const family of RELIABILITY_FAMILIES.filter((f) => f.budget?.signatures !== false)) {
  describe(`${family.family}: request signatures (issue 12)`, function () {
    this.timeout(60_000);
    signatureCases(family);
  });
}
