/**
 * Alibaba Cloud clients: credentials, region, endpoint override, and the one wrapper every
 * Alibaba call goes through (process-wide rate limit, per-call retry, typed errors).
 *
 * Credentials, in order: stack config `alicloud:accessKey` / `alicloud:secretKey` /
 * `alicloud:securityToken` (the official alicloud provider's keys), the env variables
 * `ALICLOUD_ACCESS_KEY` / `ALICLOUD_SECRET_KEY` / `ALICLOUD_SECURITY_TOKEN`, then the
 * `@alicloud/credentials` default chain (ALIBABA_CLOUD_* env, profile, ECS RAM role, ...).
 */
import type { DriverContext } from "../core/driver";
import { rules } from "../core/validation/check-failure";
import { callCloud } from "../core/cloud/call-cloud";
import { CredentialsError, incompleteAnswer, type ErrorSubject } from "../core/cloud/errors";
import { rateLimiterFor } from "../core/cloud/rate-limit";
import { endpointHostPort, SETTINGS_KEYS } from "../core/settings";
import { AlibabaApiError, toAlibabaApiError } from "./errors";
import { withSdkTransport } from "./transport";
import { ALIBABA_REGION_FORMAT } from "./formats";

export const DEFAULT_REGION = "cn-hangzhou";

/**
 * The region a call goes to. `check` validates the `region` input; the config and environment
 * values are checked here, because the region becomes part of the API host name (formats.ts).
 */
/**
 * The region a call goes to. It becomes part of the API host name, so it is checked here too,
 * not only at `check`: a state the engine never checked (edited by hand) must not redirect
 * signed requests to another host.
 */
export function alibabaRegion(ctx: DriverContext, region?: string): string {
  const configured = ctx.settings.config("alicloud:region") ?? ctx.settings.env.ALICLOUD_REGION;
  const chosen = region ?? configured ?? DEFAULT_REGION;
  const source = region !== undefined ? "region" : "alicloud:region (or ALICLOUD_REGION)";
  const problem = rules.format(ALIBABA_REGION_FORMAT)(source, chosen);
  if (problem === undefined) return chosen;
  throw new Error(`pulumi-dbssl: ${problem}`);
}

/** Clients per provider settings, product and region: building one loads credentials and endpoint rules. */
const productClients = new WeakMap<object, Map<string, unknown>>();

/** The cached client of `product` for this region, built once by `build` (shared by every family). */
export function cachedProductClient<C>(
  ctx: DriverContext,
  product: string,
  region: string,
  build: () => C,
): C {
  let byKey = productClients.get(ctx.settings);
  if (!byKey) productClients.set(ctx.settings, (byKey = new Map()));
  const key = `${product}|${region}`;
  if (!byKey.has(key)) byKey.set(key, build());
  return byKey.get(key) as C;
}

/** SDK Config for `@alicloud/openapi-core` based clients; loads the SDK lazily. */
export function alibabaSdkConfig(ctx: DriverContext, region: string): unknown {
  const { $OpenApiUtil } = require("../core/cloud/sdk").loadSdk(
    "alicloud",
    "@alicloud/openapi-core",
  );
  const Credential = require("../core/cloud/sdk").loadSdk(
    "alicloud",
    "@alicloud/credentials",
  ).default;
  const { Config: CredentialConfig } = require("../core/cloud/sdk").loadSdk(
    "alicloud",
    "@alicloud/credentials",
  );
  const { config, env } = ctx.settings;
  const accessKeyId = config("alicloud:accessKey") ?? env.ALICLOUD_ACCESS_KEY;
  const accessKeySecret = config("alicloud:secretKey") ?? env.ALICLOUD_SECRET_KEY;
  const securityToken = config("alicloud:securityToken") ?? env.ALICLOUD_SECURITY_TOKEN;
  const credential =
    accessKeyId && accessKeySecret
      ? new Credential(
          new CredentialConfig({
            type: securityToken ? "sts" : "access_key",
            accessKeyId,
            accessKeySecret,
            securityToken,
          }),
        )
      : new Credential();
  const endpoint = ctx.settings.endpointOverride;
  return new $OpenApiUtil.Config({
    credential,
    regionId: region,
    ...(endpoint ? endpointFields(endpoint) : {}),
    // `dbssl:requestTimeoutMs` is the one deadline of a call. httpx hands `connectTimeout` to
    // http.request as the socket's IDLE timeout, which runs for the whole exchange, not just the
    // connect: a shorter value would cut off a slow answer (issue 17.1).
    readTimeout: ctx.settings.requestTimeoutMs,
    connectTimeout: ctx.settings.requestTimeoutMs,
  });
}

