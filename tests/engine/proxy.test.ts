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
  /** Requests that came out of a tunnel (the name resolves nowhere else). */
  tunnelled: () => number;
  close(): Promise<void>;
}

async function proxyRig(emu: Emulator): Promise<ProxyRig> {
  const pki = await makeTestPki({ commonName: NAME });
  const caFile = path.join(os.tmpdir(), `dbssl-proxy-ca-${process.pid}.pem`);
  fs.writeFileSync(caFile, pki.caCertPem);
  let tunnelled = 0;
  const front = https.createServer(
    { cert: pki.serverCertPem, key: pki.serverKeyPem },
    (req, res) => {
      tunnelled++;
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
    tunnelled: () => tunnelled,
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

  const providers = new Map<string, string>();
  /** One host per environment, configured for every family (their config keys do not overlap). */
  const hostFor = new Map<string, Promise<DynamicHost>>();
  function hostWith(endpoint: string, env: Record<string, string>): Promise<DynamicHost> {
    const key = JSON.stringify([endpoint, env]);
    if (!hostFor.has(key)) {
      hostFor.set(
        key,
        (async () => {
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
            ...Object.assign({}, ...RELIABILITY_FAMILIES.map((f) => f.config(emu))),
            "dbssl:endpointOverride": endpoint,
            // One attempt is enough to see where a request goes; retries would only add time.
            "dbssl:requestTimeoutMs": "5000",
          });
          return h;
        })(),
      );
    }
    return hostFor.get(key)!;
  }

  async function readThrough(
    family: (typeof RELIABILITY_FAMILIES)[number],
    tag: string,
    endpoint: string,
    env: Record<string, string>,
  ): Promise<string> {
    const h = await hostWith(endpoint, env);
    const id = family.instanceId(tag);
    family.seed(emu, id, { sslEnabled: true });
    if (!providers.has(family.family)) {
      providers.set(family.family, await serializedProvider(family.family));
    }
    const props = { ...family.inputs(id), __provider: providers.get(family.family) };
    return h.read(id, urnOf(family.family, tag), props, props).then(
      () => "answered",
      (e: Error) => e.message,
    );
  }

  const viaProxy = () => ({ HTTPS_PROXY: rig.proxyUrl, http_proxy: "http://127.0.0.1:9" });
  const noProxy = () => ({ HTTPS_PROXY: rig.proxyUrl, NO_PROXY: "localhost,.dbssl.test" });

  for (const family of RELIABILITY_FAMILIES) {
    it(`${family.family}: an https endpoint is reached through HTTPS_PROXY`, async () => {
      const [tunnels, requests] = [rig.tunnels.length, rig.tunnelled()];
      const outcome = await readThrough(family, "viaproxy", rig.endpoint, viaProxy());
      assert.strictEqual(outcome, "answered");
      assert.ok(rig.tunnelled() > requests, "no request came through the proxy's tunnel");
      // Tunnels are kept alive and shared by the clients of one host, so a family may ride one
      // another family opened; every tunnel goes to the endpoint's host.
      assert.ok(rig.tunnels.length > 0, "the proxy saw no CONNECT");
      assert.deepStrictEqual(
        [...new Set(rig.tunnels.slice(tunnels))].filter((t) => t !== new URL(rig.endpoint).host),
        [],
      );
    });

    it(`${family.family}: NO_PROXY naming the domain sends nothing to the proxy`, async () => {
      const [before, requests] = [rig.tunnels.length, rig.tunnelled()];
      const outcome = await readThrough(family, "noproxy", rig.endpoint, noProxy());
      assert.notStrictEqual(
        outcome,
        "answered",
        "a direct connection to a name that does not resolve answered",
      );
      assert.deepStrictEqual(rig.tunnels.slice(before), []);
      assert.strictEqual(rig.tunnelled(), requests);
    });
  }

  it("a loopback endpoint (the emulator) is never sent through the proxy", async () => {
    const before = rig.tunnels.length;
    const env = { HTTPS_PROXY: rig.proxyUrl, HTTP_PROXY: rig.proxyUrl, http_proxy: rig.proxyUrl };
    for (const family of RELIABILITY_FAMILIES) {
      const outcome = await readThrough(family, "loopback", emu.url, env);
      assert.strictEqual(outcome, "answered", family.family);
    }
    assert.deepStrictEqual(rig.tunnels.slice(before), []);
  });
});
