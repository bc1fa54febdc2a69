/**
 * The one wrapper every RDS v3 call goes through: endpoint, AK/SK signature, the process-wide rate
 * limit per cloud API, per-call retry (reads after throttling, 5xx and network errors; the PUT only
 * after throttling) and typed errors. Credentials are read at call time from the stack config or
 * the environment (clouds.ts) and never leave this module.
 */
import type { DriverContext } from "../core/driver";
import { callCloud } from "../core/cloud/call-cloud";
import {
  CredentialsError,
  tlsFailureMessage,
  tlsFailureOf,
  type ErrorSubject,
} from "../core/cloud/errors";
import { proxyAgentFor } from "../core/cloud/network";
import { rateLimiterFor, type RateLimitKey } from "../core/cloud/rate-limit";
import { endpointHostPort, SETTINGS_KEYS } from "../core/settings";
import { setting, type RdsV3Cloud } from "./clouds";
import { networkError, RdsV3ApiError, toRdsV3Error } from "./errors";
import { exchange, type HttpAnswer } from "./http";
import { authorization, sdkDate } from "./signer";

export interface RdsV3Call {
  ctx: DriverContext;
  cloud: RdsV3Cloud;
  subject: ErrorSubject;
  /** API name for messages and the log, e.g. `SwitchSsl`. */
  action: string;
  method: "GET" | "PUT" | "POST";
  /** Sending it twice does what sending it once does (a tag set to one value): retried like a read. */
  idempotent?: boolean;
  /** Path after the project, e.g. `/instances`. */
  path: string;
  query?: Record<string, string>;
  body?: object;
  projectId: string;
  region: string;
}

export interface RdsV3Answer {
  status: number;
  json: Record<string, unknown>;
  requestId?: string;
}

export function callRdsV3(call: RdsV3Call): Promise<RdsV3Answer> {
  const { ctx } = call;
  return callCloud({
    ...call,
    readOnly: call.method === "GET" || call.idempotent === true,
    limiter: rateLimiterFor(limitKey(call), ctx.clock, ctx.settings.requestsPerSecond),
    send: () => sendOnce(call),
    // sendOnce already raises the cloud's typed errors.
    typedError: (e) => e as Error,
  });
}

/** Huawei limits each API per user (its published 60 a minute); OTC gets one budget (clouds.ts). */
function limitKey(call: RdsV3Call): string | RateLimitKey {
  const { cloud } = call;
  return cloud.limitedPer === "api"
    ? { cloud: cloud.name, region: call.region, api: call.action }
    : cloud.family;
}

/** The stack config keys and variables to check, for messages (never their values). */
export function credentialHint(cloud: RdsV3Cloud): string {
  return `check ${[...cloud.accessKey, ...cloud.secretKey].join(" / ")}`;
}

async function sendOnce(call: RdsV3Call): Promise<RdsV3Answer> {
  const { ctx, cloud } = call;
  const accessKey = setting(ctx.settings, cloud.accessKey);
  const secretKey = setting(ctx.settings, cloud.secretKey);
  if (!accessKey || !secretKey) {
    throw new CredentialsError(
      call.subject,
      `no ${cloud.title} credentials found: set ${cloud.accessKey.join(" or ")} and ` +
        `${cloud.secretKey.join(" or ")} (a stack config secret: \`pulumi config set --secret ...\`)`,
    );
  }
  const base = new URL(ctx.settings.endpointOverride ?? cloud.endpoint(call.region));
  const path = `/v3/${call.projectId}${call.path}`;
  const url = new URL(path, base.origin);
  for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
  const body = call.body === undefined ? "" : JSON.stringify(call.body);
  const token = setting(ctx.settings, cloud.securityToken);
  const headers: Record<string, string> = {
    Host: url.host,
    "Content-Type": "application/json",
    "X-Project-Id": call.projectId,
    "X-Sdk-Date": sdkDate(ctx.clock.now()),
    ...(token ? { "X-Security-Token": token } : {}),
  };
  const toSign = { method: call.method, path, query: call.query ?? {}, headers, body };
  headers.Authorization = authorization(toSign, accessKey, secretKey);
  let answer: HttpAnswer;
  try {
    answer = await exchange({
      url,
      method: call.method,
      headers,
      body,
      timeoutMs: ctx.settings.requestTimeoutMs,
      agent: proxyAgentFor(url, ctx.settings.env),
    });
  } catch (error) {
    throw transportError(call, error);
  }
  return readAnswer(call, answer);
}

function readAnswer(call: RdsV3Call, answer: HttpAnswer): RdsV3Answer {
  const requestId = header(answer, "x-request-id");
  if (answer.status < 200 || answer.status >= 300) {
    throw toRdsV3Error(
      call.subject,
      call.action,
      { ...answer, requestId, retryAfter: header(answer, "retry-after") },
      credentialHint(call.cloud),
    );
  }
  if (answer.body.trim() === "") return { status: answer.status, json: {}, requestId };
  try {
    const json = JSON.parse(answer.body) as unknown;
    if (json !== null && typeof json === "object" && !Array.isArray(json)) {
      return { status: answer.status, json: json as Record<string, unknown>, requestId };
    }
  } catch {
    // falls through: a 2xx whose body is not a JSON object
  }
  // Whether a write behind such an answer ran is unknown: it counts as a 5xx (read first).
  throw new RdsV3ApiError(call.subject, {
    action: call.action,
    code: "InvalidResponse",
    requestId,
    httpStatus: answer.status,
    retryClass: "unavailable",
    cloudMessage: `HTTP ${answer.status} whose body is not a JSON object`,
  });
}

function transportError(call: RdsV3Call, error: unknown): RdsV3ApiError {
  const code = (error as { code?: string })?.code ?? "NetworkError";
  const override = call.ctx.settings.endpointOverride;
  const tls = tlsFailureOf(error);
  if (tls !== undefined) {
    const host = new URL(override ?? call.cloud.endpoint(call.region)).host;
    const cloudMessage = tlsFailureMessage(tls, host);
    return new RdsV3ApiError(call.subject, {
      action: call.action,
      code: tls,
      retryClass: "final",
      cloudMessage,
    });
  }
  if (override !== undefined && code === "ECONNREFUSED") {
    // Nothing listens there, so nothing was sent: retrying would only wait.
    return new RdsV3ApiError(call.subject, {
      action: call.action,
      code,
      retryClass: "final",
      cloudMessage:
        `connection refused by ${endpointHostPort(override)}, the ${SETTINGS_KEYS.endpointOverride} ` +
        "endpoint: is the service (or emulator) running there?",
    });
  }
  return networkError(call.subject, call.action, code);
}

function header(answer: HttpAnswer, name: string): string | undefined {
  const value = answer.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
