/**
 * Tencent Cloud clients: credentials, region, endpoint and agent, and the one wrapper every
 * Tencent call goes through (per-action rate limit shared by the process, per-call retry, typed
 * errors). The Node SDK has no retry of its own (tencent-huawei.md §1.6).
 *
 * Credentials, in order: stack config `tencentcloud:secretId` / `tencentcloud:secretKey` /
 * `tencentcloud:securityToken` (the official tencentcloud provider's keys), the variables
 * `TENCENTCLOUD_SECRET_ID` / `TENCENTCLOUD_SECRET_KEY` / `TENCENTCLOUD_SECURITY_TOKEN` (the name
 * the Tencent Pulumi and Terraform providers read; the SDK's own `TENCENTCLOUD_SESSION_TOKEN` is
 * accepted too), then the rest of the SDK's default chain: `~/.tencentcloud/credentials`, the
 * CVM role, OIDC (`common/credential.js` DefaultCredentialProvider).
 */
import type { DriverContext } from "../core/driver";
import { describeValue, rules } from "../core/validation/check-failure";
import { callCloud } from "../core/cloud/call-cloud";
import {
  CredentialsError,
  tlsFailureMessage,
  tlsFailureOf,
  type ErrorSubject,
} from "../core/cloud/errors";
import { rateLimiterFor } from "../core/cloud/rate-limit";
import type { ProviderSettings } from "../core/settings";
import { endpointHostPort, SETTINGS_KEYS } from "../core/settings";
import { TencentApiError, toTencentApiError } from "./errors";
import { endpointTarget } from "./network";
import { POSTGRES_REGION_FORMAT } from "./formats";

/** The tencentcloud provider's default region (Terraform provider `region` default). */
export const DEFAULT_REGION = "ap-guangzhou";

/** ModifyDBInstanceSSLConfig and DescribeDBInstanceSSLConfig: 20 requests per second each (seed 003). */
export const TENCENT_ACTION_RATE_LIMIT = 20;

const NO_CREDENTIALS = "pulumi-dbssl: no Tencent Cloud credentials found";
const CREDENTIAL_HELP =
  "no Tencent Cloud credentials found: set `pulumi config set tencentcloud:secretId ...` and " +
  "`pulumi config set --secret tencentcloud:secretKey ...` (and tencentcloud:securityToken for " +
  "temporary keys), or TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY " +
  "(TENCENTCLOUD_SECURITY_TOKEN), or a source of the SDK's default chain " +
  "(~/.tencentcloud/credentials, a CVM role, OIDC)";

/** The region calls go to: the `region` input, else config, else the environment, else the default. */
export function tencentRegion(settings: ProviderSettings, region?: string): string {
  if (region !== undefined) return region;
  const configured = settings.config("tencentcloud:region") ?? settings.env.TENCENTCLOUD_REGION;
  if (configured === undefined || configured === "") return DEFAULT_REGION;
  if (!rules.format(POSTGRES_REGION_FORMAT)("region", configured)) return configured;
  throw new Error(
    `pulumi-dbssl: tencentcloud:region (or TENCENTCLOUD_REGION) must be ` +
      `${POSTGRES_REGION_FORMAT.description}; got ${describeValue(configured)}`,
  );
}

export interface TencentCredential {
  secretId: string;
  secretKey: string;
  token?: string;
}

type CredentialSource = TencentCredential | { getCredential(): Promise<TencentCredential> };

/** Static keys from config or environment, else the SDK's chain (loaded only then). */
export function tencentCredential(settings: ProviderSettings): CredentialSource {
  const { config, env } = settings;
  const secretId = config("tencentcloud:secretId") ?? env.TENCENTCLOUD_SECRET_ID;
  const secretKey = config("tencentcloud:secretKey") ?? env.TENCENTCLOUD_SECRET_KEY;
  const token =
    config("tencentcloud:securityToken") ??
    (env.TENCENTCLOUD_SECURITY_TOKEN || env.TENCENTCLOUD_SESSION_TOKEN || undefined);
  if (secretId && secretKey) return { secretId, secretKey, token };
  return defaultChain();
}

