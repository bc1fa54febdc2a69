/**
 * The dynamic-provider lifecycle, written once over a family driver. `check` and `diff` are
 * offline (no SDK, no network: previews need no credentials); create/update/read/delete read
 * the live state first, so a change already in place costs no write call.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { BaseLiveSsl, BaseSslInputs, DriverContext, SentAction, SslDriver } from "./driver";
import { isUnknown } from "./check-failure";
import { applyChange, subjectOf } from "./apply-change";
import { InstanceNotFoundError, isGone } from "./errors";
import {
  BEHAVIOUR_INPUTS,
  IDENTITY_INPUTS,
  renewalDue,
  validateSharedInputs,
  withSharedDefaults,
} from "./inputs";
import { declaredInputNames, toInitFailure, toOutputs, toRefreshedInputs } from "./outputs";

/** Pulumi's key for the serialized provider, kept in inputs and outputs by the host. */
export const PROVIDER_KEY = "__provider";

export type Lifecycle = Required<Omit<dynamic.ResourceProvider, "configure">>;

export function lifecycleFor<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  context: () => DriverContext,
): Lifecycle {
  const deadlineFor = (inputs: I, ctx: DriverContext) =>
    ctx.clock.now() + (inputs.timeoutMinutes ?? driver.defaultTimeoutMinutes) * 60_000;

  async function readLive(ctx: DriverContext, inputs: I): Promise<L> {
    const live = await driver.read(ctx, inputs);
    if (!live) throw new InstanceNotFoundError(subjectOf(driver, inputs), "instance not found");
    return live;
  }

  async function converge(inputs: I, rotate: boolean, props: Record<string, unknown>) {
    const ctx = context();
    const before = await readLive(ctx, inputs);
    const due = rotate || renewalDue(inputs, before.certificateExpiresAt, ctx.clock.now());
    let sent: SentAction | undefined;
    try {
      const result = await applyChange(driver, {
        ctx,
        inputs,
        live: before,
        rotate: due,
        deadline: deadlineFor(inputs, ctx),
        onSent: (s) => (sent = s),
      });
      return toOutputs(driver, inputs, result.live, result.sent ?? lastOf(props), props);
    } catch (error) {
      // The write reached the cloud: keep the resource in state (pulumi-dynamic.md P12).
      if (sent) throw toInitFailure(error, driver, inputs, before, sent, props);
      throw error;
    }
  }

  return {
    async check(_olds, news) {
      const inputs = driver.withDefaults(withSharedDefaults(news));
      const failures = [
        ...validateSharedInputs(inputs),
        ...driver.validate(inputs),
        // (issue 10) SDK presence check goes here.
      ];
      return { inputs, failures };
    },

    async diff(_id, olds, news) {
      const replaces = [...IDENTITY_INPUTS, ...(driver.replaceOn ?? [])].filter(
        (k) => news[k] !== undefined && (isUnknown(news[k]) || news[k] !== olds[k]),
      );
      const unknown = Object.keys(news).some((k) => k !== PROVIDER_KEY && isUnknown(news[k]));
      const changed =
        unknown ||
        replaces.length > 0 ||
        news.sslEnabled !== olds.sslEnabled ||
        (news.rotateTrigger ?? null) !== (olds.rotateTrigger ?? null) ||
        BEHAVIOUR_INPUTS.some((k) => (news[k] ?? null) !== (olds[k] ?? null)) ||
        renewalDue(news as I, olds.certificateExpiresAt, context().clock.now()) ||
        driver.drifted(news as I, olds).length > 0;
      const warning = changed && !unknown ? driver.restartWarning?.(news as I, olds) : undefined;
      if (warning) context().progress(`${driver.family} ${String(news.instanceId)}: ${warning}`);
      return { changes: changed, replaces, deleteBeforeReplace: false };
    },

    async create(inputs) {
      const outs = await converge(inputs as I, false, inputs);
      return { id: (inputs as I).instanceId, outs };
    },

    async read(id, props) {
      const inputs = { ...props, instanceId: props.instanceId ?? id } as I;
      const live = await driver.read(context(), inputs);
      if (!live) return { id: "" };
      const names = declaredInputNames(driver, props);
      const outs = toOutputs(driver, inputs, live, lastOf(props), props, names);
      return { id, props: outs, inputs: toRefreshedInputs(driver, props, outs) };
    },

    async update(_id, olds, news) {
      const rotate = (news.rotateTrigger ?? null) !== (olds.rotateTrigger ?? null);
      return { outs: await converge(news as I, rotate, { ...olds, ...news }) };
    },

    async delete(id, props) {
      const inputs = { ...props, instanceId: props.instanceId ?? id, sslEnabled: false } as I;
      if (inputs.onDelete === "retain") return;
      const ctx = context();
      const live = await driver.read(ctx, inputs);
      if (!live) return; // the instance is gone: nothing left to disable
      try {
        await applyChange(driver, {
          ctx,
          inputs,
          live,
          rotate: false,
          deadline: deadlineFor(inputs, ctx),
        });
      } catch (error) {
        if (!isGone(error)) throw error;
      }
    },
  };
}

function lastOf(props: Record<string, unknown>): SentAction | undefined {
  const action = props.lastAction;
  if (action !== "open" && action !== "close" && action !== "update") return undefined;
  return {
    action,
    taskId: typeof props.lastTaskId === "string" ? props.lastTaskId : undefined,
    requestId: typeof props.lastRequestId === "string" ? props.lastRequestId : undefined,
  };
}
