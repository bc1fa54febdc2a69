/**
 * The family-driver interface (v2): the only thing a database family implements.
 *
 * Everything else (check/diff plumbing, waiting for a steady instance, deciding when a change
 * has finished, per-call retries, rate limiting, errors, secrets, the serialized shim) lives
 * once in `provider/core`. A driver says only what differs between clouds: how to read the live
 * SSL state, which write call carries an action, and what one poll of the cloud shows. The core
 * decides, with memory across polls, when a change has finished (docs/ARCHITECTURE.md §2, §4).
 */
import type { CheckFailure, IdentifierFormat } from "./validation/check-failure";
import type { Clock } from "./clock";
import type { ProviderSettings } from "./settings";

/**
 * The one write a lifecycle step may send. `update` renews the certificate; `reconfigure`
 * changes settings while SSL stays on and sends only what changed (ARCHITECTURE F4).
 * `undefined` from `plan` means "nothing to do".
 */
export type SslAction = "open" | "close" | "update" | "reconfigure";

export const SSL_ACTIONS: readonly SslAction[] = ["open", "close", "update", "reconfigure"];

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
/** A cloud's documented formats for the identity inputs, checked offline at `check`. */
export interface InputFormats {
  instanceId: IdentifierFormat;
  region: IdentifierFormat;
}

export interface BaseLiveSsl {
  sslEnabled: boolean;
  /** ISO 8601, or undefined when SSL is off or the cloud does not say. */
  certificateExpiresAt?: string;
  /** The cloud says the certificate must be renewed (RDS `RequireUpdate`). */
  requireUpdate?: boolean;
  /** The instance status as the cloud spells it (`Running`, `SSL_MODIFYING`, `ACTIVE`, ...). */
  status: string;
  /** The instance accepts a write now: steady status and no change known to be in flight. */
  steady: boolean;
  /** Why the instance can never become steady on its own (deleting, stopped, locked): fail now. */
  terminal?: string;
  /**
   * The instance is going away (being deleted, released, isolated, shut down): a delete has
   * nothing left to protect and succeeds without a write (issue 17.10).
   */
  ending?: boolean;
  /** A change the cloud accepted earlier and has not applied yet (a task API shows it). */
  inFlight?: string;
  /** A change scheduled for a later window (ARCHITECTURE F8): no second write while it is. */
  scheduled?: string;
}

/** What `send` learnt from the write call. */
export interface SentAction {
  action: SslAction;
  requestId?: string;
  taskId?: string;
  /**
   * The cloud answered "already in that state" (F3). The core confirms it with a read and
   * then treats it as success with nothing to wait for.
   */
  alreadyInState?: boolean;
  /** The change was accepted for a later window (DDS SwitchMode, Tencent WaitSwitch; F8). */
  scheduled?: boolean;
  /** Settings sent with the action (input names -> values), so outputs can record them. */
  applied?: Record<string, unknown>;
  /**
   * The change cannot be observed sooner than this after the write (RDS v3: "it takes several
   * seconds to query the job ID", rds_13_0003): the waiter's first poll comes no earlier.
   */
  observableAfterMs?: number;
  /**
   * When the write's answer arrived (epoch ms on the provider's clock; the core stamps it): the
   * elapsed time a progress percentage is extrapolated over (remaining-estimate.ts). Our own
   * clock, not the task centre's, whose times may be skewed.
   */
  answeredAt?: number;
}

/**
 * One poll of the cloud while a change settles: facts only. The core decides "finished" with
 * memory: the target must be shown on a steady instance, and evidence that the change really
 * ran (a finished task, a transition seen in an earlier poll, a new expiry) must have been seen.
 * `L` is the family's live state, for `live`; without it (`SettleObservation`) a poll carries none.
 */
