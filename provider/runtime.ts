/**
 * What the serialized shim calls in the dynamic-provider host (`require("pulumi-dbssl/runtime")`).
 * Family drivers, and with them the vendor SDKs, are loaded only when a resource of that family
 * is first used, and never by check/diff paths that do not need them.
 */
import type { DriverContext } from "./core/driver";
import { processClock } from "./core/clock";
import { lifecycleFor, type Lifecycle } from "./core/lifecycle";
import { settingsFrom, type ConfigSource, type ProviderSettings } from "./core/settings";
import { driverFor } from "./families";

let settings: ProviderSettings = settingsFrom(undefined);
const clock = processClock();
const lifecycles = new Map<string, Lifecycle>();

/** Called by the host once per distinct `__provider` text; keeps config in this process only. */
export async function configure(req: { config: ConfigSource }): Promise<void> {
  settings = settingsFrom(req.config);
}

function context(): DriverContext {
  return { settings, clock, progress: (line) => console.error(`[dbssl] ${line}`) };
}

export function lifecycle(family: string): Lifecycle {
  let found = lifecycles.get(family);
  if (!found) {
    found = lifecycleFor(driverFor(family), context);
    lifecycles.set(family, found);
  }
  return found;
}
