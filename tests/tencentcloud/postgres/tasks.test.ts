/**
 * How the task returned by ModifyDBInstanceSSLConfig ends, through the host: Fail is an error
 * quoting the task's detail (the resource is kept); WaitSwitch and Pause are a pending change,
 * reported as such (and hold further writes; issue 17.11), a TaskId above 2^53 is kept exact, and neither a task not listed yet
 * nor an SSL read that flips before the task ends stops the wait early.
 */
import * as assert from "assert";
import { failure, ipOf, modifies, PG_URN as URN, startPostgresHarness } from "./harness";
import { waitForLog, type FamilyHarness } from "../../fixtures/provider-harness";

const ID = "postgres-task0001";

describe("tencentcloud.postgres: tasks", function () {
  let h: FamilyHarness;
  let ip: string;
  const pg = () => h.emu.admin.tencentPostgres;
  beforeEach(async () => {
    h = await startPostgresHarness();
    pg().seed({ id: ID });
    ip = ipOf(h, ID);
  });
  afterEach(() => h.close());

  for (const outcome of ["Fail"] as const) {
    it(`a task that ends ${outcome} is an error quoting its detail; the resource is kept`, async () => {
      pg().setTaskOutcome(ID, outcome, `certificate issuing ${outcome.toLowerCase()}ed: quota`);
      const started = h.emu.clock.now();
      const checked = await h.check({ instanceId: ID, connectAddress: ip });
      const err = await failure(h.host.create(URN, checked.inputs));
      assert.strictEqual(err.name, "ResourceInitFailedError");
      assert.strictEqual(err.id, ID);
      assert.match(err.message, new RegExp(`task 100015 .*${outcome}`));
      assert.match(
        err.message,
        new RegExp(`certificate issuing ${outcome.toLowerCase()}ed: quota`),
      );
      assert.strictEqual(err.properties.lastAction, "open");
      assert.strictEqual(err.properties.lastTaskId, "100015");
      assert.strictEqual(err.properties.__provider, h.providerText);
      assert.strictEqual(err.properties.sslEnabled, false, "the state read before the change");
      assert.strictEqual(modifies(h).length, 1);
      assert.ok(h.emu.clock.now() - started < 5 * 60_000, "failed at once, not at the timeout");
    });
  }

  it("a task in WaitSwitch is reported as scheduled; no second write while it waits", async () => {
    pg().setTaskOutcome(ID, "WaitSwitch");
    const { outputs } = await h.create({ instanceId: ID, connectAddress: ip });
    assert.strictEqual(outputs.lastAction, "open");
    assert.strictEqual(outputs.lastTaskId, "100015");
    assert.strictEqual(outputs.sslEnabled, false, "not applied yet: the read says so");
    assert.match(String(outputs.pendingChange), /open scheduled|WaitSwitch/);
    assert.ok(await waitForLog(h.host, "scheduled for the maintenance window"));
    // The next `up` sees the waiting task and sends nothing.
    const next = await h.newHost();
    const news = (await h.check({ instanceId: ID, connectAddress: ip })).inputs;
    const up = await next.update(ID, URN, outputs, news);
    assert.match(String(up.outputs.pendingChange), /task 100015 .*WaitSwitch/);
    assert.strictEqual(modifies(h).length, 1);
    // The window comes: refresh shows SSL on and nothing pending.
    pg().switchNow(ID);
    const read = await h.host.read(ID, URN, up.outputs);
    assert.strictEqual(read.outputs.sslEnabled, true);
    assert.strictEqual(read.outputs.pendingChange, undefined);
  });

  it("a paused task is a pending change, not a failure; no second write until Tencent resumes it", async () => {
    pg().setTaskOutcome(ID, "Pause", "paused for an operator check");
    const started = h.emu.clock.now();
    const { outputs } = await h.create({ instanceId: ID, connectAddress: ip });
    assert.ok(h.emu.clock.now() - started < 5 * 60_000, "reported at once, not at the timeout");
    assert.strictEqual(outputs.lastAction, "open");
    assert.strictEqual(outputs.lastTaskId, "100015");
    assert.strictEqual(outputs.sslEnabled, false, "not applied yet: the read says so");
    assert.match(
      String(outputs.pendingChange),
      /task 100015 .*Pause.* is paused on Tencent's side: paused for an operator check/,
    );
    // The next `up` sees the paused task and sends nothing.
    const next = await h.newHost();
    const news = (await h.check({ instanceId: ID, connectAddress: ip })).inputs;
    const up = await next.update(ID, URN, outputs, news);
    assert.match(String(up.outputs.pendingChange), /task 100015 .*Pause.*paused/);
    assert.strictEqual(modifies(h).length, 1, "no second write");
    // Tencent resumes it: refresh shows SSL on and nothing pending.
    assert.strictEqual(pg().resumeNow(ID), 1);
    const read = await h.host.read(ID, URN, up.outputs);
    assert.strictEqual(read.outputs.sslEnabled, true);
    assert.strictEqual(read.outputs.pendingChange, undefined);
  });

  it("a TaskId above 2^53 is kept exact in lastTaskId and in the DescribeTasks query", async () => {
    pg().setNextTaskId("9007199254740993"); // 2^53 + 1: a JS number would read ...992
    const { outputs } = await h.create({ instanceId: ID, connectAddress: ip });
    assert.strictEqual(outputs.lastTaskId, "9007199254740993");
    const queried = h.emu.admin
      .requests("DescribeTasks")
      .map((r) => r.params.TaskId)
      .filter(Boolean);
    assert.ok(queried.length > 0);
    assert.ok(
      queried.every((t) => t === "9007199254740993"),
      `queried ${queried.join(", ")}`,
    );
  });

  it("a task not listed yet, and an SSL read that flips early, do not end the wait", async () => {
    pg().seed({
      id: "postgres-flip0001",
      timing: { listLagMs: 8_000, flipEarly: true, lagMs: 5 * 60_000, durationMs: 60_000 },
    });
    const flipIp = ipOf(h, "postgres-flip0001");
    await h.create({ instanceId: "postgres-flip0001", connectAddress: flipIp });
    const view = pg().get("postgres-flip0001")!;
    assert.deepStrictEqual(view.openTasks, [], "returned only after the task succeeded");
    assert.strictEqual(view.status, "running");
    assert.strictEqual(view.ssl.sslEnabled, true);
  });
});
