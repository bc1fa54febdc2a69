/**
 * Preload for a dynamic-provider host under test (`NODE_OPTIONS=--require <this file>`): every
 * outgoing connection and DNS lookup the process attempts is refused and reported on stderr as
 * `[net-guard] ...`, so a test can prove that `check` reaches nothing. The host's own gRPC
 * server only listens, which stays allowed, and so do lookups of IP literals and localhost (no network).
 */
// `require`, not `import *`: the namespace object of an ES import is read-only.
const dns: typeof import("dns") = require("dns");
import * as net from "net";

function report(what: string): void {
  process.stderr.write(`[net-guard] ${what}\n`);
}

/** Ports a test allows (the emulator's virtual clock, a test server), comma-separated. */
const ALLOWED_PORTS = (process.env.DBSSL_NET_GUARD_ALLOW_PORT ?? "").split(",").filter(Boolean);

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  // net.connect() passes its normalized arguments as one array: [options, callback].
  const [head] = args;
  const first = Array.isArray(head) ? head[0] : head;
  const opts = (
    typeof first === "object" && first !== null ? first : { port: first, host: args[1] }
  ) as {
    host?: string;
    port?: number | string;
    path?: string | null; // http passes path: null for TCP
  };
  if (ALLOWED_PORTS.includes(String(opts.port)) && typeof opts.path !== "string") {
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  }
  const where =
    typeof opts.path === "string" ? opts.path : `${opts.host ?? "localhost"}:${opts.port}`;
  report(`connect ${where}`);
  process.nextTick(() => this.destroy(new Error("net-guard: outgoing connections are refused")));
  return this;
} as typeof originalConnect;

const originalLookup = dns.lookup;
const refuseLookup = ((hostname: string, ...rest: unknown[]) => {
  // An IP literal resolves locally (the host's gRPC server binds 127.0.0.1 this way).
  if (net.isIP(hostname) || hostname === "localhost") {
    return (originalLookup as (...a: unknown[]) => void)(hostname, ...rest);
  }
  report(`dns.lookup ${hostname}`);
  const callback = rest[rest.length - 1];
  if (typeof callback === "function") {
    process.nextTick(() => callback(new Error("net-guard: DNS lookups are refused")));
  }
}) as typeof dns.lookup;
(dns as { lookup: typeof dns.lookup }).lookup = refuseLookup;