export interface SettleObservation<L extends BaseLiveSsl = never> {
  /** The status string the cloud reported (instance or task), for progress lines and timeouts. */
  state: string;
  /** The instance is steady (not restarting, no task running). */
  steady: boolean;
  /** The SSL read shows the declared target. */
  targetShown: boolean;
  /** Proof the change ran: a task that finished, a non-steady status seen, an expiry change. */
  evidence?: "task" | "transition" | "expiryChanged";
  /** The cloud says the change failed (task Fail, PG LastModifyStatus=failed, ...). */
  failure?: string;
  /**
   * The failure may be left over from an earlier change (PG LastModifyStatus keeps `failed`):
   * the core counts it only after evidence that this change ran, or after the grace period.
   */
  failureMayBeStale?: boolean;
  /** The change waits for a maintenance window (F8): stop waiting, report it as scheduled. */
  scheduled?: string;
  /** The instance disappeared during the change. */
  gone?: boolean;
  /** The instance reached a state it cannot leave on its own. */
  terminal?: string;
  /**
   * The cloud's own estimate, at the time of this poll, of how long the change still needs
   * (Alibaba `RemainTime`, or a progress percentage extrapolated over the elapsed time;
   * undefined when the cloud gives none). A hint for the waiter's next poll and the progress lines,
   * never a verdict.
   */
  remainingMs?: number;
  /**
   * The live state this poll read, exactly as `read` would return it, when the poll read it
   * whole. When this poll ends the wait, the core checks it against the declared state instead
   * of reading again (issue 11: a change that finishes at once costs its minimum calls + 0).
   */
  live?: L;
}

/** What the waiter would use from a poll beyond its verdict (remaining-estimate.ts decides). */
export interface PollWants {
  /**
   * A fresh estimate of the time left (`SettleObservation.remainingMs`). A family whose poll
   * answer carries the estimate gives it every time; one whose estimate costs a call of its own
   * (Redis: the task centre beside the task's detail) reads it only when asked, so an estimate
   * that would not move the next poll costs nothing.
   */
  remainingTime: boolean;
}

/** The poll of an instance that no longer exists: the core ends the wait with InstanceDeletedError. */
export const INSTANCE_GONE: SettleObservation = {
  state: "instance not found",
  steady: false,
  targetShown: false,
  gone: true,
};

/** What a driver gets for every cloud call. */
export interface DriverContext {
  settings: ProviderSettings;
  clock: Clock;
  /** Progress while waiting, to stderr at `dbssl:logLevel` info and debug; never receives secrets. */
  progress: (line: string) => void;
  /**
   * Warnings and the outcome of a change, printed at every level (`quiet` too). Absent (a test's
   * context): they go to `progress`. Use `notice(ctx, line)` (log.ts).
   */
  notice?: (line: string) => void;
  /** One line per cloud call, at `debug` only (call-cloud.ts). Absent: not printed. */
  debug?: (line: string) => void;
}

export interface SslDriver<I extends BaseSslInputs, L extends BaseLiveSsl> {
  /** Module path as users write it, e.g. `alicloud.rds`; used in every message. */
  readonly family: string;
  /** How long `up` waits when `timeoutMinutes` is not set (close to the cloud's documented durations). */
  readonly defaultTimeoutMinutes: number;
  /**
   * How long after a write a steady instance showing the target counts as finished without
   * other evidence (the cloud's lag before a change shows is shorter than this).
   */
  readonly settleGraceMs: number;
  /**
   * How long each action usually takes, from the cloud's documentation or observation (the
   * waiter's prior, docs/BENCHMARKS.md): polls are dense around it and sparse elsewhere.
   */
  readonly expectedDurationMs?: Partial<Record<SslAction, number>>;
  /** The actions this family's API has (F7). Without `update`, no rotateTrigger/renewBeforeDays. */
  readonly actions: readonly SslAction[];
  /** Output names that carry certificates, keys or passwords (marked secret by the resource class). */
  readonly secretOutputs: readonly string[];
  /** The family's own input names (besides the shared ones), echoed in outputs. */
  readonly inputNames: readonly string[];
  /**
   * The npm packages (vendor SDKs) this family loads at run time; optional peer dependencies
   * of pulumi-dbssl, so `check` can name the `npm install` line when one is missing.
   */
  readonly sdkPackages: readonly string[];
  /** The cloud's documented formats of `instanceId` and `region`, checked offline. */
  readonly inputFormats: InputFormats;
  /** Inputs that replace the resource when they change (besides instanceId and region). */
  readonly replaceOn?: readonly string[];