/**
 * The SDK's chain after the environment (which we read above): profile file, CVM role, OIDC.
 * Unlike `DefaultCredentialProvider` it prints nothing (that one `console.error`s each miss, with
 * stack traces) and gives up after a few seconds per source instead of hanging on the metadata URL.
 */
function defaultChain(): CredentialSource {
  type CredentialModule = typeof import("tencentcloud-sdk-nodejs/tencentcloud/common/credential");
  const sdk = loadTencentSdk<CredentialModule>("tencentcloud", "tencentcloud/common/credential");
  const sources = [
    new sdk.ProfileCredential(),
    new sdk.CvmRoleCredential(),
    new sdk.OIDCRoleArnCredential(),
  ];
  return {
    async getCredential() {
      for (const source of sources) {
        const found = await withTimeout<Partial<TencentCredential>>(
          source.getCredential() as Promise<Partial<TencentCredential>>,
          5_000,
        ).catch(() => undefined);
        if (found?.secretId && found?.secretKey) return found as TencentCredential;
      }
      throw new Error(NO_CREDENTIALS);
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const TENCENT_SDK_PACKAGE = "tencentcloud-sdk-nodejs";

/**
 * One module of the SDK by deep path (`tencentcloud/index.js` would load all 262 services,
 * ~480 ms; the postgres client alone ~150 ms: tencent-huawei.md §1.2). The package is looked up
 * first, so a missing SDK names the package in its `npm install` line, not the deep path.
 */
export function loadTencentSdk<T>(family: string, modulePath: string): T {
  return require("../core/cloud/sdk").loadSdk(family, `${TENCENT_SDK_PACKAGE}/${modulePath}`);
}

export interface TencentCall<T> {
  ctx: DriverContext;
  subject: ErrorSubject;
  /** The region the call goes to: Tencent limits each action per region (rate-limit.ts). */
  region: string;
  action: string;
  readOnly: boolean;
  send: () => Promise<T>;
}

/**
 * Tencent limits each action on its own (seed 003: "A maximum of 20 requests can be initiated per
 * second for this API"), so each action has its own process-wide bucket. The core's bucket holds
 * a burst as large as its rate (core/cloud/rate-limit.ts), so a full bucket plus one second of refill
 * lets 2 x rate calls into one second: the rate is capped at half the cloud's limit.
 */
export function callTencent<T>(call: TencentCall<T>): Promise<T> {
  const { ctx } = call;
  const rate = Math.min(ctx.settings.requestsPerSecond, TENCENT_ACTION_RATE_LIMIT / 2);
  const key = { cloud: "tencentcloud", region: call.region, api: call.action };
  return callCloud({
    ...call,
    limiter: rateLimiterFor(key, ctx.clock, rate),
    // node-fetch times headers and body apart: the whole call gets one deadline here.
    deadlineMs: ctx.settings.requestTimeoutMs,
    typedError: (e) => asTypedError(call, e),
  });
}

function asTypedError(call: TencentCall<unknown>, e: unknown): Error {
  const err = e as { code?: string; httpCode?: number; message?: string };
  if (!err?.code && !err?.httpCode && (err?.message ?? "").startsWith(NO_CREDENTIALS)) {
    return new CredentialsError(call.subject, CREDENTIAL_HELP);
  }
  const override = call.ctx.settings.endpointOverride;
  const tls = err?.code ? undefined : tlsFailureOf(e);
  if (tls !== undefined) {
    const host = endpointTarget(override).url.host;
    return new TencentApiError(call.subject, {
      action: call.action,
      code: tls,
      retryClass: "final",
      cloudMessage: tlsFailureMessage(tls, host),
    });
  }
  if (override !== undefined && !err?.code && /ECONNREFUSED/.test(err?.message ?? "")) {
    // Nothing listens there, so nothing was sent: retrying would only wait.
    return new TencentApiError(call.subject, {
      action: call.action,
      code: "ECONNREFUSED",
      retryClass: "final",
      cloudMessage:
        `connection refused by ${endpointHostPort(override)}, the ${SETTINGS_KEYS.endpointOverride} ` +
        "endpoint: is the service (or emulator) running there?",
    });
  }
  return toTencentApiError(call.subject, call.action, call.readOnly, e);
}
