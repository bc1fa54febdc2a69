/**
 * Provider-process settings, from stack config passed to `configure()` (the engine sends the
 * whole stack config with namespaced keys; pulumi-dynamic.md P5) and from the environment.
 * Credentials are read from here at call time; they never enter inputs, outputs or `__provider`.
 */
import { printable } from "./validation/check-failure";
import { DEFAULT_LOG_LEVEL, isLogLevel, LOG_LEVELS, type LogLevel } from "./log";
import { isLoopbackHost } from "./cloud/network";

export interface ProviderSettings {
  /** A namespaced stack config value (`alicloud:region`), or undefined. */
  config(key: string): string | undefined;
  env: NodeJS.ProcessEnv;
  /** Points every cloud client at this base URL (the project's cloud emulator). */
  endpointOverride?: string;
  /**
   * The status-poll schedule's floor and cap (`nextPollDelay` in wait.ts, docs/BENCHMARKS.md):
   * default 1 s and 10 minutes, the values the schedule is designed with.
   */
  pollFirstDelayMs: number;
  pollMaxDelayMs: number;
  /** Client-side rate limit per cloud API, shared by every resource in this process. */
  requestsPerSecond: number;
  /** How long one cloud call may wait for its answer (the SDKs' read timeout). */
  requestTimeoutMs: number;
  /** How much goes to stderr (`dbssl:logLevel`, log.ts); `info` while the value is refused. */
  logLevel: LogLevel;
  /**
   * Why a setting's value is refused, naming the key and what is allowed. Every `check` fails
   * with these, so a typo stops the preview instead of being ignored.
   */
  problems: readonly string[];
}

/** The subset of the host's ConfigureRequest we use (`@pulumi/pulumi/dynamic`). */
export interface ConfigSource {
  get(key: string): string | undefined;
}

/** The schedule's floor and cap (docs/BENCHMARKS.md "The waiter's schedule"). */
export const DEFAULT_POLL_FLOOR_MS = 1_000;
export const DEFAULT_POLL_CAP_MS = 600_000;

export const SETTINGS_KEYS = {
  endpointOverride: "dbssl:endpointOverride",
  pollFirstDelayMs: "dbssl:pollIntervalMs",
  pollMaxDelayMs: "dbssl:pollMaxIntervalMs",
  requestsPerSecond: "dbssl:requestsPerSecond",
  requestTimeoutMs: "dbssl:requestTimeoutMs",
  logLevel: "dbssl:logLevel",
} as const;

export function settingsFrom(
  source: ConfigSource | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ProviderSettings {
  const config = (key: string) => nonEmpty(source?.get(key));
  const num = (key: string, envName: string, fallback: number) => {
    const parsed = Number(config(key) ?? env[envName]);
    return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
  };
  const log = logLevelFrom(config(SETTINGS_KEYS.logLevel) ?? nonEmpty(env.DBSSL_LOG_LEVEL));
  return {
    config,
    env,
    endpointOverride:
      config(SETTINGS_KEYS.endpointOverride) ?? nonEmpty(env.DBSSL_ENDPOINT_OVERRIDE),
    pollFirstDelayMs: num(
      SETTINGS_KEYS.pollFirstDelayMs,
      "DBSSL_POLL_INTERVAL_MS",
      DEFAULT_POLL_FLOOR_MS,
    ),
    pollMaxDelayMs: num(
      SETTINGS_KEYS.pollMaxDelayMs,
      "DBSSL_POLL_MAX_INTERVAL_MS",
      DEFAULT_POLL_CAP_MS,
    ),
    requestsPerSecond: num(SETTINGS_KEYS.requestsPerSecond, "DBSSL_REQUESTS_PER_SECOND", 10),
    requestTimeoutMs: num(SETTINGS_KEYS.requestTimeoutMs, "DBSSL_REQUEST_TIMEOUT_MS", 30_000),
    logLevel: log.level,
    problems: log.problem === undefined ? [] : [log.problem],
  };
}

/** `dbssl:logLevel` (else `DBSSL_LOG_LEVEL`): one of LOG_LEVELS, case as written. */
function logLevelFrom(raw: string | undefined): { level: LogLevel; problem?: string } {
  if (raw === undefined || isLogLevel(raw)) return { level: raw ?? DEFAULT_LOG_LEVEL };
  const shown = printable(raw.length <= 20 ? raw : `${raw.slice(0, 20)}...`);
  return {
    level: DEFAULT_LOG_LEVEL,
    problem:
      `${SETTINGS_KEYS.logLevel} (or DBSSL_LOG_LEVEL) must be one of ` +
      `${LOG_LEVELS.map((l) => `"${l}"`).join(", ")}; got "${shown}"`,
  };
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === "" ? undefined : v;
}

/**
 * Why `dbssl:endpointOverride` may not be used, or undefined when it is fine. Every request
 * carries a signature and, with STS, the security token, so plain `http://` is allowed only to a
 * loopback address (the local emulator): 127.0.0.0/8, ::1 or localhost. Never echoes the value,
 * which may hold a user name or password.
 */
export function endpointOverrideProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.includes("://") ? url : `https://${url}`);
  } catch {
    return `${SETTINGS_KEYS.endpointOverride} is not a URL (expected e.g. https://rds.example.com or http://127.0.0.1:8080)`;
  }
  if (parsed.protocol === "https:") return undefined;
  if (parsed.protocol !== "http:") {
    return `${SETTINGS_KEYS.endpointOverride} must start with https:// (or http:// for a loopback address)`;
  }
  if (isLoopbackHost(parsed.hostname)) return undefined;
  return (
    `${SETTINGS_KEYS.endpointOverride} uses plain http:// for a host that is not a loopback ` +
    "address (127.0.0.0/8, ::1, localhost): signed requests and security tokens would cross the " +
    "network unencrypted. Use https://, or http:// only for a local emulator"
  );
}

/** `host:port` of the override, for messages (the URL may carry credentials: never the whole). */
export function endpointHostPort(url: string): string {
  try {
    const parsed = new URL(url.includes("://") ? url : `https://${url}`);
    return parsed.port === "" ? parsed.hostname : `${parsed.hostname}:${parsed.port}`;
  } catch {
    return "(not a URL)";
  }
}
