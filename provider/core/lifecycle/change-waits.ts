/**
 * The waits of one change (apply-change.ts): before the write, until the instance is steady
 * (F1, with the family's task check); after it, until the cloud has finished (wait.ts
 * `waitForSslState`, with the family's prior and grace). Also the small helpers both share.
 */
import type {
  BaseLiveSsl,
  BaseSslInputs,
  DriverContext,
  SentAction,
  SettleObservation,
  SslDriver,
} from "../driver";
import {
  InstanceStateError,
  SslChangeFailedError,
  WaitTimeoutError,
  type ErrorSubject,
} from "../cloud/errors";
import type { ChangeRequest } from "./change-request";
import {
  durationsScatter,
  estimateCorrection,
  learnedDuration,
  recordDuration,
  recordEstimateError,
  type DurationKey,
} from "./learned-durations";
import { RemainingEstimate } from "./remaining-estimate";
import {
  pollDelay,
  pollUntil,
  SCHEDULE,
  waitForSslState,
  type PollOptions,
  type SettleVerdict,
} from "./wait";
import { notice } from "../log";

/** A settled wait: the verdict, and the live state of the poll that gave it (when it read one). */
export interface Settled<L> {
  verdict: SettleVerdict;
  live?: L;
  /** A finished change: ms from the accepted write to the poll that saw it done (measured). */
  measuredMs?: number;
}

/**
 * The longest back-off after a "busy" answer (the instance read steady but the cloud refused):
 * doubling from `dbssl:pollIntervalMs`, no longer than this, whatever `dbssl:pollMaxIntervalMs`.
 */
const BUSY_MAX_DELAY_MS = 30_000;

/** Never write to a changing instance: poll until it is steady (F1); terminal states fail now. */
export async function waitUntilSteady<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  req: ChangeRequest<I, L>,
  live: L,
  busy: number,
  /** A write of this run may have reached the cloud (its answer was lost). */
  wrote = false,
): Promise<L> {
  assertNotTerminal(driver, req, live);
  if (busy === 0) {
    const checked = await withUnfinishedChange(driver, req, live);
    if (checked.steady) return checked;
    live = checked;
  } else {
    // The cloud said busy while the instance read steady: back off before reading again.
    if (req.ctx.clock.now() >= req.deadline) {
      const subject = subjectOf(driver, req.inputs);
      const elapsed = req.ctx.clock.now() - (req.startedAt ?? req.ctx.clock.now());
      throw new WaitTimeoutError(
        subject,
        live.status,
        "a write the cloud accepts",
        elapsed,
        !wrote,
      );
    }
    const { pollFirstDelayMs, pollMaxDelayMs } = req.ctx.settings;
    const maxDelay = Math.min(pollMaxDelayMs, BUSY_MAX_DELAY_MS);
    await req.ctx.clock.sleep(pollDelay(busy, pollFirstDelayMs, maxDelay));
  }
  try {
    return await pollUntil(
      pollOptions(driver, req, "the instance to be steady", busy > 0),
      async () => withUnfinishedChange(driver, req, await readLive(driver, req)),
      (l) => {
        assertNotTerminal(driver, req, l);
        return l.steady ? { done: true, value: l } : { done: false, state: describeLive(l) };
      },
    );
  } catch (error) {
    if (!(error instanceof WaitTimeoutError) || wrote) throw error;
    const { lastState, target, elapsedMs } = error;
    throw new WaitTimeoutError(subjectOf(driver, req.inputs), lastState, target, elapsedMs, true);
  }
}

/** A steady-looking instance may still have a change in flight that only a task API shows. */
async function withUnfinishedChange<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  req: ChangeRequest<I, L>,
  live: L,
): Promise<L> {
  if (!live.steady || !driver.unfinishedChange) return live;
  const inFlight = await driver.unfinishedChange(req.ctx, req.inputs, live);
  return inFlight ? { ...live, steady: false, inFlight } : live;
}

function assertNotTerminal<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  req: ChangeRequest<I, L>,
  live: L,
): void {
  if (!live.terminal) return;
  throw new InstanceStateError(
    subjectOf(driver, req.inputs),
    `${live.terminal}; it will not change on its own, so nothing was sent`,
  );
}

function describeLive(live: BaseLiveSsl): string {
  return live.inFlight ? `${live.status} (${live.inFlight})` : live.status;
}

