/** What a CLI test opened, closed after it whatever the outcome (a second close is a no-op). */
import type { Emulator } from "../emulator";
import type { CliStack } from "./cli-stack";

const closed = new WeakSet<object>();

export async function closeTestStack(stack?: CliStack, emu?: Emulator): Promise<void> {
  for (const thing of [stack, emu]) {
    if (!thing || closed.has(thing)) continue;
    closed.add(thing);
    await thing.close();
  }
}
