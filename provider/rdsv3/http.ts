/**
 * One HTTPS (or loopback HTTP) exchange with `node:http(s)`: no SDK, so nothing else in the
 * process logs requests. The caller passes the proxy agent the rule of every cloud names
 * (core/network.ts: HTTPS_PROXY unless NO_PROXY names the host, never loopback); without one the
 * connection is direct. `http://` is accepted only for loopback (core/settings.ts).
 */
import * as http from "node:http";
import * as https from "node:https";

export interface HttpExchange {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** A proxy agent, or undefined for a direct connection. */
  agent?: http.Agent;
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Rejects with an Error whose `code` is the socket error (`ETIMEDOUT` for our own timeout). */
export function exchange(x: HttpExchange): Promise<HttpAnswer> {
  const transport = x.url.protocol === "http:" ? http : https;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      x.url,
      { method: x.method, headers: x.headers, agent: x.agent ?? false, timeout: x.timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => {
      const error = new Error("request timed out") as Error & { code: string };
      error.code = "ETIMEDOUT";
      req.destroy(error);
    });
    req.on("error", reject);
    req.end(x.body === "" ? undefined : x.body);
  });
}
