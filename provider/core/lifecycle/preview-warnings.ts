/**
 * The warnings a preview prints for steps that restart an instance or turn SSL off (issue 17
 * items 16, 17). The dynamic host drops detailed diffs (pulumi-dynamic.md P9), so these are
 * lines on stderr, which Pulumi shows. Offline: they say what `up` will do if the live state
 * differs, from the inputs and the stored outputs only.
 *
 * What runs when: `check` runs for every declared resource, so it warns for a create (which
 * adopts an existing database as it is) and when `onDelete: "disable"` is declared. `diff` warns
 * for an update (the family's `restartWarning`) and a replacement. A delete runs no provider code
 * at all during a preview (the engine previews a delete without asking the provider; `destroy`
 * and a removed declaration call only Delete, at `up`), so the delete that disables SSL is
 * announced when `onDelete: "disable"` is declared, and again by `delete` itself when it runs.
 */
import { printable } from "../validation/check-failure";
import type { BaseLiveSsl, BaseSslInputs, SslDriver } from "../driver";

type Props = Record<string, unknown>;

const onOff = (enabled: boolean) => (enabled ? "on" : "off");

/** What switching SSL to `enabled` does to the instance, e.g. ", which restarts the instance". */
function consequence(driver: RestartKnowledge, enabled: boolean, inputs: unknown): string {
  const effect = driver.switchEffect?.(enabled, inputs as never);
  return effect === undefined ? "" : `, which ${effect}`;
}

type RestartKnowledge = Pick<SslDriver<BaseSslInputs, BaseLiveSsl>, "switchEffect">;

/** Warnings for `check`: a create adopts the instance; `onDelete: "disable"` newly declared. */
export function checkWarnings<I extends BaseSslInputs>(
  driver: RestartKnowledge,
  inputs: I,
  olds: Props,
): string[] {
  const warnings: string[] = [];
  const isNew = olds.instanceId === undefined;
  if (isNew && typeof inputs.sslEnabled === "boolean") {
    const target = onOff(inputs.sslEnabled);
    warnings.push(
      `creating this resource adopts the instance as it is: if SSL there is not already ` +
        `${target}, up turns it ${target}${consequence(driver, inputs.sslEnabled, inputs)}`,
    );
  }
  const disableNew = isNew || olds.onDelete !== "disable";
  if (inputs.onDelete === "disable" && inputs.sslEnabled !== false && disableNew) {
    warnings.push(deleteWarning(driver, inputs));
  }
  return warnings;
}

/** The delete of a resource with `onDelete: "disable"` turns SSL off. */
export function deleteWarning(driver: RestartKnowledge, inputs: unknown): string {
  return (
    'onDelete is "disable": deleting this resource (removing it from the program, or pulumi ' +
    `destroy) turns SSL off${consequence(driver, false, inputs)}. The preview of that delete ` +
    "cannot say so: the engine runs no provider code when it previews a delete"
  );
}

/**
 * A replacement creates the new resource (which turns SSL to the declared state on its instance)
 * and then deletes the old one (which turns SSL off on the old instance when its `onDelete` is
 * "disable"; on the same instance it leaves SSL as the new resource declares it).
 */
export function replaceWarning<I extends BaseSslInputs>(
  driver: RestartKnowledge,
  news: I,
  olds: Props,
  sameInstance: boolean,
): string | undefined {
  const parts: string[] = [];
  if (
    typeof news.sslEnabled === "boolean" &&
    (!sameInstance || news.sslEnabled !== olds.sslEnabled)
  ) {
    const target = onOff(news.sslEnabled);
    parts.push(
      `the new resource switches SSL ${target} for ${news.instanceId} if it is not already ` +
        `${target}${consequence(driver, news.sslEnabled, news)}`,
    );
  }
  if (!sameInstance && olds.onDelete === "disable" && olds.sslEnabled === true) {
    parts.push(
      `then the old resource's delete switches SSL off for ${printable(String(olds.instanceId))} ` +
        `(onDelete "disable")${consequence(driver, false, olds)}`,
    );
  }
  return parts.length === 0 ? undefined : `this change replaces the resource: ${parts.join("; ")}`;
}
