/**
 * Issue 17 items 12, 16, 17, 18: `check` over every family's real driver, in process and offline
 * (one fresh lifecycle per test, as one provider process serves one `pulumi up`): it never throws
 * on odd values, prints only validated ids, refuses a second resource naming an instance, and
 * prints the preview warnings for steps that restart an instance or turn SSL off.
 */
import { strict as assert } from "assert";
import { lifecycleFor, type Lifecycle } from "../../../provider/core/lifecycle/lifecycle";
import { settingsFrom } from "../../../provider/core/settings";
import { systemClock } from "../../../provider/core/clock";
import { RESOURCE_IDENTITY_KEY } from "../../../provider/core/lifecycle/same-instance";
import { driverFor } from "../../../provider/families";
import { CONFIG, VALID } from "../../fixtures/valid-declarations";

interface Run {
  provider: Lifecycle;
  lines: string[];
}

/** One provider process: a fresh lifecycle, its progress lines captured. */
function run(family: string): Run {
  const lines: string[] = [];
  const settings = settingsFrom({ get: (k) => CONFIG[k] }, {});
  const provider = lifecycleFor(driverFor(family), () => ({
    settings,
    clock: systemClock,
    progress: (line) => lines.push(line),
  }));
  return { provider, lines };
}

const named = (name: string, inputs: Record<string, unknown>) => ({
  ...inputs,
  [RESOURCE_IDENTITY_KEY]: name,
});

describe("core/check: odd values never throw (issue 17 item 12)", () => {
  const withOwnToString = { toString: "rm-1" };
  const nullPrototype = Object.assign(Object.create(null) as object, { id: "rm-1" });
  const throwingToString = {
    toString() {
      throw new Error("no");
    },
  };

  for (const family of Object.keys(VALID)) {
    it(`${family}: an object as instanceId or region is a failure naming the property`, async () => {
      const { provider } = run(family);
      for (const odd of [withOwnToString, nullPrototype, throwingToString, Object.create(null)]) {
        for (const property of ["instanceId", "region"]) {
          const news = { ...VALID[family], [property]: odd };
          const { failures } = await provider.check({}, news);
          assert.deepEqual(
            failures!.filter((f) => f.property === property).length,
            1,
            `${property}: ${JSON.stringify(failures)}`,
          );
        }
      }
    });
  }

  it("an id with a newline and an escape code is refused, escaped, and never printed", async () => {
    const { provider, lines } = run("alicloud.rds");
    const hostile = "rm-1\n\u001b[31mforged";
    for (const name of ["a", "b"]) {
      const { failures } = await provider.check({}, named(name, { instanceId: hostile }));
      assert.equal(failures!.length, 1);
      assert.match(failures![0].reason, /got "rm-1\\n\\u001b\[31mforged"$/);
    }
    assert.deepEqual(lines, [], "no line mentions an id that failed its check");
  });
});

describe("core/check: two resources naming one instance (issue 17 item 18)", () => {
  it("the second resource's check fails, naming the first; the first is unaffected", async () => {
    const { provider } = run("alicloud.rds");
    const first = await provider.check({}, named("orders", { instanceId: "rm-orders1" }));
    assert.deepEqual(first.failures, []);
    const second = await provider.check(
      {},
      named("orders-copy", { instanceId: "rm-orders1", region: "cn-hangzhou" }),
    );
    assert.deepEqual(second.failures, [
      {
        property: "instanceId",
        reason:
          'instanceId "rm-orders1" (alicloud.rds, region cn-hangzhou) is already declared by ' +
          'another DbSslConfig in this stack ("orders"); two resources for one instance undo ' +
          "each other's changes. Keep one (to rename a resource, give the new name an alias to " +
          "the old one)",
      },
    ]);
    assert.equal(RESOURCE_IDENTITY_KEY in second.inputs!, false, "the name never reaches state");
  });

  it("the same resource asked again, another region or another instance pass", async () => {
    const { provider } = run("alicloud.rds");
    const checks = [
      named("orders", { instanceId: "rm-orders1" }),
      named("orders", { instanceId: "rm-orders1", rotateTrigger: "b" }),
      named("orders-sh", { instanceId: "rm-orders1", region: "cn-shanghai" }),
      named("billing", { instanceId: "rm-billing1" }),
    ];
    for (const news of checks) assert.deepEqual((await provider.check({}, news)).failures, []);
  });

  it("without names (an older shim, a direct call) a repeat only warns, once, with escaped values", async () => {
    const { provider, lines } = run("alicloud.rds");
    for (let i = 0; i < 3; i++) {
      const { failures } = await provider.check({}, { instanceId: "rm-orders1" });
      assert.deepEqual(failures, []);
    }
    assert.deepEqual(
      lines.filter((l) => l.includes("more than one")),
      [
        "alicloud.rds rm-orders1: warning: more than one DbSslConfig in this stack names this " +
          "instance (region cn-hangzhou); they will undo each other's changes. Keep one.",
      ],
    );
  });
});
