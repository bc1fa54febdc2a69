/**
 * Takes one instance from its live SSL state to the declared one: plan one action, send it,
 * wait until the cloud has finished, read back. Shared by create, update and delete.
 *
 * A write is never resent blindly. When the cloud says the instance is busy the write did not
 * run, so we wait, read again and plan again. When the answer is lost (5xx, reset, timeout)
 * the write may have run: we first watch the instance for a grace period, and send again only
 * if the change has not shown up (alibaba.md §5: ModifyDBInstanceSSL takes no ClientToken).
 */
import type { BaseLiveSsl, BaseSslInputs, DriverContext, SentAction, SslDriver } from "./driver";
import { CloudApiError, SslChangeFailedError, WaitTimeoutError, type ErrorSubject } from "./errors";
import { waitForSettled } from "./wait";

const MAX_SENDS = 4;
const AMBIGUOUS_GRACE_MS = 3 * 60_000;

export interface ChangeResult<L> {
  live: L;
  sent?: SentAction;
}

export interface ChangeRequest<I, L> {
  ctx: DriverContext;
  inputs: I;
  live: L;
  rotate: boolean;
  deadline: number;
  /** Called once a write has been accepted, so a later failure can keep the resource. */
  onSent?: (sent: SentAction) => void;
}

export async function applyChange<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  req: ChangeRequest<I, L>,
): Promise<ChangeResult<L>> {
  let live = req.live;
  for (let sends = 1; ; sends++) {
    const action = driver.plan(req.inputs, live, req.rotate);
    if (!action) return { live };
    let sent: SentAction;
    try {
      sent = await driver.send(req.ctx, req.inputs, action, live);
    } catch (error) {
      // Only a failed send is recovered here; once the cloud has accepted the write, any
      // later failure goes up as it is (and the lifecycle keeps the resource in state).
      if (!(error instanceof CloudApiError) || !mayRetrySend(error, sends, req)) throw error;
      const recovered = await recoverFromFailedSend(driver, req, error, action, live);
      if (recovered.sent) return recovered;
      live = recovered.live;
      continue;
    }
    req.onSent?.(sent);
    await settle(driver, req, sent, live, req.deadline);
    return { live: await readBack(driver, req, sent), sent };
  }
}

/** A busy instance is waited for until the deadline; a lost answer is checked a few times. */
function mayRetrySend(error: CloudApiError, sends: number, req: ChangeRequest<unknown, unknown>) {
  if (error.retryClass === "busy") return req.ctx.clock.now() < req.deadline;
  return sends < MAX_SENDS;
}

async function recoverFromFailedSend<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  req: ChangeRequest<I, L>,
  error: CloudApiError,
  action: SentAction["action"],
  before: L,
): Promise<ChangeResult<L>> {
  const { ctx } = req;
  const subject = subjectOf(driver, req.inputs);
  if (error.retryClass === "busy") {
    ctx.progress(`${driver.family} ${subject.instanceId}: instance busy (${error.code}), waiting`);
    await ctx.clock.sleep(ctx.settings.pollMaxDelayMs);
  } else if (error.retryClass === "unavailable" || error.retryClass === "network") {
    const sent: SentAction = { action };
    ctx.progress(`${driver.family} ${subject.instanceId}: ${error.code}; checking whether it ran`);
    const grace = Math.min(AMBIGUOUS_GRACE_MS, req.deadline - ctx.clock.now());
    try {
      await settle(driver, req, sent, before, ctx.clock.now() + grace);
      req.onSent?.(sent);
      return { live: await readBack(driver, req, sent), sent };
    } catch (waitError) {
      if (!(waitError instanceof WaitTimeoutError)) throw waitError;
    }
  } else {
    throw error;
  }
  const live = await driver.read(ctx, req.inputs);
  if (!live) throw error;
  return { live };
}

async function settle<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  req: ChangeRequest<I, L>,
  sent: SentAction,
  before: L,
  deadline: number,
): Promise<void> {
  const { ctx } = req;
  await waitForSettled({
    subject: subjectOf(driver, req.inputs),
    target: targetOf(sent),
    observe: () => driver.observe(ctx, req.inputs, sent, before),
    clock: ctx.clock,
    timeoutMs: deadline - ctx.clock.now(),
    firstDelayMs: ctx.settings.pollFirstDelayMs,
    maxDelayMs: ctx.settings.pollMaxDelayMs,
    progress: ctx.progress,
  });
}

/** The "finished" test passed; the SSL read must now agree with the declared state. */
async function readBack<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  req: ChangeRequest<I, L>,
  sent: SentAction,
): Promise<L> {
  const live = await driver.read(req.ctx, req.inputs);
  const subject = subjectOf(driver, req.inputs);
  if (!live) throw new SslChangeFailedError(subject, "the instance disappeared during the change");
  const left = driver.plan(req.inputs, live, false);
  if (left) {
    throw new SslChangeFailedError(
      subject,
      `after ${sent.action} the SSL read still needs "${left}" (sslEnabled=${live.sslEnabled})`,
    );
  }
  return live;
}

export function subjectOf(
  driver: { family: string },
  inputs: { instanceId: string },
): ErrorSubject {
  return { family: driver.family, instanceId: inputs.instanceId };
}

function targetOf(sent: SentAction): string {
  const goal = { open: "SSL enabled", close: "SSL disabled", update: "certificate renewed" };
  return `${goal[sent.action]} and the instance ready`;
}
