/**
 * The one proxy rule every cloud client follows (provider/core/cloud/network.ts): HTTPS_PROXY unless
 * NO_PROXY names the host, never for loopback, never `http_proxy`. The end-to-end proof that each
 * cloud's client really goes through the proxy is tests/engine/proxy.test.ts.
 */
import * as assert from "assert";
import {
  isLoopbackHost,
  noProxyMatches,
  proxyAgentFor,
  proxyFor,
} from "../../../provider/core/cloud/network";

const CLOUD_HOSTS = [
  "https://rds.aliyuncs.com",
  "https://postgres.tencentcloudapi.com",
  "https://rds.eu-de.otc.t-systems.com",
  "https://rds.cn-north-4.myhuaweicloud.com",
].map((u) => new URL(u));

describe("core network: the proxy rule of every cloud", () => {
  const env = { HTTPS_PROXY: "http://user:pw@proxy.corp:3128", http_proxy: "http://other:8080" };

  it("uses HTTPS_PROXY (or https_proxy) for every cloud's https endpoint, never http_proxy", () => {
    for (const url of CLOUD_HOSTS) {
      assert.strictEqual(proxyFor(url, env), env.HTTPS_PROXY, url.host);
      assert.strictEqual(proxyFor(url, { https_proxy: "http://p:1" }), "http://p:1");
      assert.strictEqual(proxyFor(url, { http_proxy: "http://other:8080" }), undefined);
      assert.strictEqual(proxyFor(url, {}), undefined);
    }
  });

  it("NO_PROXY names hosts, domains (with their subdomains), ports or everything", () => {
    const url = new URL("https://postgres.tencentcloudapi.com");
    for (const noProxy of [
      "tencentcloudapi.com",
      ".tencentcloudapi.com",
      "*.tencentcloudapi.com",
      "*",
      "x.org, postgres.tencentcloudapi.com:443",
      "x.org postgres.tencentcloudapi.com",
    ]) {
      assert.strictEqual(proxyFor(url, { ...env, NO_PROXY: noProxy }), undefined, noProxy);
    }
    for (const noProxy of ["cloudapi.com", "postgres.tencentcloudapi.com:8443", "example.com"]) {
      assert.strictEqual(proxyFor(url, { ...env, no_proxy: noProxy }), env.HTTPS_PROXY, noProxy);
    }
    assert.ok(noProxyMatches(new URL("https://[2001:db8::1]:8443"), "[2001:db8::1]"));
  });

  it("a loopback endpoint (the emulator) and plain http are always reached directly", () => {
    const all = { ...env, HTTP_PROXY: "http://p:1", ALL_PROXY: "http://p:2" };
    for (const raw of [
      "http://127.0.0.1:8080",
      "https://127.0.0.1:8443",
      "https://localhost:9",
      "https://[::1]:8443",
      "http://rds.example.com",
    ]) {
      const url = new URL(raw);
      assert.strictEqual(proxyFor(url, all), undefined, raw);
      assert.strictEqual(proxyAgentFor(url, all), undefined, raw);
    }
    assert.ok(
      isLoopbackHost("127.1.2.3") && isLoopbackHost("LOCALHOST") && isLoopbackHost("[::1]"),
    );
    assert.ok(!isLoopbackHost("128.0.0.1") && !isLoopbackHost("localhost.example.com"));
  });

  it("one tunnelling agent per proxy, reused by every call", () => {
    const [a, b] = CLOUD_HOSTS;
    const agent = proxyAgentFor(a, env);
    assert.strictEqual(agent?.constructor.name, "HttpsProxyAgent");
    assert.strictEqual(proxyAgentFor(b, env), agent);
    assert.notStrictEqual(proxyAgentFor(a, { HTTPS_PROXY: "http://other:1" }), agent);
  });
});
