/**
 * Issue 12 item 1: the fault matrix. For every family in the registry and for create, update,
 * delete and read, each fault the emulator can script; each scenario asserts the exact outcome
 * (converged with the expected number of applied writes, a clear error, or gone), that the
 * result matches what the emulator shows afterwards (no false success), and that the scripted
 * fault was actually hit (a fault left queued fails the scenario: it proved nothing).
 */
import * as assert from "assert";
import { RELIABILITY_FAMILIES, type ReliabilityFamily } from "./families";
import { FAULT_SCENARIOS, type Expectation, type FaultScenario, type Op } from "./faults";
import { runScenario, startMatrix, type MatrixFixture, type Observed } from "./matrix-runner";
import { record, reportedIt, type ReportRow } from "./report";
import { scanTranscript } from "./secret-scan";
import { fuzzMaterial } from "./fuzz-values";

/**
 * Scenarios that found a defect in provider code: kept, skipped, and listed in the report until
 * the lead fixes the provider (then delete the line and the scenario runs again).
 */
const DEFECTS: Record<string, string> = {
  // none open: the Huawei "deleted during a delete" defect is fixed (provider/rdsv3/driver.ts)
};

function describeOutcome(o: Observed): string {
  if (o.error) return `error: ${o.error.message.split("\n")[0].slice(0, 200)}`;
  if (o.readId === "") return "gone (empty id)";
  return `converged: sslEnabled ${String(o.outputs?.sslEnabled ?? "(deleted)")}`;
}

function assertOutcome(fx: MatrixFixture, op: Op, expected: Expectation, o: Observed): void {
  const live = fx.family.emulated(fx.emu, o.id);
  assert.strictEqual(o.unconsumedFaults, 0, "the scripted fault was never hit");
  // A write still held by a slow fault would land unseen after the counts (a hidden second
  // write). A read may leave its slow first answer behind: it was sent again and changes nothing.
  if (op !== "read") {
    assert.strictEqual(
      o.inFlight,
      0,
      "a cloud call was still in flight when the operation returned",
    );
  }
  assert.strictEqual(o.applied, expected.applied, `applied writes (received ${o.received})`);
  if (expected.received !== undefined)
    assert.strictEqual(o.received, expected.received, "writes received");
  if (expected.outcome === "error") {
    assert.ok(o.error, `expected an error, got success: ${JSON.stringify(o.outputs)}`);
    assert.match(o.error.message, expected.message);
    // A write that reached the cloud keeps the resource in state, with its id.
    if (expected.applied > 0 && op === "create") {
      assert.strictEqual(o.error.name, "ResourceInitFailedError");
      assert.strictEqual(o.error.id, o.id);
    }
    return;
  }
  assert.ifError(o.error);
  if (expected.outcome === "untouched") return; // nothing sent: SSL left as it was
  if (expected.outcome === "gone") {
    assert.strictEqual(o.readId, "");
    return;
  }
  assert.strictEqual(live.changing, false, "the operation returned while the change was running");
  if (op === "delete") {
    assert.notStrictEqual(live.sslEnabled, true, "delete returned with SSL still on");
    return;
  }
  if (op !== "read") assert.strictEqual(o.outputs?.sslEnabled, op === "create");
  assert.strictEqual(o.outputs?.sslEnabled, live.sslEnabled, "outputs disagree with the cloud");
}

function scenarioRows(family: ReliabilityFamily, scenario: FaultScenario, fx: () => MatrixFixture) {
  const reason = scenario.notScriptable?.(family);
  const ops = family.budget?.matrixOps ?? scenario.ops;
  for (const op of scenario.ops.filter((o) => ops.includes(o))) {
    const note = scenario.note?.(family);
    const tried = note ? `${scenario.label} (${note})` : scenario.label;
    const base = { family: family.family, scenario: op, tried };
    if (reason) {
      record("Fault matrix", {
        ...base,
        outcome: `not scriptable: ${reason}`,
        counts: "-",
        result: "pass",
      });
      continue;
    }
    const expected = scenario.expect(family, op);
    const defect = DEFECTS[`${family.family}/${scenario.key}/${op}`];
    reportedIt(
      "Fault matrix",
      base,
      `${op}: ${scenario.label}`,
      async (row: ReportRow) => {
        const observed = await runScenario(fx(), scenario, op);
        row.outcome = describeOutcome(observed);
        row.counts = `writes applied ${observed.applied}, received ${observed.received}`;
        assertOutcome(fx(), op, expected, observed);
      },
      { skip: defect },
    );
  }
}

for (const family of RELIABILITY_FAMILIES) {
  describe(`${family.family}: fault matrix (issue 12)`, function () {
    this.timeout(60_000);
    let fx: MatrixFixture;
    // One retry, reported in the row: a rare race of the shared virtual clock (seen once in
    // several full runs: "tencentcloud.postgres update: busy ... timed out after 0s; last state:
    // not yet read", i.e. the emulator's clock passed the deadline before the first poll; not
    // reproduced alone). The next session should find what moves the clock (session note).
    this.retries(1);
    before(async () => (fx = await startMatrix(family)));
    after(async function () {
      await fx.close();
      // Item 4 over the matrix: no secret in any host log or error message of the run.
      const leaks = scanTranscript(fx.transcript, family.secretValues(await fuzzMaterial()));
      record("Secret scanning", {
        family: family.family,
        scenario: "fault matrix",
        tried: "host stdout/stderr, error messages and properties of every scenario",
        outcome: leaks.length ? `LEAK: ${leaks.join(", ")}` : "no secret in plain text",
        counts: "every scenario of the matrix",
        result: leaks.length ? "FAIL" : "pass",
      });
      assert.deepStrictEqual(leaks, []);
    });
    for (const scenario of FAULT_SCENARIOS) scenarioRows(family, scenario, () => fx);
  });
}
