/**
 * What the serialized shim calls in the dynamic-provider host (`require("pulumi-dbssl/runtime")`).
 * Family drivers, and with them the vendor SDKs, are loaded only when a resource of that family
 * is first used, and never by check/diff paths that do not need them.
 */
import type { DriverContext } from "./core/driver";
import { processClock } from "./core/clock";
import { lifecycleFor, type Lifecycle } from "./core/lifecycle/lifecycle";
import { linesAt } from "./core/log";
import { settingsFrom, type ConfigSource, type ProviderSettings } from "./core/settings";
import { driverFor } from "./families";

/**
 * The one injection point for time. It is an exported function of this module rather than a
 * global (a well-known Symbol on globalThis) because a caller must resolve it exactly as the
 * shim does (`require("pulumi-dbssl/runtime")` from the host's working directory): it then gets
 * the same module instance the provider runs in, or fails loudly when it would not. A global
 * would silently do nothing against a second copy of the package, and any code in the process
 * could set it. Tests call it from a `--require` preload (tests/fixtures/clock-preload.ts).
 */
export { useClock, type Clock } from "./core/clock";

let settings: ProviderSettings = settingsFrom(undefined);
const lifecycles = new Map<string, Lifecycle>();

/** Called by the host once per distinct `__provider` text; keeps config in this process only. */
export async function configure(req: { config: ConfigSource }): Promise<void> {
  settings = settingsFrom(req.config);
}

function context(): DriverContext {
  // Read at each call, not at load: the clock may be injected after this module loaded.
  return {
    settings,
    clock: processClock(),
    ...linesAt(settings.logLevel, (line) => console.error(`[dbssl] ${line}`)),
  };
}

export function lifecycle(family: string): Lifecycle {
  let found = lifecycles.get(family);
  if (!found) {
    found = lifecycleFor(driverFor(family), context);
    lifecycles.set(family, found);
  }
  return found;
}
