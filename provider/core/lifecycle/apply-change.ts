/**
 * Takes one instance from its live SSL state to the declared one, shared by create, update and
 * delete: wait until the instance is steady (never write to a changing instance, F1), check the
 * rules that need the live instance (F5), plan one action, send it, wait until the cloud has
 * finished (with memory, wait.ts), read back.
 *
 * A write is never resent blindly (none of the write calls takes an idempotency token,
 * alibaba.md §5):
 * - an answer that proves the write did not run (busy, throttled, a 4xx) means: wait until the
 *   instance is steady, read, plan again;
 * - an answer we cannot know (5xx, reset, a timeout while the cloud may still apply it) means:
 *   the write is recorded as sent first (the resource stays in state whatever happens next),
 *   then we watch. A change that shows up is waited for; a write that shows no sign of having run
 *   after the family's grace period is sent again, but never after the deadline, and a renewal
 *   (which changes nothing else we can see) is never sent twice.
 */
import type { CheckFailure } from "../validation/check-failure";
import type { ChangeRequest, ChangeResult } from "./change-request";
import type { BaseLiveSsl, BaseSslInputs, SentAction, SslDriver } from "../driver";
import {
  CloudApiError,
  DbSslError,
  LiveValidationError,
  SslChangeFailedError,
} from "../cloud/errors";
import {
  noticeAbout,
  progress,
  readLive,
  settle,
  subjectOf,
  waitUntilSteady,
  type Settled,
} from "./change-waits";

export { readLive, subjectOf };

export async function applyChange<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  request: ChangeRequest<I, L>,
): Promise<ChangeResult<L>> {
  const req = { ...request, startedAt: request.startedAt ?? request.ctx.clock.now() };
  let live = req.live;
  let lost: SentAction | undefined; // a write of this run whose answer was lost
  for (let busy = 0; ;) {
    live = await waitUntilSteady(driver, req, live, busy, lost !== undefined);
    rejectLiveFailures(driver, req, driver.validateLive?.(req.inputs, live) ?? []);
    if (live.scheduled) {
      noticeAbout(
        driver,
        req,
        `a scheduled change is still pending (${live.scheduled}); nothing sent`,
      );
      return { live };
    }
    const action = driver.plan(req.inputs, live, req.applied, req.rotate && !lost);
    if (!action) {
      await driver.changeOver?.(req.ctx, req.inputs, live);
      return { live, sent: lost };
    }
    if (lost) refuseResend(driver, req, lost);
    assertOffered(driver, req, action);
    // What the write carries is known before its answer: a lost answer is watched against it.
    const intended = driver.intended?.(req.inputs, action, live, req.applied);
    const attempt: SentAction = intended === undefined ? { action } : { action, applied: intended };
    req.onSent?.(attempt);
    let sent: SentAction;
    try {
      sent = await driver.send(req.ctx, req.inputs, action, live, req.applied);
      sent = { ...sent, answeredAt: req.ctx.clock.now() };
    } catch (error) {
      if (!(error instanceof CloudApiError)) throw error;
      if (!outcomeUnknown(error)) {
        req.onSent?.(lost); // the write provably did not run
        if (error.retryClass !== "busy") throw error;
        busy++;
        progress(driver, req, `instance busy (${error.code}): waiting until it is steady`);
        continue;
      }
      lost = attempt;
      const settled = await watchLostWrite(driver, req, attempt, live, error);
      if (settled.verdict !== "not-run") return conclude(driver, req, attempt, settled);
      live = await readLive(driver, req);
      continue;
    }
    req.onSent?.(sent);
    if (sent.alreadyInState) {
      progress(driver, req, `the cloud says SSL is already in that state; confirming with a read`);
      const confirmed = await readBack(driver, req, sent);
      await driver.changeOver?.(req.ctx, req.inputs, confirmed);
      return { live: confirmed, sent };
    }
    const settled: Settled<L> = sent.scheduled
      ? { verdict: "scheduled" }
      : await settle(driver, req, sent, live);
    return conclude(driver, req, sent, settled);
  }
}

async function conclude<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  req: ChangeRequest<I, L>,
  sent: SentAction,
  settled: Settled<L>,
): Promise<ChangeResult<L>> {
  if (settled.verdict === "scheduled") {
    noticeAbout(
      driver,
      req,
      `${sent.action} is scheduled for the maintenance window; refresh later`,
    );
    return { live: await readLive(driver, req), sent: { ...sent, scheduled: true } };
  }
  const live = await readBack(driver, req, sent, settled.live);
  await driver.changeOver?.(req.ctx, req.inputs, live);
  return { live, sent, measuredMs: settled.measuredMs };
}

/** 5xx, reset, timeout: the write may have run. Throttling, busy and 4xx prove it did not. */
function outcomeUnknown(error: CloudApiError): boolean {
  return error.retryClass === "unavailable" || error.retryClass === "network";
}

async function watchLostWrite<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  req: ChangeRequest<I, L>,
  attempt: SentAction,
  before: L,
  error: CloudApiError,
): Promise<Settled<L>> {
  progress(
    driver,
    req,
    `${error.code}: the answer was lost; watching whether ${attempt.action} ran`,
  );
  // A renewal changes nothing but the expiry: it is never assumed lost, so never sent twice.
  return settle(driver, req, attempt, before, attempt.action !== "update");
}

function refuseResend<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  req: ChangeRequest<I, L>,
  lost: SentAction,
): void {
  if (req.ctx.clock.now() < req.deadline) {
    noticeAbout(driver, req, `${lost.action} shows no sign of having run; sending it again`);
    return;
  }
  throw new SslChangeFailedError(
    subjectOf(driver, req.inputs),
    `the answer to ${lost.action} was lost and the change has not shown up by the deadline; ` +
      `nothing more was sent. Run \`pulumi refresh\` to see the live state.`,
  );
}

function assertOffered<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  req: ChangeRequest<I, L>,
  action: SentAction["action"],
): void {
  if (driver.actions.includes(action)) return;
  throw new DbSslError(
    subjectOf(driver, req.inputs),
    `${driver.family} has no "${action}" action (offered: ${driver.actions.join(", ")})`,
  );
}

function rejectLiveFailures<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  req: ChangeRequest<I, L>,
  failures: CheckFailure[],
): void {
  if (failures.length > 0) throw new LiveValidationError(subjectOf(driver, req.inputs), failures);
}

/**
 * The "finished" test passed; the SSL read must now agree with the declared state. `polled` is
 * the live state the deciding poll read, if it read it whole: read again only without it.
 */
async function readBack<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  req: ChangeRequest<I, L>,
  sent: SentAction,
  polled?: L,
): Promise<L> {
  const live = polled ?? (await readLive(driver, req));
  const applied = { ...req.applied, ...sent.applied };
  const left = driver.plan(req.inputs, live, applied, false);
  if (left) {
    throw new SslChangeFailedError(
      subjectOf(driver, req.inputs),
      `after ${sent.action} the SSL read still needs "${left}" (sslEnabled=${live.sslEnabled})`,
    );
  }
  return live;
}
