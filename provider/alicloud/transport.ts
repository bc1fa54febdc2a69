/**
 * What our Alibaba calls need from the SDK's transport and do not get from it; both are mended
 * at the one function the SDK sends through, for our calls only.
 *
 * 1. HTTPS_PROXY / NO_PROXY by the rule every cloud follows (core/cloud/network.ts):
 *    `@alicloud/openapi-core` accepts `httpsProxy` / `noProxy` in its Config and hands them to
 *    `$dara.doAction`, but `@darabonba/typescript` (1.0.5, the latest) never reads them, and
 *    `doAction` offers no way to pass an agent.
 * 2. The read timeout (`dbssl:requestTimeoutMs`): `httpx` (2.3.x) keeps each request's read timer
 *    on the keep-alive SOCKET and clears it only in `httpx.read`, which the SDK never calls. The
 *    stale timer of the previous request on that socket then fires and clears the NEXT request's
 *    timer, so a call sent within the timeout of the previous one can hang for ever (found by the
 *    fault matrix, issue 12). We clear the timer when the answer ends, as `httpx.read` would.
 *
 * So every Alibaba call of this package runs inside `withSdkTransport` (an AsyncLocalStorage
 * scope carrying the provider's environment), and `httpx.request` (which `doAction` reads through
 * a live binding at each call) is wrapped once. Requests outside the scope (any other code using
 * the SDK in this process) are untouched.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage } from "node:http";
import * as path from "node:path";
import { proxyAgentFor } from "../core/cloud/network";

const scope = new AsyncLocalStorage<NodeJS.ProcessEnv>();
const WRAPPED = Symbol.for("pulumi-dbssl.sdk-transport");
/** httpx's private `Symbol('TIMER::READ_TIMER')`, found by its description on the socket. */
const READ_TIMER = "TIMER::READ_TIMER";

type HttpxRequest = (url: string, options: Record<string, unknown>) => Promise<IncomingMessage>;
interface Httpx {
  request: HttpxRequest & { [WRAPPED]?: true };
}

/** Runs an Alibaba SDK call with the proxy rule for `env` and a read timeout that holds. */
export function withSdkTransport<T>(env: NodeJS.ProcessEnv, send: () => Promise<T>): Promise<T> {
  wrapSdkTransport();
  return scope.run(env, send);
}

let wrapped = false;

/** Wraps `httpx.request` of every copy the installed Alibaba SDKs send through (usually one). */
function wrapSdkTransport(): void {
  if (wrapped) return;
  for (const httpx of sdkHttpxModules()) {
    if (httpx.request[WRAPPED]) continue;
    const original = httpx.request;
    const request = (async (url, options) => {
      const env = scope.getStore();
      if (env === undefined) return original(url, options);
      const agent = proxyAgentFor(new URL(url), env);
      const response = await original(url, agent === undefined ? options : { ...options, agent });
      clearReadTimerAtEnd(response);
      return response;
    }) as Httpx["request"];
    request[WRAPPED] = true;
    httpx.request = request;
  }
  wrapped = true;
}

function clearReadTimerAtEnd(response: IncomingMessage): void {
  const socket = response.socket as unknown as Record<symbol, NodeJS.Timeout | null> | null;
  if (!socket) return;
  const timer = Object.getOwnPropertySymbols(socket).find((s) => s.description === READ_TIMER);
  if (timer === undefined) return;
  const clear = () => {
    const current = socket[timer];
    if (current) clearTimeout(current);
    socket[timer] = null;
  };
  response.once("end", clear);
  response.once("close", clear);
}

/** `httpx` as seen from each installed Alibaba SDK's `@alicloud/openapi-core` transport. */
function sdkHttpxModules(): Httpx[] {
  const found = new Set<string>();
  const sdks = ["@alicloud/openapi-core", "@alicloud/rds20140815", "@alicloud/r-kvstore20150101"];
  for (const sdk of sdks) {
    try {
      const sdkDir = path.dirname(require.resolve(`${sdk}/package.json`));
      const core = path.dirname(
        require.resolve("@alicloud/openapi-core/package.json", { paths: [sdkDir] }),
      );
      const dara = path.dirname(require.resolve("@darabonba/typescript", { paths: [core] }));
      found.add(require.resolve("httpx", { paths: [dara] }));
    } catch {
      // that SDK is not installed (each is an optional peer): nothing to wrap for it
    }
  }
  return [...found].map((file) => require(file) as Httpx);
}