/** `http://127.0.0.1:1234` -> the SDK's `endpoint` (host[:port]) and `protocol` fields. */
function endpointFields(url: string): { endpoint: string; protocol: string } {
  const parsed = new URL(url.includes("://") ? url : `https://${url}`);
  return { endpoint: parsed.host, protocol: parsed.protocol.replace(":", "") };
}

export interface AlibabaCall<T> {
  ctx: DriverContext;
  subject: ErrorSubject;
  /** e.g. `alicloud.rds`: the product. */
  api: string;
  action: string;
  /** The region the call goes to: one rate limiter per region and action (issue 11). */
  region: string;
  readOnly: boolean;
  send: () => Promise<T>;
}

export function callAlibaba<T>(call: AlibabaCall<T>): Promise<T> {
  const { ctx } = call;
  // Alibaba limits each action of a product per account and region: one bucket each, shared by
  // every resource of the stack in this process.
  const key = { cloud: "alicloud", region: call.region, api: `${call.api}/${call.action}` };
  return callCloud({
    ...call,
    limiter: rateLimiterFor(key, ctx.clock, ctx.settings.requestsPerSecond),
    send: () => withSdkTransport(ctx.settings.env, call.send),
    typedError: (e) => asTypedError(call, e),
  });
}

function asTypedError(call: AlibabaCall<unknown>, e: unknown): Error {
  const err = e as { name?: string; code?: string; message?: string; statusCode?: number };
  if (err?.statusCode === undefined && isCredentialFailure(err)) {
    return new CredentialsError(
      call.subject,
      "no Alibaba Cloud credentials found: set `pulumi config set alicloud:accessKey ...` and " +
        "`pulumi config set --secret alicloud:secretKey ...` (and alicloud:securityToken for STS), " +
        "or ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY (ALICLOUD_SECURITY_TOKEN), or a source of " +
        "the @alicloud/credentials default chain (ALIBABA_CLOUD_ACCESS_KEY_ID / " +
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET, ~/.alibabacloud/credentials, an ECS RAM role)",
    );
  }
  const override = call.ctx.settings.endpointOverride;
  if (override !== undefined && err?.statusCode === undefined && err?.code === "ECONNREFUSED") {
    // Nothing listens there, so nothing was sent: retrying would only wait (43 s at the defaults).
    return new AlibabaApiError(call.subject, {
      action: call.action,
      code: "ECONNREFUSED",
      retryClass: "final",
      cloudMessage:
        `connection refused by ${endpointHostPort(override)}, the ${SETTINGS_KEYS.endpointOverride} ` +
        "endpoint: is the service (or emulator) running there?",
    });
  }
  return toAlibabaApiError(call.subject, call.action, e);
}

/**
 * The SDK's own InvalidCredentials (openapi-core client.js: no credential object), and the
 * @alicloud/credentials default chain giving up (providers/default.js: "unable to get credentials
 * from any of the providers in the chain: ..."), whose text lists ENOENT from a missing profile
 * file and would otherwise read as a network error.
 */
function isCredentialFailure(err: { code?: string; message?: string } | undefined): boolean {
  const message = err?.message ?? "";
  return (
    err?.code === "InvalidCredentials" ||
    /unable to get credentials from any of the providers in the chain/.test(message) ||
    /credentials? (not found|could not be loaded)/i.test(message)
  );
}

/**
 * An SSL read's answer must carry the field that says whether SSL is on (every engine's answer
 * documents it): a 200 without it (`{}`, a padded body) proves nothing, so it is an
 * `IncompleteAnswer` error, never "SSL off", which would plan a write (issue 17 item 5).
 */
export function requireSslField<B extends object>(
  subject: { family: string; instanceId: string },
  action: string,
  body: B | undefined,
  field: string,
): B {
  const fields = (body ?? {}) as Record<string, unknown>;
  if (fields[field] !== undefined && fields[field] !== null) return body as B;
  const requestId = fields.requestId ?? fields.RequestId;
  throw incompleteAnswer(
    subject,
    action,
    field,
    typeof requestId === "string" ? requestId : undefined,
  );
}
