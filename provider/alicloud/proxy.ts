/**
 * HTTPS_PROXY / NO_PROXY for the Alibaba clients, by the rule every cloud follows
 * (core/network.ts).
 *
 * Why this module exists: `@alicloud/openapi-core` accepts `httpsProxy` / `noProxy` in its Config
 * and hands them to `$dara.doAction`, but `@darabonba/typescript` (1.0.5, the latest) never reads
 * them, and `doAction` offers no way to pass an agent: it calls `httpx.request(url, options)` with
 * an agent of its own making. So every Alibaba call of this package runs inside `withCloudProxy`
 * (an AsyncLocalStorage scope carrying the provider's environment), and the one function the SDK
 * sends through, `httpx.request` (which `doAction` reads through a live binding at each call), is
 * wrapped once to give a request made INSIDE that scope the proxy agent the rule names. Requests
 * outside the scope (any other code using the SDK in this process) are untouched, and so are
 * ours when the rule says "direct" (loopback, NO_PROXY, no HTTPS_PROXY).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import * as path from "node:path";
import { proxyAgentFor } from "../core/network";

const scope = new AsyncLocalStorage<NodeJS.ProcessEnv>();
const WRAPPED = Symbol.for("pulumi-dbssl.proxy-wrapped");

type HttpxRequest = (url: string, options: Record<string, unknown>) => Promise<unknown>;
interface Httpx {
  request: HttpxRequest & { [WRAPPED]?: true };
}

/** Runs an Alibaba SDK call so that its requests follow the proxy rule for `env`. */
export function withCloudProxy<T>(env: NodeJS.ProcessEnv, send: () => Promise<T>): Promise<T> {
  if (!env.HTTPS_PROXY && !env.https_proxy) return send();
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
    const request = ((url, options) => {
      const env = scope.getStore();
      const agent = env === undefined ? undefined : proxyAgentFor(new URL(url), env);
      return original(url, agent === undefined ? options : { ...options, agent });
    }) as Httpx["request"];
    request[WRAPPED] = true;
    httpx.request = request;
  }
  wrapped = true;
}

/** `httpx` as seen from each installed Alibaba SDK's `@alicloud/openapi-core` transport. */
function sdkHttpxModules(): Httpx[] {
  const found = new Set<string>();
  for (const sdk of [
    "@alicloud/openapi-core",
    "@alicloud/rds20140815",
    "@alicloud/r-kvstore20150101",
  ]) {
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
