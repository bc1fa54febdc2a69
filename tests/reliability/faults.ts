/**
 * The fault catalogue of the matrix (issue 12 item 1): every fault the emulator can script
 * (tests/emulator/README.md "Faults", "Instance states"), as data over the family adapter, with
 * the exact outcome each operation must end in. The runner (./matrix-runner.ts) applies one
 * scenario to one operation on a fresh instance.
 */
import type { Emulator, FaultSpec, LogEntry } from "../emulator";
import type { ReliabilityFamily, SeedOptions } from "./families";

export type Op = "create" | "update" | "delete" | "read";
export const OPS: readonly Op[] = ["create", "update", "delete", "read"];

/** `received`, when set: the exact number of writes the cloud received (resends included). */
export type Expectation = { received?: number } & (
  | { outcome: "converged"; applied: number }
  | { outcome: "error"; applied: number; message: RegExp }
  | { outcome: "gone"; applied: 0 }
  /** A delete of an instance going away: success, nothing sent, SSL left as it is (17.10). */
  | { outcome: "untouched"; applied: 0 }
);

export interface ScenarioContext {
  emu: Emulator;
  family: ReliabilityFamily;
  id: string;
  op: Op;
  /** What a fault on this operation hits: the write call, or the first read call. */
  target: string;
  /** The SSL state the operation declares (create/update: on/off; delete: off). */
  targetSsl: boolean;
  /** Runs on each emulator log entry while the operation runs (after the call was handled). */
  onRequest(hook: (entry: LogEntry) => void): void;
}

export interface FaultScenario {
  key: string;
  /** What is tried, for the report. */
  label: string;
  ops: readonly Op[];
  seed?: SeedOptions;
  arrange(ctx: ScenarioContext): void;
  expect(family: ReliabilityFamily, op: Op): Expectation;
  /** Why the emulator cannot script this for a family, when it cannot. */
  notScriptable?(family: ReliabilityFamily): string | undefined;
  /** Said in the row after the label, for a family whose outcome needs explaining. */
  note?(family: ReliabilityFamily): string | undefined;
}

const MINUTE = 60_000;
/**
 * A slow answer: longer than the matrix's client timeout (300 ms, ./matrix-runner.ts), short
 * because a client that does not time out (Alibaba's, on a reused socket) waits it in real time.
 */
const SLOW_MS = 500;
const ALL = OPS;
const WRITES: readonly Op[] = ["create", "update", "delete"];
const converged = (op: Op): Expectation => ({
  outcome: "converged",
  applied: op === "read" ? 0 : 1,
});

/** One fault on the operation's target call. */
function onTarget(spec: Omit<FaultSpec, "action">): (ctx: ScenarioContext) => void {
  return (ctx) => ctx.emu.admin.injectFault({ ...spec, action: ctx.target });
}

/** After this operation's write was applied and the change is under way, run `then` once. */
function onceChanging(ctx: ScenarioContext, then: () => void): void {
  let done = false;
  ctx.onRequest(() => {
    if (done || ctx.family.appliedWrites(ctx.emu, ctx.id) === 0) return;
    if (!ctx.family.emulated(ctx.emu, ctx.id).changing) return;
    done = true;
    then();
  });
}

const transient = (key: string, label: string, spec: Omit<FaultSpec, "action">): FaultScenario => ({
  key,
  label,
  ops: ALL,
  arrange: onTarget(spec),
  expect: (_f, op) => converged(op),
});