export async function settle<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  req: ChangeRequest<I, L>,
  sent: SentAction,
  before: L,
  mayNotHaveRun = false,
): Promise<Settled<L>> {
  const { ctx } = req;
  const sentAt = ctx.clock.now();
  // The judge runs on each poll as it arrives, so the last one observed is the one that decided.
  let last: SettleObservation<L> | undefined;
  const key = durationKey(driver, sent, before);
  const estimate = new RemainingEstimate(estimateCorrection(driver.family));
  const verdict = await waitForSslState(
    {
      ...pollOptions(driver, req, targetOf(sent), false),
      // The change's outcome: printed at every log level, `quiet` included.
      finished: (line) => notice(ctx, line),
      // Asked before each poll, so what the first finishers of a fleet teach reaches every wait.
      expectedMs: () => priorFor(driver, key, sent, req.applied),
      estimate,
      sentAt,
      graceMs: driver.settleGraceMs,
      mayNotHaveRun,
      notBefore: () => sentAt + (sent.observableAfterMs ?? 0),
    },
    async () => {
      const wants = { remainingTime: estimate.wantsSample(ctx.clock.now() - sentAt) };
      return (last = await driver.observe(ctx, req.inputs, sent, before, wants));
    },
  );
  if (verdict !== "finished") return { verdict };
  const measuredMs = ctx.clock.now() - sentAt;
  learnFrom(key, estimate, measuredMs);
  return { verdict, live: last?.live, measuredMs };
}

/** What the learned durations are kept by: the family, the engine when the live state names one. */
function durationKey(
  driver: { family: string },
  sent: SentAction,
  before: BaseLiveSsl,
): DurationKey {
  const engine = (before as BaseLiveSsl & { engine?: unknown }).engine;
  return {
    family: driver.family,
    engine: typeof engine === "string" ? engine : undefined,
    action: sent.action,
  };
}

/**
 * The prior of this wait: the resource's own last measured change (`lastChangeSeconds` in its
 * stored outputs), else the median this process measured for the family, engine and action,
 * else the family's figure in code; none when what this process measured scatters.
 */
function priorFor(
  driver: { expectedDurationMs?: Partial<Record<SentAction["action"], number>> },
  key: DurationKey,
  sent: SentAction,
  stored: Record<string, unknown>,
): number | undefined {
  const own = stored.lastChangeSeconds;
  if (typeof own === "number" && own > 0) return own * 1000;
  // Changes measured here that vary more than the dense window spans say no one figure is the
  // prior, the code's included: the schedule without one (wait.ts).
  if (durationsScatter(key, SCHEDULE.WINDOW_TO)) return undefined;
  return learnedDuration(key) ?? driver.expectedDurationMs?.[sent.action];
}

/**
 * The change ended between the last poll that saw it running and the one that saw it done: the
 * midpoint is what is learnt. The poll that saw it done alone would feed the waiter's own
 * lateness back: an estimate scaled by a correction learnt from late detections puts the next
 * poll later still, and a queue of calls (a fleet) makes every detection late (issue 18 fleet).
 */
function learnFrom(key: DurationKey, estimate: RemainingEstimate, measuredMs: number): void {
  const running = estimate.lastRunningAtMs;
  const endedMs = running === undefined ? measuredMs : (running + measuredMs) / 2;
  recordDuration(key, endedMs);
  const first = estimate.first;
  if (first) recordEstimateError(key.family, endedMs - first.atMs, first.remainingMs);
}

function pollOptions<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  req: ChangeRequest<I, L>,
  target: string,
  pollFirst: boolean,
): PollOptions {
  const { ctx } = req;
  return {
    subject: subjectOf(driver, req.inputs),
    target,
    clock: ctx.clock,
    deadline: req.deadline,
    firstDelayMs: ctx.settings.pollFirstDelayMs,
    maxDelayMs: ctx.settings.pollMaxDelayMs,
    progress: ctx.progress,
    pollFirst,
    startedAt: req.startedAt,
  };
}

export async function readLive<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  req: { ctx: DriverContext; inputs: I },
): Promise<L> {
  const live = await driver.read(req.ctx, req.inputs);
  if (!live) throw new SslChangeFailedError(subjectOf(driver, req.inputs), "instance not found");
  return live;
}

export function progress(
  driver: { family: string },
  req: { ctx: DriverContext; inputs: { instanceId: string } },
  line: string,
): void {
  req.ctx.progress(`${driver.family} ${req.inputs.instanceId}: ${line}`);
}

/** A warning or an outcome about the instance: printed at every log level (log.ts). */
export function noticeAbout(
  driver: { family: string },
  req: { ctx: DriverContext; inputs: { instanceId: string } },
  line: string,
): void {
  notice(req.ctx, `${driver.family} ${req.inputs.instanceId}: ${line}`);
}

export function subjectOf(
  driver: { family: string },
  inputs: { instanceId: string },
): ErrorSubject {
  return { family: driver.family, instanceId: inputs.instanceId };
}

function targetOf(sent: SentAction): string {
  const goal = {
    open: "SSL enabled",
    close: "SSL disabled",
    update: "certificate renewed",
    reconfigure: "SSL settings applied",
  };
  return `${goal[sent.action]} and the instance ready`;
}
