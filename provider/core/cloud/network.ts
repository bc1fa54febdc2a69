/**
 * Which way a cloud call leaves the process: one rule for every cloud (issue 8).
 * - a loopback endpoint (the local emulator) is always reached directly;
 * - an https endpoint goes through `HTTPS_PROXY` (or `https_proxy`) unless `NO_PROXY`
 *   (or `no_proxy`) names its host;
 * - anything else goes directly. `http_proxy` is never used: endpoints are https, and plain
 *   http is allowed only to loopback (settings.ts `endpointOverrideProblem`).
 *
 * Why not `proxy-from-env` (the usual library): it reads only `process.env` (our settings carry
 * the environment the provider was started with, and tests give their own), it reads
 * `http_proxy` for http URLs, and it treats `NO_PROXY=example.com` as an exact match where curl,
 * Go and the clouds' CLIs also match subdomains. The rule below is those tools' rule.
 */
import type * as http from "node:http";

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (host === "localhost" || host === "::1") return true;
  // WHATWG URL parsing has already turned forms like `127.1` or `0x7f.1` into dotted decimal.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The proxy URL for a request to `url`, or undefined for a direct connection. */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): string | undefined {
  if (url.protocol !== "https:" || isLoopbackHost(url.hostname)) return undefined;
  const proxy = env.HTTPS_PROXY || env.https_proxy;
  if (!proxy) return undefined;
  return noProxyMatches(url, env.NO_PROXY ?? env.no_proxy ?? "") ? undefined : proxy;
}

/**
 * NO_PROXY as curl and most tools read it: entries separated by commas or spaces, `*` for all,
 * a domain (with or without a leading `.` or `*.`) matching itself and its subdomains, an
 * optional `:port`. IP ranges (CIDR) are not supported.
 */
export function noProxyMatches(url: URL, noProxy: string): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  const port = url.port || (url.protocol === "http:" ? "80" : "443");
  return noProxy
    .split(/[\s,]+/)
    .filter((entry) => entry !== "")
    .some((raw) => {
      if (raw === "*") return true;
      const entry = raw.toLowerCase();
      const portAt = entry.lastIndexOf(":");
      const hasPort = portAt > 0 && /^\d+$/.test(entry.slice(portAt + 1)) && !entry.includes("]");
      if (hasPort && entry.slice(portAt + 1) !== port) return false;
      const domain = (hasPort ? entry.slice(0, portAt) : entry)
        .replace(/^\[|\]$/g, "")
        .replace(/^\*?\./, "");
      return host === domain || host.endsWith(`.${domain}`);
    });
}

/** One tunnelling agent per proxy URL: connections to the proxy are kept alive and reused. */
const proxyAgents = new Map<string, http.Agent>();

/**
 * The agent that sends a request to `url` through the proxy the rule names, or undefined when the
 * request goes directly (the caller keeps its own agent). `https-proxy-agent` opens a CONNECT
 * tunnel and then TLS to the target with the request's own TLS options, so certificate
 * verification stays on through the proxy.
 */
export function proxyAgentFor(url: URL, env: NodeJS.ProcessEnv): http.Agent | undefined {
  const proxy = proxyFor(url, env);
  if (proxy === undefined) return undefined;
  let agent = proxyAgents.get(proxy);
  if (!agent) {
    const { HttpsProxyAgent } = require("https-proxy-agent") as typeof import("https-proxy-agent");
    agent = new HttpsProxyAgent(proxy, { keepAlive: true }) as http.Agent;
    proxyAgents.set(proxy, agent);
  }
  return agent;
}
