/**
 * What a user reads when a cloud call cannot be made, through the real dynamic-provider host:
 * missing credentials, a refused endpoint override, an HTML error page, and a plain-HTTP endpoint
 * on another host. Each test also checks what did (not) go over the network.
 */
import * as assert from "assert";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import { startRdsHarness, type RdsHarness } from "../fixtures/provider-harness";
import { EMULATOR_SECRET_KEY } from "../emulator";
import { alibabaRegion } from "../../provider/alicloud/client";
import { settingsFrom } from "../../provider/core/settings";
import { systemClock } from "../../provider/core/clock";

const ID = "rm-msg1";

interface Listener {
  url: string;
  requests: http.IncomingMessage[];
  close(): Promise<void>;
}

/** A plain HTTP server that answers every request with `status` and `body`. */
async function listen(host: string, status: number, body: string, type: string): Promise<Listener> {
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req);
    res.writeHead(status, { "content-type": type });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const l = await listen("127.0.0.1", 200, "", "text/plain");
  const port = Number(new URL(l.url).port);
  await l.close();
  return port;
}

async function createError(h: RdsHarness, inputs: Record<string, unknown>): Promise<Error> {
  return h.create(inputs).then(
    () => assert.fail("expected create to fail"),
    (e: Error) => e,
  );
}

describe("alicloud client messages (dynamic-provider host)", () => {
  let h: RdsHarness | undefined;
  let other: Listener | undefined;
  afterEach(async () => {
    await h?.close();
    await other?.close();
    h = other = undefined;
  });

  it("missing credentials say which settings to set, not ENOENT or a network error", async () => {
    h = await startRdsHarness({
      config: { "alicloud:accessKey": "", "alicloud:secretKey": "" },
    });
    h.emu.admin.rds.seed({ id: ID, engine: "MySQL" });
    const err = await createError(h, { instanceId: ID });
    assert.match(err.message, /^alicloud\.rds SSL \(rm-msg1\): no Alibaba Cloud credentials found/);
    assert.match(err.message, /alicloud:accessKey/);
    assert.match(err.message, /ALICLOUD_ACCESS_KEY/);
    assert.doesNotMatch(err.message, /ENOENT|network|\.aliyun|\/home|\/root|\/tmp/);
    assert.strictEqual(h.emu.admin.log().length, 0, "no request was sent");
  });

  it("a refused dbssl:endpointOverride fails at once, naming host:port", async () => {
    const port = await closedPort();
    h = await startRdsHarness({ config: { "dbssl:endpointOverride": `http://127.0.0.1:${port}` } });
    const virtualStart = h.emu.clock.now();
    const err = await createError(h, { instanceId: ID });
    assert.match(
      err.message,
      new RegExp(
        `DescribeDBInstanceAttribute failed: ECONNREFUSED: connection refused by 127\\.0\\.0\\.1:${port}, ` +
          "the dbssl:endpointOverride endpoint",
      ),
    );
    // Retrying sleeps ~43 s on the virtual clock (real time plus skips) and prints retry lines.
    const waitedMs = h.emu.clock.now() - virtualStart;
    assert.ok(waitedMs < 10_000, `waited ${waitedMs} virtual ms`);
    assert.ok(!h.host.logs.some((l) => /retry \d/.test(l)), h.host.logs.join("\n"));
  });

  it("an HTML 502 from a proxy is reported as such, never as undefined", async () => {
    const page = "<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>";
    other = await listen("127.0.0.1", 502, page, "text/html");
    h = await startRdsHarness({ config: { "dbssl:endpointOverride": other.url } });
    const err = await createError(h, { instanceId: ID });
    assert.match(
      err.message,
      /DescribeDBInstanceAttribute failed: InvalidResponse: the answer had no JSON body; it starts with "<html><bod"/,
    );
    assert.doesNotMatch(err.message, /undefined|network error|nginx/);
    assert.ok(other.requests.length > 1, "a read with no usable answer is retried");
  });

  it("a JSON 503 without Alibaba's fields names the HTTP status, never undefined", async () => {
    other = await listen("127.0.0.1", 503, '{"error":"overloaded"}', "application/json");
    h = await startRdsHarness({ config: { "dbssl:endpointOverride": other.url } });
    const err = await createError(h, { instanceId: ID });
    assert.match(
      err.message,
      /DescribeDBInstanceAttribute failed: HTTP503: HTTP 503 with no error message in its JSON body$/,
    );
  });

  it("plain http:// to a host that is not loopback is refused before anything is sent", async function () {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === "IPv4" && !i.internal);
    if (!external) this.skip();
    other = await listen(external!.address, 200, "{}", "application/json");
    h = await startRdsHarness({ config: { "dbssl:endpointOverride": other.url } });
    h.emu.admin.rds.seed({ id: ID, engine: "MySQL" });
    const err = await createError(h, { instanceId: ID });
    assert.match(
      err.message,
      /^alicloud\.rds SSL \(rm-msg1\): dbssl:endpointOverride uses plain http:\/\/ for a host that is not a loopback address/,
    );
    assert.strictEqual(other.requests.length, 0, "no signed request reached the other host");
    assert.ok(!err.message.includes(EMULATOR_SECRET_KEY));
  });
});

describe("alibabaRegion", () => {
  const ctx = (config: Record<string, string>, env: NodeJS.ProcessEnv = {}) => ({
    settings: settingsFrom({ get: (k: string) => config[k] }, env),
    clock: systemClock,
    progress: () => undefined,
  });

  it("refuses a configured region that would change the API host, naming the setting", () => {
    assert.strictEqual(
      alibabaRegion(ctx({ "alicloud:region": "ap-southeast-1" })),
      "ap-southeast-1",
    );
    assert.strictEqual(alibabaRegion(ctx({}, { ALICLOUD_REGION: "eu-central-1" })), "eu-central-1");
    assert.strictEqual(alibabaRegion(ctx({})), "cn-hangzhou");
    assert.throws(
      () => alibabaRegion(ctx({}, { ALICLOUD_REGION: "x@127.0.0.1:1/" })),
      /^Error: pulumi-dbssl: alicloud:region \(or ALICLOUD_REGION\) must be an Alibaba Cloud region id .*; got "x@127\.0\.0\.1:1\/"$/,
    );
  });
});
