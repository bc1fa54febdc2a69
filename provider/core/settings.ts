/**
 * Provider-process settings, from stack config passed to `configure()` (the engine sends the
 * whole stack config with namespaced keys; pulumi-dynamic.md P5) and from the environment.
 * Credentials are read from here at call time; they never enter inputs, outputs or `__provider`.
 */

export interface ProviderSettings {
  /** A namespaced stack config value (`alicloud:region`), or undefined. */
  config(key: string): string | undefined;
  env: NodeJS.ProcessEnv;
  /** Points every cloud client at this base URL (the project's cloud emulator). */
  endpointOverride?: string;
  pollFirstDelayMs: number;
  pollMaxDelayMs: number;
  /** Client-side rate limit per cloud API, shared by every resource in this process. */
  requestsPerSecond: number;
}

/** The subset of the host's ConfigureRequest we use (`@pulumi/pulumi/dynamic`). */
export interface ConfigSource {
  get(key: string): string | undefined;
}

export const SETTINGS_KEYS = {
  endpointOverride: "dbssl:endpointOverride",
  pollFirstDelayMs: "dbssl:pollIntervalMs",
  pollMaxDelayMs: "dbssl:pollMaxIntervalMs",
  requestsPerSecond: "dbssl:requestsPerSecond",
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
  return {
    config,
    env,
    endpointOverride:
      config(SETTINGS_KEYS.endpointOverride) ?? nonEmpty(env.DBSSL_ENDPOINT_OVERRIDE),
    pollFirstDelayMs: num(SETTINGS_KEYS.pollFirstDelayMs, "DBSSL_POLL_INTERVAL_MS", 5_000),
    pollMaxDelayMs: num(SETTINGS_KEYS.pollMaxDelayMs, "DBSSL_POLL_MAX_INTERVAL_MS", 30_000),
    requestsPerSecond: num(SETTINGS_KEYS.requestsPerSecond, "DBSSL_REQUESTS_PER_SECOND", 10),
  };
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === "" ? undefined : v;
}
