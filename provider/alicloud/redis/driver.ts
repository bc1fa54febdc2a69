/**
 * The Tair / ApsaraDB for Redis family driver: read = DescribeInstanceAttribute +
 * DescribeInstanceSSL, write = ModifyInstanceSSL (Enable / Disable / Update, answers a TaskId), one
 * poll = the task, the status, the SSL read (observe.ts). The SSL read never shows a renewal (it reads `Enable`
 * before and after, and its expiry is the CA's), so a renewal's evidence is its task (F2).
 * Waiting, deciding when a change has finished, retries and validation plumbing are provider/core.
 */
import type { CheckFailure } from "../../core/validation/check-failure";
import type { DriverContext, SentAction, SslAction, SslDriver } from "../../core/driver";
import { alibabaRegion } from "../client";
import { AlibabaApiError } from "../errors";
import { describe, describeUnfinishedTask, modifySsl } from "./calls";
import {
  ALREADY_IN_STATE,
  ERROR_ADVICE,
  FAMILY,
  REDIS_DEFAULT_TIMEOUT_MINUTES,
  REDIS_SETTLE_GRACE_MS,
  SSL_ENABLED_WIRE,
} from "./consts";
import { observe } from "./observe";
import { REDIS_INPUT_FORMATS } from "./schema";
import type { RedisLiveSsl, RedisSslInputs } from "./types";

/**
 * The waiter's prior per action (docs/BENCHMARKS.md). Tair documents only that the restart is a
 * "second-level connection blip" (alibaba.md §1.3), not how long the task takes: this is the
 * emulator's observed duration (tests/emulator/alibaba: 12 s before the change shows, 30 s of
 * change), not a cloud's figure.
 * PLACEHOLDER until a real change is timed: the first change of this family measured in a
 * process replaces it there (core/lifecycle/learned-durations.ts), and a resource's own
 * `lastChangeSeconds` replaces it for that resource's next change.
 */
const REDIS_PLACEHOLDER_PRIOR_MS = { open: 42_000, close: 42_000, update: 42_000 } as const;

/** Enable issues a fresh certificate, so `rotate` on a closed instance is an open. */
function plan(
  inputs: RedisSslInputs,
  live: RedisLiveSsl,
  _applied: Record<string, unknown>,
  rotate: boolean,
): SslAction | undefined {
  if (!inputs.sslEnabled) return live.sslEnabled ? "close" : undefined;
  if (!live.sslEnabled) return "open";
  return rotate ? "update" : undefined;
}

/**
 * What the live instance must offer before TLS is turned on (F5): an engine whose SSL read is not
 * refused (IncorrectEngineVersion, seed 002: "Update the minor version and try again"), and the
 * master-replica architecture (Tair "Enable TLS encryption" prerequisites; `NodeType` single is a
 * standalone instance).
 */
function validateLive(inputs: RedisSslInputs, live: RedisLiveSsl): CheckFailure[] {
  if (!inputs.sslEnabled) return [];
  if (live.sslUnsupported) {
    return [
      {
        property: "sslEnabled",
        reason:
          `the cloud refuses TLS for this instance (DescribeInstanceSSL answered ` +
          `${live.sslUnsupported}). ${ERROR_ADVICE.IncorrectEngineVersion}`,
      },
    ];
  }
  if (!live.sslEnabled && live.nodeType === "single") {
    return [
      {
        property: "sslEnabled",
        reason:
          "TLS needs the master-replica architecture (NodeType double); this instance is " +
          "standalone (NodeType single)",
      },
    ];
  }
  return [];
}

async function send(
  ctx: DriverContext,
  inputs: RedisSslInputs,
  action: SslAction,
): Promise<SentAction> {
  const wire = SSL_ENABLED_WIRE[action as keyof typeof SSL_ENABLED_WIRE];
  try {
    const { requestId, taskId } = await modifySsl(ctx, inputs, wire);
    return { action, requestId, taskId };
  } catch (error) {
    // Only the answer that matches what was sent confirms it (Update on a closed instance is an error).
    if (error instanceof AlibabaApiError && ALREADY_IN_STATE[error.code] === action) {
      return { action, requestId: error.requestId, alreadyInState: true };
    }
    throw error;
  }
}

function outputs(inputs: RedisSslInputs, live: RedisLiveSsl): Record<string, unknown> {
  return {
    instanceId: inputs.instanceId,
    region: inputs.region,
    engine: live.engine,
    engineVersion: live.engineVersion,
    sslEnabled: live.sslEnabled,
    certificateExpiresAt: live.certificateExpiresAt,
    certificateCommonName: live.certificateCommonName,
    caDownloadUrl: live.caDownloadUrl,
  };
}

/** Tair's TLS docs name enabling and updating as restarting; disabling is not said to (alibaba.md §1.3). */
const REDIS_RESTART = "restarts the instance (connections drop for a few seconds)";

/** Enabling TLS and updating the certificate restart the instance (alibaba.md §1.3: a blip of seconds). */
function restartWarning(
  inputs: RedisSslInputs,
  outputs: Record<string, unknown>,
): string | undefined {
  if (!inputs.sslEnabled) return undefined;
  const opening = outputs.sslEnabled !== true;
  const renewing = (inputs.rotateTrigger ?? null) !== (outputs.rotateTrigger ?? null);
  if (!opening && !renewing) return undefined;
  return (
    `${opening ? "enabling TLS" : "updating the certificate"} ${REDIS_RESTART}; ` +
    "clients must trust the CA at caDownloadUrl"
  );
}

export const redisDriver: SslDriver<RedisSslInputs, RedisLiveSsl> = {
  family: FAMILY,
  defaultTimeoutMinutes: REDIS_DEFAULT_TIMEOUT_MINUTES,
  settleGraceMs: REDIS_SETTLE_GRACE_MS,
  expectedDurationMs: REDIS_PLACEHOLDER_PRIOR_MS,
  actions: ["open", "close", "update"],
  secretOutputs: [],
  inputNames: [],
  sdkPackages: ["@alicloud/r-kvstore20150101", "@alicloud/openapi-core", "@alicloud/credentials"],
  inputFormats: REDIS_INPUT_FORMATS,
  defaultRegion: (settings) => alibabaRegion({ settings } as DriverContext),
  // ModifyInstanceSSL has no setting besides SSLEnabled (seed 002): nothing to default or check.
  withDefaults: (raw) => raw,
  validate: () => [],
  drifted: () => [],
  restartWarning,
  switchEffect: (enabled) => (enabled ? REDIS_RESTART : undefined),
  read: describe,
  unfinishedChange: describeUnfinishedTask,
  validateLive,
  plan,
  send,
  observe,
  outputs,
};
