/**
 * Runs one fault scenario on one operation of one family through the real dynamic-provider host.
 *
 * Per family: one emulator and two hosts, as Pulumi runs them: the `up` host (create, update)
 * and a second process for the runs of their own (`destroy` deletes, `refresh` reads), which
 * has claimed no instance in its run. Each scenario gets its own instance and URN and leaves no
 * fault queued, so scenarios cannot see each other; starting hosts per scenario would cost
 * about 3 s each (process start and SDK load) and blow the suite's time budget.
 */
import type { Emulator, LogEntry } from "../emulator";
import { startEmulator } from "../emulator";
import type { DynamicHost } from "../engine/host";
import { serializedProvider, startProviderHost, urnOf } from "../fixtures/provider-harness";
import type { Props, ReliabilityFamily } from "./families";
import type { FaultScenario, Op } from "./faults";

export interface MatrixFixture {
  family: ReliabilityFamily;
  emu: Emulator;
  up: DynamicHost;
  other: DynamicHost;
  providerText: string;
  /** Every host log line and error message seen, for the secret scan. */
  transcript: string[];
  /** The hook the emulator runs on each log entry (one scenario's timed arrangements). */
  setHook(hook?: (entry: LogEntry) => void): void;
  close(): Promise<void>;
}

export interface Observed {
  id: string;
  error?: Error & { id?: string; properties?: Props };
  outputs?: Props;
  /** read: the id the host returned ("" = gone). */
  readId?: string;
  applied: number;
  received: number;
  unconsumedFaults: number;
  /** Cloud calls the emulator had not answered when the operation returned (emulator `callsInFlight`). */
  inFlight: number;
}

const MINUTE = 60_000;

/** A short client timeout, so a slow answer times out in real milliseconds. */
export const MATRIX_CONFIG = { "dbssl:requestTimeoutMs": "300" };

export async function startMatrix(family: ReliabilityFamily): Promise<MatrixFixture> {
  let hook: ((e: LogEntry) => void) | undefined;
  const transcript: string[] = [];
  const emu = await startEmulator({ onRequest: (e) => hook?.(e) });
  const config = { ...family.config(emu), ...MATRIX_CONFIG };
  const [up, other, providerText] = await Promise.all([
    startProviderHost(emu, config),
    startProviderHost(emu, config),
    serializedProvider(family.family),
  ]);
  return {
    family,
    emu,
    up,
    other,
    providerText,
    transcript,
    setHook: (h) => (hook = h),
    async close() {
      transcript.push(...up.logs, ...other.logs);
      await Promise.all([up.stop(), other.stop()]);
      await emu.close();
    },
  };
}

async function checked(fx: MatrixFixture, urn: string, inputs: Props, olds: Props = {}) {
  const res = await fx.up.check(urn, olds, { ...inputs, __provider: fx.providerText });
  if (res.failures.length) throw new Error(`check failed: ${JSON.stringify(res.failures)}`);
  return res.inputs;
}

/** Seeds the instance and brings it to where the operation starts (SSL on unless creating). */
async function prepare(
  fx: MatrixFixture,
  scenario: FaultScenario,
  op: Op,
  id: string,
  urn: string,
) {
  fx.family.seed(fx.emu, id, { ...scenario.seed, sslEnabled: op !== "create" });
  const inputs = await checked(fx, urn, fx.family.inputs(id));
  if (op === "create") return { inputs, outputs: undefined };
  const { outputs } = await fx.up.create(urn, inputs);
  return { inputs, outputs };
}

async function perform(
  fx: MatrixFixture,
  op: Op,
  id: string,
  urn: string,
  base: { inputs: Props; outputs?: Props },
): Promise<Pick<Observed, "outputs" | "readId">> {
  if (op === "create") return { outputs: (await fx.up.create(urn, base.inputs)).outputs };
  if (op === "update") {
    const news = await checked(fx, urn, fx.family.inputs(id, { sslEnabled: false }), base.inputs);
    return (await fx.up.update(id, urn, base.outputs!, news)) as { outputs: Props };
  }
  if (op === "delete") {
    // A resource declared with onDelete "disable": the default ("retain") sends nothing.
    await fx.other.delete(id, urn, { ...base.outputs!, onDelete: "disable" });
    return {};
  }
  const read = await fx.other.read(id, urn, base.outputs!, base.inputs);
  return { outputs: read.outputs, readId: read.id };
}

/**
 * A read that timed out is simply sent again, so the slow first answer may still be on its way
 * when the read returns: harmless (it changes nothing), but it must not reach the next scenario.
 * The emulator holds it in virtual time: moving the clock lets it go at once.
 */
async function drainLateReads(emu: Emulator): Promise<void> {
  if (emu.admin.callsInFlight() === 0) return;
  emu.clock.advanceBy(MINUTE);
  for (let i = 0; i < 200 && emu.admin.callsInFlight() > 0; i++) {
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function runScenario(
  fx: MatrixFixture,
  scenario: FaultScenario,
  op: Op,
): Promise<Observed> {
  const { family, emu } = fx;
  const id = family.instanceId(`${scenario.key}${op}`);
  const urn = urnOf(family.family, `${scenario.key}-${op}`);
  const base = await prepare(fx, scenario, op, id, urn);
  const before = {
    applied: family.appliedWrites(emu, id),
    received: family.receivedWrites(emu, id),
  };
  fx.setHook(undefined);
  scenario.arrange({
    emu,
    family,
    id,
    op,
    target: op === "read" ? family.readActions[0] : family.writeAction,
    targetSsl: op === "create",
    onRequest: (h) => fx.setHook(h),
  });
  const observed: Observed = { id, applied: 0, received: 0, unconsumedFaults: 0, inFlight: 0 };
  try {
    Object.assign(observed, await perform(fx, op, id, urn, base));
  } catch (e) {
    observed.error = e as Observed["error"];
    fx.transcript.push(
      String((e as Error).message),
      JSON.stringify(observed.error?.properties ?? {}),
    );
  } finally {
    fx.setHook(undefined);
  }
  observed.inFlight = emu.admin.callsInFlight();
  if (op === "read") await drainLateReads(emu);
  observed.applied = family.appliedWrites(emu, id) - before.applied;
  observed.received = family.receivedWrites(emu, id) - before.received;
  observed.unconsumedFaults = emu.admin.pendingFaults().length;
  emu.admin.clearFaults();
  return observed;
}
