/**
 * ModifyDBInstanceSSLConfig with a bound on `FailedOperation.*` (issue 17.11). Those answers say
 * Tencent's side failed and nothing ran (seed 003), so the same write may be sent again: a few
 * times, a little apart; then the code is the error, instead of waiting out the whole timeout.
 */
import type { DriverContext } from "../../core/driver";
import { formatDuration } from "../../core/errors";
import { TencentApiError } from "../errors";
import { modifySslConfig } from "./calls";
import { FAMILY } from "./consts";
import type { PostgresSslInputs } from "./types";

/** Pauses before the 2nd and 3rd attempt; the 3rd failure ends it (under a minute in all). */
const FAILED_OPERATION_PAUSES_MS = [10_000, 30_000];

type Request = Parameters<typeof modifySslConfig>[2];

export async function modifyBounded(
  ctx: DriverContext,
  inputs: PostgresSslInputs,
  request: Request,
): Promise<{ taskId?: string; requestId?: string }> {
  const started = ctx.clock.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await modifySslConfig(ctx, inputs, request);
    } catch (error) {
      if (!(error instanceof TencentApiError) || !error.code.startsWith("FailedOperation.")) {
        throw error;
      }
      const pause = FAILED_OPERATION_PAUSES_MS[attempt - 1];
      if (pause === undefined) throw exhausted(error, attempt, ctx.clock.now() - started);
      ctx.progress(
        `${FAMILY} ${inputs.instanceId}: ${error.action} ${error.code} (nothing ran), ` +
          `try ${attempt + 1} in ${pause / 1000}s`,
      );
      await ctx.clock.sleep(pause);
    }
  }
}

function exhausted(last: TencentApiError, attempts: number, elapsedMs: number): TencentApiError {
  return new TencentApiError(
    { family: last.family, instanceId: last.instanceId },
    {
      action: last.action,
      code: last.code,
      requestId: last.requestId,
      httpStatus: last.httpStatus,
      retryClass: "final",
      cloudMessage:
        `answered ${attempts} times in a row over ${formatDuration(elapsedMs)}: the operation ` +
        `failed on Tencent's side and nothing was changed; try again later`,
    },
  );
}
