/**
 * Where Tencent calls go and through which agent.
 *
 * The SDK, left alone, sends every call through `process.env.http_proxy` (lowercase, even for
 * https:// and loopback URLs) and knows no NO_PROXY (`common/http/fetch.js`: `options.proxy ||
 * process.env.http_proxy` unless `options.agent` is set; tencent-huawei.md §1.3 trap 3). So we
 * always pass our own `httpProfile.agent`, chosen by one rule for every cloud:
 * - a loopback endpoint (the local emulator) is always reached directly;
 * - an https endpoint goes through `HTTPS_PROXY` (or `https_proxy`) unless `NO_PROXY`
 *   (or `no_proxy`) names its host;
 * - anything else goes directly. `http_proxy` is never used: endpoints are https, and plain
 *   http is allowed only to loopback (core/settings.ts `endpointOverrideProblem`).
 */
import * as http from "node:http";
import * as https from "node:https";
import * as path from "node:path";

/** The SDK's own endpoint (`postgres_client.js`: `super("postgres.tencentcloudapi.com", ...)`). */
export const POSTGRES_ENDPOINT = "postgres.tencentcloudapi.com";

export interface EndpointTarget {
  /** As `httpProfile.protocol` takes it. */
  protocol: "http://" | "https://";
  /** host[:port], as `httpProfile.endpoint` takes it. */
  endpoint: string;
  hostname: string;
  port: string;
}

/** `dbssl:endpointOverride` (already checked by the core) or the SDK's default endpoint. */
export function endpointTarget(override: string | undefined): EndpointTarget {
  const url = new URL(
    override === undefined
      ? `https://${POSTGRES_ENDPOINT}`
      : override.includes("://")
        ? override
        : `https://${override}`,
  );
  return {
    protocol: url.protocol === "http:" ? "http://" : "https://",
    endpoint: url.host,
    hostname: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port || (url.protocol === "http:" ? "80" : "443"),
  };
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The proxy URL for this target, or undefined for a direct connection. */
export function proxyFor(target: EndpointTarget, env: NodeJS.ProcessEnv): string | undefined {
  if (target.protocol !== "https://" || isLoopbackHost(target.hostname)) return undefined;
  const proxy = env.HTTPS_PROXY || env.https_proxy;
  if (!proxy) return undefined;
  return noProxyMatches(target, env.NO_PROXY ?? env.no_proxy ?? "") ? undefined : proxy;
}

/**
 * NO_PROXY as curl and most tools read it: entries separated by commas or spaces, `*` for all,
 * a domain (with or without a leading `.` or `*.`) matching itself and its subdomains, an
 * optional `:port`. IP ranges (CIDR) are not supported.
 */
export function noProxyMatches(target: EndpointTarget, noProxy: string): boolean {
  const host = target.hostname.toLowerCase();
  return noProxy
    .split(/[\s,]+/)
    .filter((entry) => entry !== "")
    .some((raw) => {
      if (raw === "*") return true;
      const entry = raw.toLowerCase();
      const portAt = entry.lastIndexOf(":");
      const hasPort = portAt > 0 && /^\d+$/.test(entry.slice(portAt + 1)) && !entry.includes("]");
      if (hasPort && entry.slice(portAt + 1) !== target.port) return false;
      const domain = (hasPort ? entry.slice(0, portAt) : entry).replace(/^\*?\./, "");
      return host === domain || host.endsWith(`.${domain}`);
    });
}

/**
 * The agent for the SDK. The proxy agent is the SDK's own dependency (`https-proxy-agent`, what
 * `fetch.js` uses), resolved next to the SDK so no other package is needed.
 */
export function agentFor(target: EndpointTarget, env: NodeJS.ProcessEnv): http.Agent {
  const proxy = proxyFor(target, env);
  if (proxy === undefined) {
    return target.protocol === "https://"
      ? new https.Agent({ keepAlive: true })
      : new http.Agent({ keepAlive: true });
  }
  const sdkDir = path.dirname(require.resolve("tencentcloud-sdk-nodejs/package.json"));
  const mod = require(require.resolve("https-proxy-agent", { paths: [sdkDir] }));
  const ProxyAgent = mod.HttpsProxyAgent ?? mod.default ?? mod;
  return new ProxyAgent(proxy) as http.Agent;
}
