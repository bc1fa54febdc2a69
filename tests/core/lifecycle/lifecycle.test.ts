/**
 * The core lifecycle over a scripted driver (no cloud, fake clock): the interface items every
 * later family relies on (ARCHITECTURE §4): "already in that state" (F3), actions a family does
 * not offer (F7), scheduled changes (F8), live validation (F5) and the steady-before-write rule.
 * The RDS family covers the same paths through the real host in tests/alicloud/rds.
 */
import * as assert from "assert";
import { FakeClock } from "../../fixtures/fake-clock";
import type {
  BaseLiveSsl,
  BaseSslInputs,
  DriverContext,
  SentAction,
  SettleObservation,
  SslAction,
  SslDriver,
} from "../../../provider/core/driver";
import { CloudApiError, LiveValidationError } from "../../../provider/core/cloud/errors";
import { lifecycleFor } from "../../../provider/core/lifecycle/lifecycle";
import { settingsFrom } from "../../../provider/core/settings";

type Live = BaseLiveSsl & { engine: string };

/** A cloud in memory: what `send` does to it, and what each read and poll shows. */
class ScriptedCloud {
  live: Live = { sslEnabled: false, status: "Running", steady: true, engine: "MySQL" };
  sends: SslAction[] = [];
  reads = 0;
  /** Answer of the next send: the cloud's "already" code, a scheduled change, or a busy error. */
  next?: "already" | "scheduled" | "busy";
}

function fakeDriver(cloud: ScriptedCloud, actions: SslAction[]): SslDriver<BaseSslInputs, Live> {
  const subject = (i: BaseSslInputs) => ({ family: "test.fake", instanceId: i.instanceId });
  return {
    family: "test.fake",
    defaultTimeoutMinutes: 30,
    settleGraceMs: 60_000,
    actions,
    secretOutputs: [],
    inputNames: ["engineRule"],
    sdkPackages: [],
    inputFormats: {
      instanceId: { pattern: /^db-[a-z0-9]+$/, maxLength: 20, description: "db-<lowercase>" },
      region: { pattern: /^[a-z]+-[a-z0-9]+$/, maxLength: 20, description: "a region" },
    },
    defaultRegion: () => "eu-1",
    withDefaults: (raw) => raw,
    validate: () => [],
    drifted: () => [],
    async read() {
      cloud.reads++;
      return { ...cloud.live };
    },
    validateLive: (inputs, live) =>
      (inputs as unknown as Record<string, unknown>).engineRule === "pg-only" &&
      live.engine !== "PostgreSQL"
        ? [
            {
              property: "engineRule",
              reason: `engineRule cannot be set on a ${live.engine} instance`,
            },
          ]
        : [],
    plan: (inputs, live) =>
      inputs.sslEnabled === live.sslEnabled ? undefined : inputs.sslEnabled ? "open" : "close",
    async send(_ctx, inputs, action): Promise<SentAction> {
      const answer = cloud.next;
      cloud.next = undefined;
      if (answer === "busy") {
        throw new CloudApiError(subject(inputs), {
          action: "Modify",
          code: "Busy",
          retryClass: "busy",
          cloudMessage: "busy",
        });
      }
      cloud.sends.push(action);
      if (answer === "already") return { action, alreadyInState: true };
      if (answer === "scheduled") {
        cloud.live.scheduled = "maintenance window 02:00Z";
        return { action, scheduled: true };
      }
      cloud.live.sslEnabled = action === "open";
      return { action };
    },
    async observe(): Promise<SettleObservation> {
      return { state: "Running", steady: true, targetShown: true, evidence: "task" };
    },
    outputs: (inputs, live) => ({ instanceId: inputs.instanceId, sslEnabled: live.sslEnabled }),
  };
}

function setup(actions: SslAction[] = ["open", "close", "update"]) {
  const cloud = new ScriptedCloud();
  const clock = new FakeClock();
  const lines: string[] = [];
  const ctx: DriverContext = {
    settings: settingsFrom(undefined, {}),
    clock,
    progress: (l) => lines.push(l),
  };
  const lifecycle = lifecycleFor(fakeDriver(cloud, actions), () => ctx);
  const check = async (news: Record<string, unknown>) => lifecycle.check({}, news);
  return { cloud, clock, lines, lifecycle, check };
}

