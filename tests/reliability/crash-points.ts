/**
 * Where a crash can hit a change, as predicates over the emulator's request log: the host is
 * SIGKILLed from the emulator's `onRequest` hook, synchronously, while the request that reveals
 * the point is being answered, so the host cannot make one more call.
 */
import type { Emulator, LogEntry } from "../emulator";
import type { ReliabilityFamily } from "./families";

export interface CrashPoint {
  key: string;
  label: string;
  /** True on the first log entry at which the host must die. */
  reached(p: {
    family: ReliabilityFamily;
    emu: Emulator;
    id: string;
    entry: LogEntry;
    steadyStatus?: string;
  }): boolean;
  /** What the emulator shows right after the kill: proves the kill hit this point. */
  atKill: { applied: number; changing: boolean; statusChanged?: boolean };
}

const mentions = (entry: LogEntry, id: string) => Object.values(entry.params).includes(id);

export const CRASH_POINTS: readonly CrashPoint[] = [
  {
    key: "before-write",
    label: "killed at its first read, before the write",
    reached: ({ entry, id }) => mentions(entry, id),
    atKill: { applied: 0, changing: false },
  },
  {
    key: "after-write",
    label: "killed as the write is answered (the cloud still shows the old state)",
    reached: ({ family, entry, id }) =>
      entry.action === family.writeAction && entry.applied === true && mentions(entry, id),
    atKill: { applied: 1, changing: true, statusChanged: false },
  },
  {
    key: "changing",
    label: "killed while the instance is changing",
    reached: ({ family, emu, id, steadyStatus }) => {
      const live = family.emulated(emu, id);
      return family.appliedWrites(emu, id) > 0 && live.changing && live.status !== steadyStatus;
    },
    atKill: { applied: 1, changing: true, statusChanged: true },
  },
  {
    key: "finished",
    label: "killed after the change finished, before the host answered",
    reached: ({ family, emu, id, entry }) =>
      mentions(entry, id) &&
      family.appliedWrites(emu, id) > 0 &&
      !family.emulated(emu, id).changing,
    atKill: { applied: 1, changing: false },
  },
];