export const FAULT_SCENARIOS: readonly FaultScenario[] = [
  {
    key: "throttle",
    label: "throttling burst: 4 calls in a row answer Throttling (retry-after 2 s)",
    ops: ALL,
    arrange: (ctx) =>
      ctx.emu.admin.injectFault({
        kind: "throttle",
        times: 4,
        retryAfterMs: 2000,
        service: ctx.family.service,
      }),
    expect: (_f, op) => converged(op),
  },
  transient("503", "503 before the call runs (nothing applied)", { kind: "unavailable" }),
  transient("500", "500 before the call runs (nothing applied)", { kind: "internal" }),
  transient("502", "502 with an HTML body from a gateway", { kind: "badGateway" }),
  transient("reset", "connection reset before the call runs", { kind: "reset" }),
  {
    // The emulator holds the call 0.5 s of virtual time (tests/emulator/README.md "Faults"), so
    // it lands after the client gave up (300 ms) but well within the family's grace period, as a
    // slow cloud applies it: the provider must watch, see it and never send it again. (The Alibaba
    // SDK's transport used to lose its timeout on a reused keep-alive socket and simply wait for
    // the answer; provider/alicloud/transport.ts mends it, tests/alicloud/sdk-transport.test.ts.)
    key: "slow",
    label: "answer slower than the client timeout; the call runs late, after the client gave up",
    note: (f) => f.slowAnswerNote,
    ops: ALL,
    arrange: onTarget({ kind: "slow", delayMs: SLOW_MS }),
    expect: (_f, op) => ({ ...converged(op), received: op === "read" ? 0 : 1 }),
  },
  transient("reset-after", "call applied, connection reset before the answer", {
    kind: "reset",
    after: true,
  }),
  {
    ...transient("slow-after", "call applied, answer after the client gave up", {
      kind: "slow",
      delayMs: SLOW_MS,
      after: true,
    }),
    note: (f) => f.slowAnswerNote,
  },
  transient("503-after", "call applied, 503 answered instead of the success", {
    kind: "unavailable",
    after: true,
  }),
  {
    key: "busy-answer",
    label: "the write answers the instance-busy code once",
    ops: WRITES,
    arrange: onTarget({ kind: "busy" }),
    expect: (_f, op) => converged(op),
  },
  {
    key: "busy",
    label: "instance busy (another change) for 10 minutes, then steady",
    ops: ALL,
    arrange(ctx) {
      ctx.family.setCondition(ctx.emu, ctx.id, "busy");
      const readyAt = ctx.emu.clock.now() + 10 * MINUTE;
      if (ctx.op === "read") return;
      ctx.onRequest(() => {
        if (ctx.emu.clock.now() >= readyAt) ctx.family.makeSteady(ctx.emu, ctx.id);
      });
    },
    expect: (_f, op) => converged(op),
  },
  ...(["stopped", "locked"] as const).map((condition): FaultScenario => ({
    key: condition,
    label: `instance ${condition}`,
    ops: ALL,
    notScriptable: (f) =>
      (f.conditions ?? [condition]).includes(condition) && f.messages[condition]
        ? undefined
        : `the emulator has no ${condition} state for this family`,
    arrange: (ctx) => ctx.family.setCondition(ctx.emu, ctx.id, condition),
    expect: (f, op) =>
      op === "read"
        ? converged(op)
        : op === "delete" && f.endingConditions?.includes(condition)
          ? { outcome: "untouched", applied: 0, received: 0 }
          : { outcome: "error", applied: 0, message: f.messages[condition]! },
  })),
  {
    key: "task-fails",
    label: "the change's task or job fails",
    note: (f) => f.failedChangeNote,
    ops: WRITES,
    notScriptable: (f) =>
      f.failPendingChange || f.failNextChange
        ? undefined
        : "the emulator has no failing task for this family",
    arrange(ctx) {
      const { family, emu, id } = ctx;
      if (family.failNextChange) family.failNextChange(emu, id);
      else onceChanging(ctx, () => family.failPendingChange!(emu, id));
    },
    expect: (f, op) => {
      const message = f.failedChangeMessage ?? /fail/i;
      return {
        outcome: "error",
        applied: 1,
        received: 1,
        message: typeof message === "function" ? message(op) : message,
      };
    },
  },
  {
    key: "deleted",
    label: "instance deleted while the change is under way (read: before the read)",
    ops: ALL,
    arrange(ctx) {
      if (ctx.op === "read") ctx.family.deleteInstance(ctx.emu, ctx.id);
      else onceChanging(ctx, () => ctx.family.deleteInstance(ctx.emu, ctx.id));
    },
    expect: (f, op) =>
      op === "read"
        ? { outcome: "gone", applied: 0 }
        : op === "delete"
          ? { outcome: "converged", applied: 1 }
          : { outcome: "error", applied: 1, message: f.messages.deleted },
  },
  {
    key: "lag",
    label: "status lag: the change starts 90 s after it was accepted",
    ops: WRITES,
    seed: { lagMs: 90_000 },
    arrange: () => undefined,
    expect: (_f, op) => converged(op),
  },
  {
    key: "flip-early",
    label: "the SSL flag flips at acceptance, 40 s before the restart",
    ops: WRITES,
    seed: { lagMs: 40_000, flipEarly: true },
    arrange: () => undefined,
    expect: (_f, op) => converged(op),
  },
  {
    key: "oob-same",
    label: "console makes the same SSL change during the wait (task canceled)",
    ops: WRITES,
    arrange: (ctx) =>
      onceChanging(ctx, () => ctx.family.changeOutOfBand(ctx.emu, ctx.id, ctx.targetSsl)),
    expect: (_f, op) => converged(op),
  },
  {
    key: "oob-undo",
    label: "console undoes the SSL change during the wait (task canceled); read: changed before",
    ops: ALL,
    arrange(ctx) {
      if (ctx.op === "read") ctx.family.changeOutOfBand(ctx.emu, ctx.id, false);
      else onceChanging(ctx, () => ctx.family.changeOutOfBand(ctx.emu, ctx.id, !ctx.targetSsl));
    },
    // The canceled change never lands: the provider waits out its deadline (the family's default
    // timeout) and fails naming the state it last saw (no false success, nothing resent). Where
    // a console change leaves the task running (Tencent), the task lands and the op converges. Failing early on the canceled task
    // would be kinder: see the report of issue 12.
    expect: (f, op) =>
      op === "read" || f.consoleChangeKeepsTask
        ? converged(op)
        : {
            outcome: "error",
            applied: 1,
            message: new RegExp(
              `timed out after \\d+m00s.*last state: ${f.steadyStatus ?? "Running"}`,
            ),
          },
  },
];
