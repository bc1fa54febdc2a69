/**
 * One family's lifecycle in this process, against the emulator, on a clock that only moves when
 * the provider sleeps (the emulator's own clock, advanced by each sleep). One change at a time,
 * so nothing else moves the clock: a 30-minute change is computed in milliseconds with the real
 * driver, the real SDK and every real call counted by the emulator.
 */
import type { Clock } from "../../provider/core/clock";
import type { Lifecycle } from "../../provider/core/lifecycle/lifecycle";
import { lifecycleFor } from "../../provider/core/lifecycle/lifecycle";
import { settingsFrom } from "../../provider/core/settings";
import { driverFor } from "../../provider/families";
import type { Emulator } from "../emulator";
import type { StackConfig } from "../engine/stack";

/** The emulator's virtual clock; a sleep moves it forward at once. */
export function emulatorSleepClock(emu: Emulator): Clock {
  return {
    now: () => emu.clock.now(),
    sleep: async (ms) => {
      emu.clock.advanceBy(ms);
    },
  };
}

function plainConfig(config: StackConfig): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config).map(([k, v]) => [k, typeof v === "object" ? v.secret : v]),
  );
}

export function inProcessLifecycle(family: string, emu: Emulator, config: StackConfig): Lifecycle {
  const values = plainConfig(config);
  const settings = settingsFrom({ get: (k) => values[k] }, {});
  const clock = emulatorSleepClock(emu);
  return lifecycleFor(driverFor(family), () => ({ settings, clock, progress: () => undefined }));
}

/** Check, then Create, as the engine does for a new resource; returns the virtual end time. */
export async function createOnce(lc: Lifecycle, inputs: Record<string, unknown>): Promise<void> {
  const checked = await lc.check({}, inputs);
  if (checked.failures?.length) throw new Error(JSON.stringify(checked.failures));
  await lc.create(checked.inputs);
}
