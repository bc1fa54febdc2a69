/**
 * Issue 8: every cloud's client honours HTTPS_PROXY / NO_PROXY the same way, through the real
 * dynamic-provider host and the real vendor clients (Alibaba SDK, Tencent SDK, our RDS v3 client).
 *
 * The endpoint override is an https name that does not resolve (`api.dbssl.test`), so the only way
 * a request can arrive is through the proxy: a CONNECT proxy in the test tunnels every target to a
 * TLS front (a certificate for that name, from a test CA the host trusts via NODE_EXTRA_CA_CERTS),
 * which forwards to the emulator. The emulator checks the signature as usual.
 * - with HTTPS_PROXY the read answers and the proxy saw a CONNECT for that name;
 * - with NO_PROXY naming the domain, the proxy sees nothing (the read fails: no such host);
 * - a loopback endpoint (the emulator itself) never goes through the proxy.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import {
  EMULATOR_ACCESS_KEY,
  EMULATOR_SECRET_KEY,
  startEmulator,
  type Emulator,
} from "../emulator";
import { makeTestPki } from "../fixtures/pki";
import { serializedProvider, urnOf } from "../fixtures/provider-harness";
import { RELIABILITY_FAMILIES } from "../reliability/families";
import { startDynamicHost, type DynamicHost } from "./host";

const NAME = "api.dbssl.test";

interface ProxyRig {
  proxyUrl: string;
  endpoint: string;
  caFile: string;
  /** `host:port` of every CONNECT the proxy received. */
  tunnels: string[];
  close(): Promise<void>;
}

async function proxyRig(emu: Emulator): Promise<ProxyRig> {
  const pki = await makeTestPki({ commonName: NAME });
  const caFile = path.join(os.tmpdir(), `dbssl-proxy-ca-${process.pid}.pem`);
  fs.writeFileSync(caFile, pki.caCertPem);
  const front = https.createServer(
    { cert: pki.serverCertPem, key: pki.serverKeyPem },
    (req, res) => {
      const upstream = http.request(
        {
          host: "127.0.0.1",
          port: emu.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", () => res.destroy());
      req.pipe(upstream);
    },
  );
  await new Promise<void>((r) => front.listen(0, "127.0.0.1", r));
  const frontPort = (front.address() as net.AddressInfo).port;
  const tunnels: string[] = [];
  const proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push(req.url ?? "");
    const target = net.connect(frontPort, "127.0.0.1", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      target.write(head);
      target.pipe(client);
      client.pipe(target);
    });
    target.on("error", () => client.destroy());
    client.on("error", () => target.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  const sockets = new Set<net.Socket>();
  for (const server of [front, proxy]) {
    server.on("connection", (s: net.Socket) => sockets.add(s).size);
  }
  return {
    proxyUrl: `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`,
    endpoint: `https://${NAME}:${frontPort}`,
    caFile,
    tunnels,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([front, proxy].map((s) => new Promise((r) => s.close(r))));
    },
  };
}

describe("proxies: HTTPS_PROXY / NO_PROXY the same way for every cloud (issue 8)", function () {
  this.timeout(90_000);
  let emu: Emulator;
  let rig: ProxyRig;
  const hosts: DynamicHost[] = [];
  before(async () => {
    emu = await startEmulator();
    rig = await proxyRig(emu);
  });
  after(async () => {
    await Promise.all(hosts.map((h) => h.stop()));
    await rig.close();
    await emu.close();
  });

  async function readThrough(
    family: (typeof RELIABILITY_FAMILIES)[number],
    tag: string,
    endpoint: string,
    env: Record<string, string>,
  ): Promise<string> {
    const h = await startDynamicHost({
      env: {
        DBSSL_TEST_CLOCK_URL: emu.url,
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
        NODE_EXTRA_CA_CERTS: rig.caFile,
        ...env,
      },
    });
    hosts.push(h);
    await h.configure({
      "alicloud:accessKey": EMULATOR_ACCESS_KEY,
      "alicloud:secretKey": { secret: EMULATOR_SECRET_KEY },
      ...family.config(emu),
      "dbssl:endpointOverride": endpoint,
      // One attempt is enough to see where a request goes; retries would only add time.
      "dbssl:requestTimeoutMs": "5000",
    });
    const id = family.instanceId(tag);
    family.seed(emu, id, { sslEnabled: true });
    const props = {
      ...family.inputs(id),
      __provider: await serializedProvider(family.family),
    };
    return h.read(id, urnOf(family.family, tag), props, props).then(
      () => "answered",
      (e: Error) => e.message,
    );
  }

  for (const family of RELIABILITY_FAMILIES) {
    it(`${family.family}: an https endpoint is reached through HTTPS_PROXY`, async () => {
      const before = rig.tunnels.length;
      const outcome = await readThrough(family, "viaproxy", rig.endpoint, {
        HTTPS_PROXY: rig.proxyUrl,
        http_proxy: "http://127.0.0.1:9",
      });
      assert.strictEqual(outcome, "answered");
      const seen = rig.tunnels.slice(before);
      assert.ok(seen.length > 0, "the proxy saw no CONNECT");
      assert.deepStrictEqual([...new Set(seen)], [new URL(rig.endpoint).host]);
    });

    it(`${family.family}: NO_PROXY naming the domain sends nothing to the proxy`, async () => {
      const before = rig.tunnels.length;
      const outcome = await readThrough(family, "noproxy", rig.endpoint, {
        HTTPS_PROXY: rig.proxyUrl,
        NO_PROXY: "localhost,.dbssl.test",
      });
      assert.notStrictEqual(
        outcome,
        "answered",
        "a direct connection to a name that does not resolve answered",
      );
      assert.deepStrictEqual(rig.tunnels.slice(before), []);
    });
  }

  it("a loopback endpoint (the emulator) is never sent through the proxy", async () => {
    const before = rig.tunnels.length;
    for (const family of RELIABILITY_FAMILIES) {
      const outcome = await readThrough(family, "loopback", emu.url, {
        HTTPS_PROXY: rig.proxyUrl,
        HTTP_PROXY: rig.proxyUrl,
        http_proxy: rig.proxyUrl,
      });
      assert.strictEqual(outcome, "answered", family.family);
    }
    assert.deepStrictEqual(rig.tunnels.slice(before), []);
  });
});