describe("core/lifecycle over a scripted driver (interface v2)", () => {
  it("F3: an 'already in that state' answer is confirmed by a read and is success", async () => {
    const t = setup();
    t.cloud.next = "already";
    t.cloud.live.sslEnabled = false;
    // The cloud says "already enabled" and a read confirms it (it was enabled meanwhile).
    const driverSend = t.cloud;
    const { inputs } = await t.check({ instanceId: "db-1" });
    const created = t.lifecycle.create(inputs);
    driverSend.live.sslEnabled = true; // what the confirming read shows
    const { outs } = await created;
    assert.strictEqual(outs.sslEnabled, true);
    assert.deepStrictEqual(t.cloud.sends, ["open"]);
    assert.ok(t.lines.some((l) => l.includes("already in that state; confirming with a read")));
  });

  it("F7: a family without renewal rejects rotateTrigger and renewBeforeDays at check", async () => {
    const t = setup(["open", "close"]);
    const { failures = [] } = await t.check({
      instanceId: "db-1",
      rotateTrigger: "x",
      renewBeforeDays: 30,
    });
    assert.deepStrictEqual(
      failures.map((f) => f.property),
      ["rotateTrigger", "renewBeforeDays"],
      JSON.stringify(failures),
    );
    assert.match(failures[0].reason, /test\.fake: the cloud has no certificate renewal call/);
  });

  it("F8: a scheduled change succeeds as scheduled, and the next up sends nothing while pending", async () => {
    const t = setup();
    t.cloud.next = "scheduled";
    const { inputs } = await t.check({ instanceId: "db-1" });
    const { outs } = await t.lifecycle.create(inputs);
    assert.strictEqual(outs.pendingChange, "maintenance window 02:00Z");
    assert.strictEqual(outs.sslEnabled, false, "the outputs say what the cloud shows");
    assert.ok(t.lines.some((l) => l.includes("open is scheduled for the maintenance window")));
    const again = await t.lifecycle.update("db-1", outs, inputs);
    assert.deepStrictEqual(t.cloud.sends, ["open"], "no second write while it is pending");
    assert.strictEqual(again.outs?.pendingChange, "maintenance window 02:00Z");
    // The window comes: the change lands and the pending mark goes away on the next read.
    t.cloud.live = { ...t.cloud.live, sslEnabled: true, scheduled: undefined };
    const read = await t.lifecycle.read("db-1", again.outs ?? {});
    assert.strictEqual(read.props?.sslEnabled, true);
    assert.strictEqual(read.props?.pendingChange, undefined);
  });

  it("F5: a live rule fails before any write, naming the property and the engine", async () => {
    const t = setup();
    const { inputs } = await t.check({ instanceId: "db-1", engineRule: "pg-only" });
    const err = await t.lifecycle.create(inputs).catch((e) => e);
    assert.ok(err instanceof LiveValidationError, String(err));
    assert.match(err.message, /engineRule cannot be set on a MySQL instance; nothing was changed/);
    assert.deepStrictEqual(t.cloud.sends, []);
  });

  it("F1: a busy answer means wait until steady, then plan again; the write goes out once", async () => {
    const t = setup();
    t.cloud.next = "busy";
    const { inputs } = await t.check({ instanceId: "db-1" });
    const { outs } = await t.lifecycle.create(inputs);
    assert.strictEqual(outs.sslEnabled, true);
    assert.deepStrictEqual(t.cloud.sends, ["open"]);
    assert.ok(t.clock.sleeps.length >= 1, "backed off before reading again");
  });

  it("check resolves the default region, so declaring it explicitly is no replacement", async () => {
    const t = setup();
    const implicit = (await t.check({ instanceId: "db-1" })).inputs;
    const explicit = (await t.check({ instanceId: "db-1", region: "eu-1" })).inputs;
    assert.strictEqual(implicit.region, "eu-1");
    const { outs } = await t.lifecycle.create(implicit);
    const diff = await t.lifecycle.diff("db-1", outs, explicit);
    assert.deepStrictEqual(diff.replaces, []);
    // A state written before regions were resolved (no region in it) compares the same way.
    const legacy = await t.lifecycle.diff("db-1", { ...outs, region: undefined }, explicit);
    assert.deepStrictEqual(legacy.replaces, []);
  });
});