  /** Offline: the region used when none is declared (stack config, environment, cloud default). */
  defaultRegion(settings: ProviderSettings): string;
  /** Offline: apply defaults to the raw (already shared-validated) inputs. Unknowns pass through. */
  withDefaults(raw: Record<string, unknown>): Record<string, unknown>;
  /** Offline: family validation; no SDK, no network. Unknown values must be skipped. */
  validate(inputs: Record<string, unknown>, now: Date): CheckFailure[];
  /**
   * Offline: family properties whose stored outputs differ from these inputs. Outputs hold what
   * was read from the cloud, or for settings the cloud does not echo, what was last sent.
   */
  drifted(inputs: I, outputs: Record<string, unknown>): string[];

  /**
   * Offline: a plain-words warning when applying `inputs` over `outputs` restarts the instance.
   * Printed by `diff`, because the dynamic host drops detailed diffs (pulumi-dynamic.md P9).
   */
  restartWarning?(inputs: I, outputs: Record<string, unknown>): string | undefined;
  /**
   * Offline: what turning SSL on (`enabled`) or off does to the instance, as a verb phrase
   * ("restarts the instance (...)"), or undefined when it does not restart it or nobody knows.
   * Previews print it for a create, a replacement and a delete that disables SSL.
   */
  switchEffect?(enabled: boolean, inputs: I): string | undefined;

  /** Read the live SSL state; `undefined` when the instance no longer exists. */
  read(ctx: DriverContext, inputs: I): Promise<L | undefined>;
  /**
   * A change the cloud accepted and has not finished, seen where the instance status does not
   * show it yet (a task API), e.g. one sent by a process that was killed. Asked before every
   * write while the instance reads steady (`live` is that read); `undefined` when there is none.
   */
  unfinishedChange?(ctx: DriverContext, inputs: I, live: L): Promise<string | undefined>;
  /**
   * The change is over: the read-back after a write agreed, or the plan needed no write. A family
   * that marks its writes on the instance (RDS v3 tags, issue 17 item 3) removes the mark here;
   * it reports a failure as a progress line and never throws (the write is done either way).
   */
  changeOver?(ctx: DriverContext, inputs: I, live: L): Promise<void>;
  /**
   * Rules that need the live instance (engine, version, edition), checked before any write
   * (F5). Failures name the property and the engine.
   */
  validateLive?(inputs: I, live: L): CheckFailure[];
  /**
   * Which action takes `live` to `inputs`. `applied` holds what was last sent for settings the
   * cloud does not echo (the stored outputs); `rotate` asks for a certificate renewal.
   */
  plan(
    inputs: I,
    live: L,
    applied: Record<string, unknown>,
    rotate: boolean,
  ): SslAction | undefined;
  /**
   * The settings a write of `action` carries (what `send` answers as `applied`), known before the
   * answer: when the answer is lost, the watch compares settings the cloud does not echo with
   * these, as it would after an answer (issue 17.2). Families without such settings omit it.
   */
  intended?(
    inputs: I,
    action: SslAction,
    live: L,
    applied: Record<string, unknown>,
  ): Record<string, unknown> | undefined;
  /** Send the one write call for `action`. The core never resends it blindly. */
  send(
    ctx: DriverContext,
    inputs: I,
    action: SslAction,
    live: L,
    applied: Record<string, unknown>,
  ): Promise<SentAction>;
  /**
   * One poll while a change settles. `before` is the live state read before `send`; `wants` says
   * what the waiter would use from this poll beyond the verdict.
   */
  observe(
    ctx: DriverContext,
    inputs: I,
    sent: SentAction,
    before: L,
    wants: PollWants,
  ): Promise<SettleObservation<L>>;
  /**
   * Live state to outputs. `applied` holds the last sent value of each setting the cloud does
   * not echo; never fall back to the inputs. The core adds the declared inputs, `lastAction`,
   * `lastTaskId` and `lastRequestId`, and drops undefined values.
   */
  outputs(inputs: I, live: L, applied: Record<string, unknown>): Record<string, unknown>;
}
