/**
 * The dynamic-provider lifecycle, written once over a family driver. `check` and `diff` are
 * offline (no SDK, no network: previews need no credentials); create/update/read/delete read
 * the live state first, so a change already in place costs no write call.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { BaseLiveSsl, BaseSslInputs, DriverContext, SentAction, SslDriver } from "../driver";
import { isUnknown } from "../validation/check-failure";
import { checkInputs } from "./check";
import { replaceWarning } from "./preview-warnings";
import { applyChange, subjectOf } from "./apply-change";
import { InstanceNotFoundError, isGone } from "../cloud/errors";
import { BEHAVIOUR_INPUTS, IDENTITY_INPUTS, renewalDue } from "../validation/inputs";
import { declaredInputNames, toInitFailure, toOutputs, toRefreshedInputs } from "./outputs";
import { notice } from "../log";
import { InstanceClaims, instanceKey } from "./same-instance";

/** Pulumi's key for the serialized provider, kept in inputs and outputs by the host. */
export const PROVIDER_KEY = "__provider";

export type Lifecycle = Required<Omit<dynamic.ResourceProvider, "configure">>;

type Props = Record<string, unknown>;

export function lifecycleFor<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  context: () => DriverContext,
): Lifecycle {
  const claims = new InstanceClaims();
  const deadlineFor = (inputs: I, ctx: DriverContext) =>
    ctx.clock.now() + (inputs.timeoutMinutes ?? driver.defaultTimeoutMinutes) * 60_000;
  const regionOf = (props: Props, ctx: DriverContext) =>
    typeof props.region === "string" ? props.region : driver.defaultRegion(ctx.settings);
  const keyOf = (props: Props, ctx: DriverContext) =>
    instanceKey(driver.family, regionOf(props, ctx), String(props.instanceId));

  /** Live state, or undefined when the instance is gone. */
  async function readOrGone(ctx: DriverContext, inputs: I): Promise<L | undefined> {
    try {
      return await driver.read(ctx, inputs);
    } catch (error) {
      if (isGone(error)) return undefined;
      throw error;
    }
  }

  async function readLive(ctx: DriverContext, inputs: I): Promise<L> {
    const live = await driver.read(ctx, inputs);
    if (live) return live;
    throw new InstanceNotFoundError(subjectOf(driver, inputs), { region: inputs.region });
  }

  async function converge(inputs: I, rotate: boolean, olds: Props, failureInputs: I) {
    const ctx = context();
    claims.claim(keyOf(inputs as unknown as Props, ctx));
    const before = await readLive(ctx, inputs);
    const due = rotate || renewalDue(inputs, before.certificateExpiresAt, ctx.clock.now());
    let sent: SentAction | undefined;
    try {
      const result = await applyChange(driver, {
        ctx,
        inputs,
        live: before,
        applied: olds,
        rotate: due,
        deadline: deadlineFor(inputs, ctx),
        onSent: (s) => (sent = s),
      });
      // Our own measurement of the change, kept so the next `up` starts from it (issue 18).
      const measured =
        result.measuredMs === undefined
          ? {}
          : { lastChangeSeconds: Math.round(result.measuredMs / 1000) };
      const props = { ...olds, ...measured };
      return toOutputs(driver, inputs, result.live, result.sent ?? lastOf(olds), props);
    } catch (error) {
      // The write may have reached the cloud: keep the resource in state (pulumi-dynamic.md P12),
      // with the live state from before and what was applied before, so the next `up` retries.
      if (sent) throw toInitFailure(error, driver, failureInputs, before, sent, olds);
      throw error;
    }
  }

  /** The line a preview prints for this diff: a replacement's two steps, or an update's restart. */
  function previewWarning(
    ctx: DriverContext,
    news: I,
    olds: Props,
    replaces: string[],
    changed: boolean,
  ) {
    if (replaces.length > 0) {
      const same = keyOf(news as unknown as Props, ctx) === keyOf(olds, ctx);
      return replaceWarning(driver, news, olds, same);
    }
    return changed ? driver.restartWarning?.(news, olds) : undefined;
  }

  return {
    async check(olds, news) {
      return checkInputs(driver, context(), claims, olds, news);
    },

    async diff(_id, olds, news) {
      const ctx = context();
      const stored = { ...olds, region: regionOf(olds, ctx) };
      const replaces = [...IDENTITY_INPUTS, ...(driver.replaceOn ?? [])].filter(
        (k) => news[k] !== undefined && (isUnknown(news[k]) || news[k] !== stored[k]),
      );
      const unknown = Object.keys(news).some((k) => k !== PROVIDER_KEY && isUnknown(news[k]));
      const changed =
        unknown ||
        replaces.length > 0 ||
        news.sslEnabled !== olds.sslEnabled ||
        (news.rotateTrigger ?? null) !== (olds.rotateTrigger ?? null) ||
        BEHAVIOUR_INPUTS.some((k) => (news[k] ?? null) !== (olds[k] ?? null)) ||
        renewalDue(news as I, olds.certificateExpiresAt, ctx.clock.now()) ||
        driver.drifted(news as I, olds).length > 0;
      const warning = unknown ? undefined : previewWarning(ctx, news as I, olds, replaces, changed);
      if (warning) notice(ctx, `${driver.family} ${String(news.instanceId)}: ${warning}`);
      return { changes: changed, replaces, deleteBeforeReplace: false };
    },

    async create(inputs) {
      const outs = await converge(inputs as I, false, {}, inputs as I);
      return { id: (inputs as I).instanceId, outs };
    },

    async read(id, props) {
      const ctx = context();
      const inputs = { ...props, instanceId: props.instanceId ?? id } as I;
      const live = await readOrGone(ctx, inputs);
      if (!live) return { id: "" };
      const names = declaredInputNames(driver, props);
      const outs = toOutputs(driver, inputs, live, lastOf(props), props, names);
      return { id, props: outs, inputs: toRefreshedInputs(driver, props, outs) };
    },

    async update(_id, olds, news) {
      const rotate = (news.rotateTrigger ?? null) !== (olds.rotateTrigger ?? null);
      // A renewal that fails keeps the old trigger in state, so the next `up` asks again.
      const failureInputs = { ...news, rotateTrigger: olds.rotateTrigger } as I;
      return { outs: await converge(news as I, rotate, olds, failureInputs) };
    },

    async delete(id, props) {
      const ctx = context();
      const inputs = { ...props, instanceId: props.instanceId ?? id, sslEnabled: false } as I;
      if (inputs.onDelete === "retain") return;
      if (claims.claimedInThisRun(keyOf(inputs as unknown as Props, ctx))) {
        notice(
          ctx,
          `${driver.family} ${inputs.instanceId}: leaving SSL as it is: another DbSslConfig in ` +
            `this run declares this instance (a rename or a replacement that keeps the instance)`,
        );
        return;
      }
      const live = await readOrGone(ctx, inputs);
      if (!live) return; // the instance is gone: nothing left to disable
      if (live.ending) {
        notice(
          ctx,
          `${driver.family} ${inputs.instanceId}: ${live.terminal ?? `the instance is ${live.status}`}` +
            `: nothing left to protect, so SSL is left as it is and the delete is done`,
        );
        return;
      }
      if (live.sslEnabled) {
        const effect = driver.switchEffect?.(false, inputs);
        notice(
          ctx,
          `${driver.family} ${inputs.instanceId}: turning SSL off (onDelete "disable")` +
            `${effect === undefined ? "" : `; this ${effect}`}`,
        );
      }
      try {
        await applyChange(driver, {
          ctx,
          inputs,
          live,
          applied: props,
          rotate: false,
          deadline: deadlineFor(inputs, ctx),
        });
      } catch (error) {
        if (!isGone(error)) throw error;
      }
    },
  };
}

function lastOf(props: Props): SentAction | undefined {
  const action = props.lastAction;
  if (action !== "open" && action !== "close" && action !== "update" && action !== "reconfigure") {
    return undefined;
  }
  return {
    action,
    taskId: typeof props.lastTaskId === "string" ? props.lastTaskId : undefined,
    requestId: typeof props.lastRequestId === "string" ? props.lastRequestId : undefined,
  };
}
