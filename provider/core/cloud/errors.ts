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
  | "notRun" // the cloud failed on its side before running it: the same call again, a few times
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
  /** The cloud's own text (or ours where it gave none), without the action, code or request id. */
  readonly cloudMessage: string;

  constructor(subject: ErrorSubject, d: CloudErrorDetails, options?: { cause?: unknown }) {
    const rid = d.requestId ? ` [RequestId: ${d.requestId}]` : "";
    super(subject, `${d.action} failed: ${d.code}: ${d.cloudMessage}${rid}`, options);
    this.action = d.action;
    this.code = d.code;
    this.requestId = d.requestId;
    this.httpStatus = d.httpStatus;
    this.retryClass = d.retryClass;
    this.retryAfterMs = d.retryAfterMs;
    this.cloudMessage = d.cloudMessage;
  }

  /** The same error (its class, code and request id) with another message and retry class. */
  restated(retryClass: RetryClass, cloudMessage: string): CloudApiError {
    const Same = this.constructor as new (s: ErrorSubject, d: CloudErrorDetails) => CloudApiError;
    const { action, code, requestId, httpStatus } = this;
    const subject = { family: this.family, instanceId: this.instanceId };
    return new Same(subject, { action, code, requestId, httpStatus, retryClass, cloudMessage });
  }
}

/**
 * The instance does not exist (any more). A wrong region looks exactly like a missing instance,
 * so the message names where we looked and what the cloud answered.
 */
export class InstanceNotFoundError extends DbSslError {
  readonly region?: string;
  readonly endpoint?: string;
  readonly code?: string;
  readonly requestId?: string;

  constructor(subject: ErrorSubject, where: NotFoundDetails, options?: { cause?: unknown }) {
    const answer = where.code ? `answered ${where.code}` : "gave an empty answer";
    const rid = where.requestId ? ` [RequestId: ${where.requestId}]` : "";
    super(
      subject,
      `instance not found in region ${where.region ?? "(default)"} (endpoint ` +
        `${where.endpoint ?? "unknown"}): the cloud ${answer}${rid}. ` +
        `Check instanceId and region (a wrong region looks like a missing instance).`,
      options,
    );
    Object.assign(this, where);
  }
}

export interface NotFoundDetails {
  region?: string;
  endpoint?: string;
  code?: string;
  requestId?: string;
}

/**
 * A successful answer without the fields the call documents (`{}`, a cut or padded body): only
 * the cloud's own not-found answer means the instance is gone, so this is an error, never a
 * deletion, and a refresh fails instead of dropping the resource (issue 17 item 5).
 */
export function incompleteAnswer(
  subject: ErrorSubject,
  action: string,
  missing: string,
  requestId?: string,
): CloudApiError {
  return new CloudApiError(subject, {
    action,
    code: "IncompleteAnswer",
    requestId,
    retryClass: "unavailable",
    cloudMessage:
      `the cloud answered without ${missing}; the instance is not assumed deleted ` +
      "(only the cloud's not-found answer means that)",
  });
}

/** The instance disappeared while a change was settling (a delete then has nothing left to do). */
export class InstanceDeletedError extends DbSslError {}

export function isGone(error: unknown): boolean {
  return (
    (error instanceof CloudApiError && error.retryClass === "gone") ||
    error instanceof InstanceNotFoundError ||
    error instanceof InstanceDeletedError
  );
}

/** A rule that needs the live instance (engine, edition) failed before anything was sent (F5). */
export class LiveValidationError extends DbSslError {
  constructor(
    subject: ErrorSubject,
    readonly failures: readonly { property: string; reason: string }[],
  ) {
    super(subject, `${failures.map((f) => f.reason).join("; ")}; nothing was changed`);
  }
}

/** The instance is in a state it will not leave on its own (deleting, stopped, locked). */
export class InstanceStateError extends DbSslError {}

/** The cloud did not finish in time. Carries what was seen last and what was awaited. */
export class WaitTimeoutError extends DbSslError {
  constructor(
    subject: ErrorSubject,
    readonly lastState: string,
    readonly target: string,
    readonly elapsedMs: number,
    /** The wait came before any write of this run: nothing can "still complete". */
    readonly nothingSent = false,
  ) {
    super(
      subject,
      `timed out after ${formatDuration(elapsedMs)} waiting for ${target}; last state: ${lastState}. ` +
        (nothingSent
          ? `Nothing was sent: run \`pulumi up\` again once that is over, or raise timeoutMinutes.`
          : `The change may still complete: run \`pulumi refresh\`, or raise timeoutMinutes.`),
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

/**
 * Certificate failures by the code Node gives them (`err.code`, or its cause's), else by the
 * OpenSSL text the SDKs pass on in a message (node-fetch: "request to URL failed, reason: ...").
 */
const TLS_FAILURES: readonly (readonly [string, RegExp])[] = [
  ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", /unable to verify the first certificate/i],
  ["SELF_SIGNED_CERT_IN_CHAIN", /self[- ]signed certificate in certificate chain/i],
  ["DEPTH_ZERO_SELF_SIGNED_CERT", /self[- ]signed certificate/i],
  ["UNABLE_TO_GET_ISSUER_CERT_LOCALLY", /unable to get local issuer certificate/i],
  ["UNABLE_TO_GET_ISSUER_CERT", /unable to get issuer certificate/i],
  ["CERT_HAS_EXPIRED", /certificate has expired/i],
  ["CERT_NOT_YET_VALID", /certificate is not yet valid/i],
  ["ERR_TLS_CERT_ALTNAME_INVALID", /does not match certificate's altnames/i],
];

/** The certificate failure behind a network error, as Node's code; undefined for any other. */
export function tlsFailureOf(error: unknown): string | undefined {
  const seen = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (const e of [seen, seen?.cause as typeof seen]) {
    const code = typeof e?.code === "string" ? e.code : undefined;
    if (code && TLS_FAILURES.some(([c]) => c === code)) return code;
  }
  const text = `${String(seen?.message ?? "")} ${String((seen?.cause as Error)?.message ?? "")}`;
  return TLS_FAILURES.find(([, re]) => re.test(text))?.[0];
}

/**
 * The message of a certificate failure (issue 17 item 14): the handshake failed, so nothing was
 * sent and retrying cannot help (retry class `final`).
 */
export function tlsFailureMessage(code: string, host: string | undefined): string {
  return (
    `TLS: certificate verify failed (${code}) talking to ${host ?? "the API endpoint"}; ` +
    "nothing was sent. A TLS-inspecting proxy needs its CA in NODE_EXTRA_CA_CERTS"
  );
}
