/**
 * Typed errors. Every message names the family and the instance, carries the cloud's error
 * code and request id where there is one, and never a credential, key or certificate.
 * Classes carry a brand because the provider runs from a serialized shim in another process,
 * where `instanceof` across module copies is unreliable (Pulumi's own `errors.ts` does the same).
 */

const BRAND = Symbol.for("pulumi-dbssl:error");

export interface ErrorSubject {
  /** e.g. `alicloud.rds` */
  family: string;
  instanceId: string;
}

export class DbSslError extends Error {
  readonly [BRAND] = true;
  readonly family: string;
  readonly instanceId: string;

  constructor(subject: ErrorSubject, message: string, options?: { cause?: unknown }) {
    super(`${subject.family} SSL (${subject.instanceId}): ${message}`, options);
    this.name = new.target.name;
    this.family = subject.family;
    this.instanceId = subject.instanceId;
  }

  static isInstance(e: unknown): e is DbSslError {
    return typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** How the per-call retry should treat a failed call. */
export type RetryClass =
  | "throttled" // rejected before it ran: safe to resend, after the cloud's retry-after
  | "unavailable" // 5xx: may or may not have run
  | "network" // reset, refused, timed out: may or may not have run
  | "busy" // instance busy with another change: wait, then resend
  | "gone" // the instance does not exist (any more)
  | "final";

export interface CloudErrorDetails {
  action: string;
  /** The cloud's own error code, e.g. `InvalidACL.Permission`. */
  code: string;
  requestId?: string;
  httpStatus?: number;
  retryClass: RetryClass;
  retryAfterMs?: number;
  cloudMessage: string;
}

/** A cloud API call failed. Family clients subclass it (e.g. `AlibabaApiError`). */
export class CloudApiError extends DbSslError {
  readonly action: string;
  readonly code: string;
  readonly requestId?: string;
  readonly httpStatus?: number;
  readonly retryClass: RetryClass;
  readonly retryAfterMs?: number;

  constructor(subject: ErrorSubject, d: CloudErrorDetails, options?: { cause?: unknown }) {
    const rid = d.requestId ? ` [RequestId: ${d.requestId}]` : "";
    super(subject, `${d.action} failed: ${d.code}: ${d.cloudMessage}${rid}`, options);
    this.action = d.action;
    this.code = d.code;
    this.requestId = d.requestId;
    this.httpStatus = d.httpStatus;
    this.retryClass = d.retryClass;
    this.retryAfterMs = d.retryAfterMs;
  }
}

/** The instance does not exist (any more); the cloud call that said so is `cause`. */
export class InstanceNotFoundError extends DbSslError {}

export function isGone(error: unknown): boolean {
  return error instanceof CloudApiError && error.retryClass === "gone";
}

/** The cloud did not finish in time. Carries what was seen last and what was awaited. */
export class WaitTimeoutError extends DbSslError {
  constructor(
    subject: ErrorSubject,
    readonly lastState: string,
    readonly target: string,
    readonly elapsedMs: number,
  ) {
    super(
      subject,
      `timed out after ${formatDuration(elapsedMs)} waiting for ${target}; last state: ${lastState}. ` +
        `The change may still complete: run \`pulumi refresh\`, or raise timeoutMinutes.`,
    );
  }
}

/** The cloud reported that the change itself failed (task Fail, LastModifyStatus=failed). */
export class SslChangeFailedError extends DbSslError {}

/** Missing or unusable credentials; names the config keys and variables to set, never values. */
export class CredentialsError extends DbSslError {}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}
