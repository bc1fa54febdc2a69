/**
 * The emulator's HTTP server: `/__admin/...` goes to the admin routes, everything else to the first wire
 * protocol that recognises the request (Alibaba ACS3 now; Tencent TC3 and Huawei SDK-HMAC later).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ADMIN_PREFIX, answerAdmin, type AdminRoute } from "./admin-routes";
import type { IncomingCall, WireAnswer, WireOutcome, WireProtocol } from "./wire-protocol";

export interface ServerRouting {
  adminRoutes: readonly AdminRoute[];
  protocols: readonly WireProtocol[];
  /** Counts cloud API calls from arrival until their outcome is known (admin calls excluded). */
  inFlight?: { count: number };
  /** Counts TCP connections accepted (a client that keeps connections alive opens few). */
  connections?: { count: number };
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const NO_PROTOCOL: WireAnswer = {
  status: 404,
  headers: { "content-type": "application/json;charset=utf-8" },
  body: JSON.stringify({ error: "no emulated cloud API recognises this request" }),
};

async function route(routing: ServerRouting, req: IncomingMessage): Promise<WireOutcome> {
  const rawBody = await readBody(req);
  const url = req.url ?? "/";
  const queryAt = url.indexOf("?");
  const pathname = queryAt < 0 ? url : url.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? "" : url.slice(queryAt + 1);
  const method = req.method ?? "GET";
  if (pathname === ADMIN_PREFIX || pathname.startsWith(`${ADMIN_PREFIX}/`)) {
    return answerAdmin(routing.adminRoutes, method, pathname, rawQuery, rawBody);
  }
  const call: IncomingCall = { method, pathname, rawQuery, headers: req.headersDistinct, rawBody };
  const protocol = routing.protocols.find((p) => p.matches(call));
  if (!protocol) return NO_PROTOCOL;
  const counter = routing.inFlight ?? { count: 0 };
  counter.count++;
  try {
    return await protocol.handle(call);
  } finally {
    counter.count--;
  }
}

function send(res: ServerResponse, outcome: WireOutcome): void {
  if ("reset" in outcome) {
    res.socket?.destroy();
    return;
  }
  if (res.socket?.destroyed) return;
  if (outcome.trickleMs !== undefined) return trickle(res, outcome, outcome.trickleMs);
  res.writeHead(outcome.status, outcome.headers);
  res.end(outcome.body);
}

/** The answer one byte at a time, `everyMs` real ms apart, until done or the client goes. */
function trickle(res: ServerResponse, outcome: WireAnswer, everyMs: number): void {
  const bytes = Buffer.from(outcome.body, "utf8");
  res.writeHead(outcome.status, { ...outcome.headers, "content-length": String(bytes.length) });
  let at = 0;
  const timer = setInterval(() => {
    if (res.socket?.destroyed || res.destroyed) return clearInterval(timer);
    if (at >= bytes.length) {
      clearInterval(timer);
      res.end();
      return;
    }
    res.write(bytes.subarray(at, at + 1));
    at += 1;
  }, everyMs);
}

export function startServer(
  routing: ServerRouting,
  port: number,
  host: string,
): Promise<RunningServer> {
  const server: Server = createServer((req, res) => {
    route(routing, req).then(
      (outcome) => send(res, outcome),
      (error: unknown) => {
        console.error(
          "emulator request failed:",
          error instanceof Error ? error.message : String(error),
        );
        send(res, {
          ...NO_PROTOCOL,
          status: 500,
          body: JSON.stringify({ error: "emulator failure" }),
        });
      },
    );
  });
  server.on("connection", () => {
    if (routing.connections) routing.connections.count++;
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
