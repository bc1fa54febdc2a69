/**
 * Why a crash after the SSL PUT cannot lead to a second reboot (issue 17 item 3).
 *
 * After the PUT the instance reads ACTIVE with the old `enable_ssl` for a while (OTC provider PR
 * #2049: the switch "doesn't change instance `action` status / doesn't return job_id"), and OTC's
 * job list does not cover the SSL switch (rds_13_0003). So a process killed in that lag leaves
 * nothing the API shows: the next `up` would read the old flag and send a second PUT, and each
 * one reboots the instance.
 *
 * The evidence is one we leave ourselves: an instance tag (`POST …/tags/action`, Huawei rds_06_0037
 * and rds_06_0038; OTC has the same API) set just before the PUT, whose value says what was sent
 * and when. The instance list carries the tags (querying_db_instances.rst `tags`), so the read
 * we make anyway sees it. A mark that another process left, younger than the family's settle
 * grace (the time after which a write that shows nothing is taken as not run, consts.ts), holds
 * every write until the grace has passed: a change that lands meanwhile is waited for and then
 * needs no write. The mark is removed once the change is over.
 */
import type { DriverContext } from "../core/driver";
import { callRdsV3 } from "./client";
import type { RdsV3Cloud } from "./clouds";
import { RDSV3_SETTLE_GRACE_MS } from "./consts";
import { callTarget, subjectOf } from "./calls";
import { RdsV3ApiError } from "./errors";
import type { InstanceRecord, RdsV3Inputs, RdsV3Live } from "./types";

/** The tag key: letters, digits and "-" fit every version of the tag rules (rds_06_0037). */
export const CHANGE_MARK_KEY = "dbssl-change";

/** How long a mark left by another process holds writes: the settle grace (consts.ts). */
export const CHANGE_MARK_WINDOW_MS = RDSV3_SETTLE_GRACE_MS;

/** Marks written by this process: its own writes are followed by the core, not by the mark. */
const PROCESS_NONCE = Math.random().toString(16).slice(2, 10).padEnd(8, "0");

/** `<action>-<epoch seconds>-<process>`: at most 25 characters of the value's 43. */
export function markValue(action: string, at: number): string {
  return `${action}-${Math.floor(at / 1000)}-${PROCESS_NONCE}`;
}

interface ParsedMark {
  action: string;
  sentAt: number;
  ours: boolean;
}

export function parseMark(value: string | undefined): ParsedMark | undefined {
  const m = /^(open|close)-(\d{1,12})-([0-9a-f]{8})$/.exec(value ?? "");
  if (!m) return undefined;
  return { action: m[1], sentAt: Number(m[2]) * 1000, ours: m[3] === PROCESS_NONCE };
}

export function markOf(record: InstanceRecord): string | undefined {
  const tag = (record.tags ?? []).find((t) => t?.key === CHANGE_MARK_KEY);
  return typeof tag?.value === "string" ? tag.value : undefined;
}

function tagAction(
  ctx: DriverContext,
  cloud: RdsV3Cloud,
  inputs: RdsV3Inputs,
  body: { action: "create" | "delete"; tags: { key: string; value?: string }[] },
) {
  return callRdsV3({
    ...callTarget(ctx, cloud, inputs),
    action: "BatchTagAction",
    method: "POST",
    path: `/instances/${inputs.instanceId}/tags/action`,
    body,
    // Setting a key to the same value, or deleting it twice, changes nothing more.
    idempotent: true,
  });
}

/** Before the PUT: without the mark, nothing is sent (the error names the tag permission). */
export async function setChangeMark(
  ctx: DriverContext,
  cloud: RdsV3Cloud,
  inputs: RdsV3Inputs,
  action: string,
): Promise<void> {
  const value = markValue(action, ctx.clock.now());
  try {
    await tagAction(ctx, cloud, inputs, {
      action: "create",
      tags: [{ key: CHANGE_MARK_KEY, value }],
    });
  } catch (error) {
    if (!(error instanceof RdsV3ApiError) || error.retryClass === "busy") throw error;
    // Whatever happened to the tag, the PUT was not sent: the core must not watch for it.
    const said = error.message
      .slice(error.message.indexOf(`${error.code}: `) + error.code.length + 2)
      .replace(/ \[RequestId: [^\]]*\]$/, "")
      .replace(/\.$/, "");
    throw new RdsV3ApiError(subjectOf(cloud, inputs), {
      action: error.action,
      code: error.code,
      requestId: error.requestId,
      httpStatus: error.httpStatus,
      retryClass: "final",
      cloudMessage:
        `${said}. The tag ${CHANGE_MARK_KEY} could not be set, so the SSL switch was not sent ` +
        `(the tag comes first; IAM action rds:instance:createTag, docs/permissions)`,
    });
  }
}

/** A mark another process left whose change may still land; undefined when there is none. */
export function unfinishedChangeOf(ctx: DriverContext, live: RdsV3Live): string | undefined {
  const mark = parseMark(live.changeMark);
  if (!mark || mark.ours) return undefined;
  const until = mark.sentAt + CHANGE_MARK_WINDOW_MS;
  if (ctx.clock.now() >= until) return undefined;
  const at = new Date(mark.sentAt).toISOString();
  return (
    `an SSL ${mark.action} sent at ${at} by an earlier run may still land ` +
    `(tag ${CHANGE_MARK_KEY}); no write before ${new Date(until).toISOString()}`
  );
}

/** After the change: remove the mark. A failure is a line, not an error (the change is done). */
export async function clearChangeMark(
  ctx: DriverContext,
  cloud: RdsV3Cloud,
  inputs: RdsV3Inputs,
  live: RdsV3Live,
): Promise<void> {
  if (live.changeMark === undefined) return;
  try {
    await tagAction(ctx, cloud, inputs, { action: "delete", tags: [{ key: CHANGE_MARK_KEY }] });
  } catch (error) {
    ctx.progress(
      `${cloud.family} ${inputs.instanceId}: the tag ${CHANGE_MARK_KEY} could not be removed ` +
        `(${(error as Error).message}); it is ignored after ${CHANGE_MARK_WINDOW_MS / 1000}s`,
    );
  }
}
