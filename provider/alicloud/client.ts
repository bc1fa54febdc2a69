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
import { CredentialsError, type ErrorSubject } from "../core/errors";
import { rateLimiterFor } from "../core/rate-limit";
import { retryCall } from "../core/retry";
import { toAlibabaApiError } from "./errors";

export const DEFAULT_REGION = "cn-hangzhou";

export function alibabaRegion(ctx: DriverContext, region?: string): string {
  const env = ctx.settings.env;
  return region ?? ctx.settings.config("alicloud:region") ?? env.ALICLOUD_REGION ?? DEFAULT_REGION;
}

/** SDK Config for `@alicloud/openapi-core` based clients; loads the SDK lazily. */
export function alibabaSdkConfig(ctx: DriverContext, region: string): unknown {
  const { $OpenApiUtil } = require("@alicloud/openapi-core");
  const Credential = require("@alicloud/credentials").default;
  const { Config: CredentialConfig } = require("@alicloud/credentials");
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
    readTimeout: 30_000,
    connectTimeout: 10_000,
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
  /** e.g. `alicloud.rds`: one rate limiter per API. */
  api: string;
  action: string;
  readOnly: boolean;
  send: () => Promise<T>;
}

export async function callAlibaba<T>(call: AlibabaCall<T>): Promise<T> {
  const { ctx } = call;
  const limiter = rateLimiterFor(call.api, ctx.clock, ctx.settings.requestsPerSecond);
  return retryCall(
    async () => {
      await limiter.take();
      try {
        return await call.send();
      } catch (e) {
        throw asTypedError(call, e);
      }
    },
    {
      clock: ctx.clock,
      readOnly: call.readOnly,
      onRetry: (error, attempt, delay) =>
        ctx.progress(
          `${call.subject.family} ${call.subject.instanceId}: ${call.action} ${error.code}, ` +
            `retry ${attempt} in ${Math.round(delay / 100) / 10}s`,
        ),
    },
  );
}

function asTypedError(call: AlibabaCall<unknown>, e: unknown): Error {
  const err = e as { name?: string; code?: string; message?: string };
  if (
    err?.code === "InvalidCredentials" ||
    /credentials? (not found|could not be loaded)/i.test(err?.message ?? "")
  ) {
    return new CredentialsError(
      call.subject,
      "no Alibaba Cloud credentials: set `pulumi config set alicloud:accessKey ...` and " +
        "`pulumi config set --secret alicloud:secretKey ...`, or ALICLOUD_ACCESS_KEY / " +
        "ALICLOUD_SECRET_KEY, or a credential source of @alicloud/credentials",
    );
  }
  return toAlibabaApiError(call.subject, call.action, e);
}
