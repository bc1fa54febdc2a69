/**
 * The family-driver interface: the only thing a database family implements.
 *
 * Everything else (check/diff plumbing, waiting, per-call retries, rate limiting, errors,
 * secrets, the serialized shim) lives once in `provider/core`. A driver says only what
 * differs between clouds: how to read the live SSL state, which write call carries an
 * action, and when the cloud has finished. See docs/ARCHITECTURE.md for how each of the
 * five families maps onto it.
 */
import type { CheckFailure } from "./check-failure";
import type { Clock } from "./clock";
import type { ProviderSettings } from "./settings";

/** The one write a lifecycle step may send. `undefined` from `plan` means "nothing to do". */
export type SslAction = "open" | "close" | "update";

/** Inputs every family shares (DESIGN.md "Resource contract"). */
export interface BaseSslInputs {
  instanceId: string;
  region?: string;
  sslEnabled: boolean;
  rotateTrigger?: string;
  renewBeforeDays?: number;
  onDelete: "disable" | "retain";
  timeoutMinutes?: number;
}

/** What every family reads back, normalised. Families add their own fields. */
export interface BaseLiveSsl {
  sslEnabled: boolean;
  /** ISO 8601, or undefined when SSL is off or the cloud does not say. */
  certificateExpiresAt?: string;
  /** The cloud says the certificate must be renewed (RDS `RequireUpdate`). */
  requireUpdate?: boolean;
}

/** What `send` learnt from the write call. */
export interface SentAction {
  action: SslAction;
  requestId?: string;
  taskId?: string;
}

/** One observation of the "finished" test. */
export interface SettleObservation {
  /** The status string the cloud reported (instance or task), for progress lines and timeouts. */
  state: string;
  /** True when the cloud has finished and the SSL read shows the target. */
  done: boolean;
  /** Set when the cloud reports the change failed (task Fail, PG LastModifyStatus=failed, ...). */
  failure?: string;
}

/** What a driver gets for every cloud call. */
export interface DriverContext {
  settings: ProviderSettings;
  clock: Clock;
  /** Progress to stderr; never receives secrets. */
  progress: (line: string) => void;
}

export interface SslDriver<I extends BaseSslInputs, L extends BaseLiveSsl> {
  /** Module path as users write it, e.g. `alicloud.rds`; used in every message. */
  readonly family: string;
  /** How long `up` waits when `timeoutMinutes` is not set (close to the cloud's documented durations). */
  readonly defaultTimeoutMinutes: number;
  /** Output names that carry certificates, keys or passwords (marked secret by the resource class). */
  readonly secretOutputs: readonly string[];
  /** The family's own input names (besides the shared ones), echoed in outputs. */
  readonly inputNames: readonly string[];
  /**
   * The npm packages (vendor SDKs) this family loads at run time; optional peer dependencies
   * of pulumi-dbssl, so `check` can name the `npm install` line when one is missing.
   */
  readonly sdkPackages: readonly string[];
  /** Inputs that replace the resource when they change (besides instanceId and region). */
  readonly replaceOn?: readonly string[];

  /** Offline: apply defaults to the raw (already shared-validated) inputs. Unknowns pass through. */
  withDefaults(raw: Record<string, unknown>): Record<string, unknown>;
  /** Offline: family validation; no SDK, no network. Unknown values must be skipped. */
  validate(inputs: Record<string, unknown>): CheckFailure[];
  /** Offline: would these stored outputs differ from these inputs? (property names) */
  drifted(inputs: I, outputs: Record<string, unknown>): string[];

  /**
   * Offline: a plain-words warning when applying `inputs` over `outputs` restarts the instance.
   * Printed by `diff`, because the dynamic host drops detailed diffs (pulumi-dynamic.md P9).
   */
  restartWarning?(inputs: I, outputs: Record<string, unknown>): string | undefined;

  /** Read the live SSL state; `undefined` when the instance no longer exists. */
  read(ctx: DriverContext, inputs: I): Promise<L | undefined>;
  /** Which action takes `live` to `inputs`; `rotate` asks for a certificate renewal. */
  plan(inputs: I, live: L, rotate: boolean): SslAction | undefined;
  /** Send the one write call for `action`. Never retried blindly by the core after a timeout. */
  send(ctx: DriverContext, inputs: I, action: SslAction, live: L): Promise<SentAction>;
  /** One poll of the "finished" test. `before` is the live state read before `send`. */
  observe(ctx: DriverContext, inputs: I, sent: SentAction, before: L): Promise<SettleObservation>;
  /**
   * Live state to outputs. The core adds the declared inputs, `lastAction`, `lastTaskId` and
   * `lastRequestId`, and drops undefined values; a key set to undefined here is left out.
   */
  outputs(inputs: I, live: L): Record<string, unknown>;
}
