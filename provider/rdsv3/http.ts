/**
 * One HTTPS (or loopback HTTP) exchange with `node:http(s)`: no SDK, so nothing else in the
 * process logs requests. The caller passes the proxy agent the rule of every cloud names
 * (core/cloud/network.ts: HTTPS_PROXY unless NO_PROXY names the host, never loopback); without one the
 * connection is direct, over a keep-alive agent shared by the process (one TLS handshake per
 * connection, not per call). `http://` is accepted only for loopback (core/settings.ts).
 *
 * `timeoutMs` is a total deadline for the whole exchange, answer body included: a socket idle
 * timeout would restart on every byte of a trickling answer and never fire (issue 17 item 6).
 */
import * as http from "node:http";
import * as https from "node:https";

export interface HttpExchange {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string;
  /** The whole exchange, from the request to the last byte of the answer. */
  timeoutMs: number;
  /** A proxy agent, or undefined for a direct connection (the shared keep-alive agent). */
  agent?: http.Agent;
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const KEEP_ALIVE = {
  http: new http.Agent({ keepAlive: true }),
  https: new https.Agent({ keepAlive: true }),
};

/** Rejects with an Error whose `code` is the socket error (`ETIMEDOUT` for our own deadline). */
export function exchange(x: HttpExchange): Promise<HttpAnswer> {
  const plain = x.url.protocol === "http:";
  const transport = plain ? http : https;
  const agent = x.agent ?? (plain ? KEEP_ALIVE.http : KEEP_ALIVE.https);
  return new Promise((resolve, reject) => {
    const req = transport.request(x.url, { method: x.method, headers: x.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        clearTimeout(deadline);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        });
      });
      res.on("error", reject);
    });
    const deadline = setTimeout(() => {
      const error = new Error(`no complete answer within ${x.timeoutMs} ms`) as Error & {
        code: string;
      };
      error.code = "ETIMEDOUT";
      req.destroy(error);
      reject(error);
    }, x.timeoutMs);
    req.on("close", () => clearTimeout(deadline));
    req.on("error", reject);
    req.end(x.body === "" ? undefined : x.body);
  });
}
