/**
 * What the provider prints on stderr (Pulumi shows a dynamic provider's stderr: pulumi-dynamic.md
 * P7), by `dbssl:logLevel`:
 * - `quiet`: notices only: warnings (a restart a preview announces, a second declaration of one
 *   instance, `onDelete: "disable"`) and the outcome of each change (finished after how long,
 *   scheduled for the maintenance window, nothing left to protect). Errors reach the user through
 *   Pulumi's own error output at every level.
 * - `info` (the default): notices, and progress while waiting (state changes, retries, and a
 *   heartbeat at least every 30 s: wait-lines.ts).
 * - `debug`: all of that, and one line per cloud call: family, instance, API action, outcome
 *   (`ok` or the cloud's error code), HTTP status, request id and duration. Never parameters,
 *   answers or cloud messages: a Modify call carries keys and certificates.
 */
import { printable } from "./validation/check-failure";

export const LOG_LEVELS = ["quiet", "info", "debug"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const DEFAULT_LOG_LEVEL: LogLevel = "info";

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

/** The three kinds of line the provider prints (`DriverContext`). */
export interface LineSinks {
  /** Warnings and outcomes: every level. */
  notice: (line: string) => void;
  /** Progress while waiting: `info` and `debug`. */
  progress: (line: string) => void;
  /** One line per cloud call: `debug` only. */
  debug: (line: string) => void;
}

/** The sinks for `level`, each writing through `write` (or nowhere). */
export function linesAt(level: LogLevel, write: (line: string) => void): LineSinks {
  const none = () => undefined;
  return {
    notice: write,
    progress: level === "quiet" ? none : write,
    debug: level === "debug" ? (line) => write(`debug: ${line}`) : none,
  };
}

/** Prints a warning or an outcome: at every level (`DriverContext.notice`, else its progress). */
export function notice(
  ctx: { progress: (line: string) => void; notice?: (line: string) => void },
  line: string,
): void {
  (ctx.notice ?? ctx.progress)(line);
}

/** What one attempt of a cloud call came to, for its debug line. */
export interface CallOutcome {
  family: string;
  instanceId: string;
  action: string;
  /** `ok`, or the cloud's error code (or the network error's). */
  outcome: string;
  httpStatus?: number;
  requestId?: string;
  durationMs: number;
}

/** e.g. `alicloud.rds rm-1: DescribeDBInstanceSSL ok (HTTP 200, request 5C3E-..., 41 ms)`. */
export function callLine(c: CallOutcome): string {
  const facts = [
    ...(c.httpStatus === undefined ? [] : [`HTTP ${c.httpStatus}`]),
    `request ${c.requestId === undefined ? "(none)" : safeToken(c.requestId)}`,
    `${Math.round(c.durationMs)} ms`,
  ];
  return `${c.family} ${c.instanceId}: ${c.action} ${safeToken(c.outcome)} (${facts.join(", ")})`;
}

/**
 * A request id or error code as the cloud sent it, but printable and short: the value comes from
 * an answer, and must not forge a log line or carry a whole body.
 */
function safeToken(text: string): string {
  const shown = printable(text);
  return shown.length <= 80 ? shown : `${shown.slice(0, 77)}...`;
}

/**
 * The request id and HTTP status of a successful answer, from the shapes our clients return:
 * the Alibaba SDK models and `@alicloud/openapi-core` (`{statusCode, body: {requestId |
 * RequestId}}`), the Tencent SDK (`{RequestId}`, status not exposed), RDS v3 (`{status,
 * requestId}`, from the `X-Request-Id` header).
 */
export function answerFacts(answer: unknown): { requestId?: string; httpStatus?: number } {
  const top = record(answer);
  const body = record(top.body);
  const requestId = [top.requestId, top.RequestId, body.requestId, body.RequestId].find(
    (v): v is string => typeof v === "string" && v !== "",
  );
  const status = [top.statusCode, top.status].find((v): v is number => typeof v === "number");
  return { requestId, httpStatus: status };
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
}
