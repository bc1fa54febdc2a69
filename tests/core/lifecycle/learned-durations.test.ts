/**
 * Learned durations (issue 18 item 2), in this process with the real OTC driver (whose answer
 * carries no job id, and whose instant task list is set here to leave the switch out, so its
 * polls follow the prior alone) against the emulator on its jumping
 * clock: a first 10-minute change teaches the next wait of the family, and a resource's own
 * `lastChangeSeconds` output seeds its next change.
 */
import * as assert from "assert";
import {
  estimateCorrection,
  forgetLearnedDurations,
  learnedDuration,
  recordEstimateError,
} from "../../../provider/core/lifecycle/learned-durations";
import type { Emulator } from "../../emulator";
import { startBenchEmulator } from "../../bench/bench-emulator";
import { benchConfig, resourceInputs } from "../../bench/families";
import { rdsv3 } from "../../bench/families-more";
import { inProcessLifecycle } from "../../bench/in-process";

const LAG_MS = 12_000;
const CHANGE_MS = 10 * 60_000;
const fam = rdsv3("opentelekomcloud", false);

describe("core/learned durations: the next wait starts from what was measured", function () {
  let emu: Emulator;
  before(async () => (emu = await startBenchEmulator()));
  after(async () => emu?.close());
  beforeEach(() => forgetLearnedDurations());

  /** Create (SSL on) of a fresh instance whose change takes CHANGE_MS: ms late, and outputs. */
  async function create(index: number, changeMs = CHANGE_MS) {
    const id = fam.instanceId(index);
    fam.seed(emu, id, { lagMs: LAG_MS, durationMs: changeMs - LAG_MS });
    const lc = inProcessLifecycle(fam.family, emu, benchConfig(fam, emu));
    const checked = await lc.check({}, { ...resourceInputs(fam, id), timeoutMinutes: 60 });
    const sentAt = emu.clock.now();
    const { outs } = await lc.create(checked.inputs);
    return { lc, id, outs, lateMs: emu.clock.now() - sentAt - changeMs };
  }

  it("the first finisher's duration becomes the family's prior: the second returns within 7.5 %", async () => {
    const first = await create(1);
    // The code's prior (72 s) is far from 10 minutes: the sparse schedule sees it late.
    assert.ok(first.lateMs > 0.1 * CHANGE_MS, `first: ${first.lateMs} ms late`);
    const learned = learnedDuration({ family: fam.family, engine: "MySQL", action: "open" });
    // The midpoint between the last poll that saw it running and the one that saw it done, not
    // the measured time to the latter (lastChangeSeconds): the waiter's own lateness is not learnt.
    const near = learned !== undefined && Math.abs(learned - CHANGE_MS) <= 0.075 * CHANGE_MS;
    assert.ok(near, `learned ${learned}`);
    const measuredMs = Number(first.outs.lastChangeSeconds) * 1000;
    assert.ok(learned < measuredMs - 0.05 * CHANGE_MS, `learned ${learned} of ${measuredMs}`);
    const second = await create(2);
    assert.ok(second.lateMs <= 0.075 * CHANGE_MS + 2_000, `second: ${second.lateMs} ms late`);
  });

  it("durations that scatter beyond the dense window are no prior: every change returns at most 14 % late", async () => {
    // Three changes of 1, 2 and 25 minutes: their median (2 min) would put a 7-minute change
    // past the window, where polls come every half of the elapsed time (31 % late without the
    // rule); the schedule without a prior bounds each change.
    for (const [i, minutes] of [1, 2, 25].entries()) await create(10 + i, minutes * 60_000);
    const late: number[] = [];
    for (const [i, minutes] of [7, 9, 12, 17].entries()) {
      const next = await create(13 + i, minutes * 60_000);
      late.push(next.lateMs / (minutes * 60_000));
    }
    assert.ok(
      late.every((share) => share >= 0 && share <= 0.14),
      late.map((l) => l.toFixed(3)).join(" "),
    );
  });

  it("lastChangeSeconds: our own measurement, kept by refresh, seeds the resource's next change", async () => {
    const first = await create(3);
    const seconds = first.outs.lastChangeSeconds;
    assert.strictEqual(seconds, Math.round((CHANGE_MS + first.lateMs) / 1000));
    // A refresh reads the instance and keeps the measurement: no diff from the new output.
    const read = await first.lc.read(first.id, first.outs);
    assert.strictEqual(read.props?.lastChangeSeconds, seconds);
    // Another process (nothing learned) turns SSL off: the resource's own figure is the prior.
    forgetLearnedDurations();
    // The instance keeps its timing: the close takes CHANGE_MS too.
    const declared = { ...resourceInputs(fam, first.id), sslEnabled: false, timeoutMinutes: 60 };
    const news = (await first.lc.check(first.outs, declared)).inputs;
    const sentAt = emu.clock.now();
    const updated = await first.lc.update(first.id, first.outs, news);
    const lateMs = emu.clock.now() - sentAt - CHANGE_MS;
    assert.ok(lateMs <= 0.075 * CHANGE_MS + 2_000, `close: ${lateMs} ms late`);
    assert.strictEqual(typeof updated.outs?.lastChangeSeconds, "number");
  });
});

describe("core/learned durations: the estimate correction", () => {
  beforeEach(() => forgetLearnedDurations());

  it("applies a steady factor once three agree, and none when the errors scatter", () => {
    const family = "test.family";
    recordEstimateError(family, 200_000, 100_000);
    recordEstimateError(family, 210_000, 100_000);
    assert.strictEqual(estimateCorrection(family), 1, "two are not enough");
    recordEstimateError(family, 190_000, 100_000);
    assert.strictEqual(estimateCorrection(family), 2);
    forgetLearnedDurations();
    for (const ratio of [0.5, 1, 2, 1, 0.5, 2])
      recordEstimateError(family, ratio * 100_000, 100_000);
    assert.strictEqual(estimateCorrection(family), 1);
  });
});
