/**
 * What the lifecycle returns to Pulumi: outputs (declared inputs echoed, live state read
 * back, what was last sent), the inputs a refresh hands back so drift shows as a property diff
 * (SDK >= 3.216), and the partial-failure error that keeps a resource in state.
 */
import type { BaseLiveSsl, BaseSslInputs, SentAction, SslDriver } from "../driver";
import { DbSslError } from "../cloud/errors";
import { SHARED_INPUT_NAMES } from "../validation/inputs";

const PROVIDER_KEY = "__provider";
/**
 * The names of the inputs the resource was checked with. Read gets only the stored outputs, but
 * the inputs it returns must have the same keys as the stored inputs: the engine shows a property
 * diff for every key that differs (pulumi-dynamic.md P9). `__` keys are hidden from displays.
 */
const INPUT_NAMES_KEY = "__inputNames";

/** Plain JSON only: the host cannot encode undefined, Dates or functions (pulumi-dynamic.md P1). */
export function plainJson(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value));
}

export function toOutputs<I extends BaseSslInputs, L extends BaseLiveSsl>(
  driver: SslDriver<I, L>,
  inputs: I,
  live: L,
  sent: SentAction | undefined,
  props: Record<string, unknown>,
  inputNames?: readonly string[],
): Record<string, unknown> {
  const record = inputs as unknown as Record<string, unknown>;
  const declared = pick(record, inputNames ?? inputNamesOf(driver));
  // What was last sent, for settings the cloud does not echo: the stored outputs, then this run's.
  const applied = { ...props, ...sent?.applied };
  return plainJson({
    ...declared,
    [INPUT_NAMES_KEY]: inputNames ?? Object.keys(declared).sort(),
    ...driver.outputs(inputs, live, applied),
    lastAction: sent?.action ?? props.lastAction,
    lastTaskId: sent ? sent.taskId : props.lastTaskId,
    lastRequestId: sent ? sent.requestId : props.lastRequestId,
    // Measured by this provider, never read from the cloud nor invented: the seconds from the
    // accepted write to the poll that saw the last change finished (issue 18; DESIGN.md outputs).
    lastChangeSeconds:
      typeof props.lastChangeSeconds === "number" ? props.lastChangeSeconds : undefined,
    // A change the cloud holds for its maintenance window (ARCHITECTURE F8).
    pendingChange: live.scheduled ?? (sent?.scheduled ? `${sent.action} scheduled` : undefined),
  });
}

/** The inputs the resource was last checked with, as recorded in its stored outputs. */
export function declaredInputNames(
  driver: { inputNames: readonly string[] },
  stored: Record<string, unknown>,
): string[] {
  const names = stored[INPUT_NAMES_KEY];
  return Array.isArray(names)
    ? names.filter((k): k is string => typeof k === "string")
    : inputNamesOf(driver).filter((k) => stored[k] !== undefined);
}

/** After a refresh the live values replace the declared ones, so the next preview shows drift. */
export function toRefreshedInputs(
  driver: { inputNames: readonly string[] },
  oldProps: Record<string, unknown>,
  outs: Record<string, unknown>,
): Record<string, unknown> {
  return plainJson(pick(outs, declaredInputNames(driver, oldProps)));
}

/** An error the host turns into ErrorResourceInitFailed: Pulumi records the resource. */
export function toInitFailure<I extends BaseSslInputs, L extends BaseLiveSsl>(
  error: unknown,
  driver: SslDriver<I, L>,
  inputs: I,
  before: L,
  sent: SentAction,
  props: Record<string, unknown>,
): Error {
  const cause = error instanceof Error ? error : new Error(String(error));
  const message = DbSslError.isInstance(cause)
    ? cause.message
    : `${driver.family} SSL (${inputs.instanceId}): ${cause.message}`;
  const failure = new Error(message, { cause }) as Error & Record<string, unknown>;
  failure.id = inputs.instanceId;
  // Whether the settings sent landed is not known: record only what was applied before.
  failure.properties = {
    ...toOutputs(driver, inputs, before, { ...sent, applied: undefined }, props),
    [PROVIDER_KEY]:
      (inputs as unknown as Record<string, unknown>)[PROVIDER_KEY] ?? props[PROVIDER_KEY],
  };
  failure.reasons = [message];
  return failure;
}

function inputNamesOf(driver: { inputNames: readonly string[] }): string[] {
  return [...SHARED_INPUT_NAMES, ...driver.inputNames];
}

function pick(from: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]]));
}
