/**
 * Where Tencent calls go and through which agent.
 *
 * The SDK, left alone, sends every call through `process.env.http_proxy` (lowercase, even for
 * https:// and loopback URLs) and knows no NO_PROXY (`common/http/fetch.js`: `options.proxy ||
 * process.env.http_proxy` unless `options.agent` is set; tencent-huawei.md §1.3 trap 3). So we
 * always pass our own `httpProfile.agent`, chosen by the rule every cloud follows
 * (core/cloud/network.ts): HTTPS_PROXY unless NO_PROXY names the host, never for loopback.
 */
import * as http from "node:http";
import * as https from "node:https";
import { proxyAgentFor } from "../core/cloud/network";

/** The SDK's own endpoint (`postgres_client.js`: `super("postgres.tencentcloudapi.com", ...)`). */
export const POSTGRES_ENDPOINT = "postgres.tencentcloudapi.com";

export interface EndpointTarget {
  /** As `httpProfile.protocol` takes it. */
  protocol: "http://" | "https://";
  /** host[:port], as `httpProfile.endpoint` takes it. */
  endpoint: string;
  /** The whole base URL, for the proxy rule. */
  url: URL;
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
    url,
  };
}

/** The agent for the SDK: never undefined, or the SDK would fall back to `http_proxy`. */
export function agentFor(target: EndpointTarget, env: NodeJS.ProcessEnv): http.Agent {
  return (
    proxyAgentFor(target.url, env) ??
    (target.protocol === "https://"
      ? new https.Agent({ keepAlive: true })
      : new http.Agent({ keepAlive: true }))
  );
}
