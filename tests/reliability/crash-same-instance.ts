/**
 * A rename without an alias and a replacement that keeps the instance, cut by a crash between
 * the new resource's create and the old one's delete. The engine calls are replayed in its
 * order (pkg/resource/deploy: creates during the program, deletes of replaced and undeclared
 * resources after it): run 2 creates the new resource and its host is SIGKILLed; run 3 finds
 * the new resource in state (Check + Diff: no change, so no Create/Update) and then deletes the
 * old one, which must leave SSL as the new resource declares it.
 */
import * as assert from "assert";
import { urnOf } from "../fixtures/provider-harness";
import type { CrashFixture } from "./crash-resume.test";
import type { ReliabilityFamily } from "./families";
import { reportedIt } from "./report";

/** The old resource's delete would turn SSL off: the hand-over guard is what keeps it on. */
const DISABLE_ON_DELETE = { onDelete: "disable" };

const HAND_OVERS = [
  { key: "rename", label: "rename without an alias", newName: "orders-db" },
  { key: "replace", label: "replacement on the same instance", newName: "orders" },
] as const;

/**
 * Fixed: `check` claims the instance for a resource that declares SSL on (provider/core/lifecycle/lifecycle.ts),
 * so the old resource's delete in a resumed run leaves SSL on although the new resource gets no
 * create or update (its diff says no change).
 */
export function sameInstanceHandOver(family: ReliabilityFamily, fixture: () => CrashFixture) {
  for (const c of HAND_OVERS) {
    const base = {
      family: family.family,
      scenario: c.key,
      tried: `${c.label}, killed between create and delete`,
    };
    reportedIt(
      "Crash and resume",
      base,
      `${c.label} killed between create and delete: the next up leaves SSL on`,
      async (row) => {
        const fx = fixture();
        const id = family.instanceId(`handover${c.key}`);
        const oldUrn = urnOf(family.family, `${c.key}-orders`);
        const newUrn = urnOf(family.family, `${c.key}-${c.newName}`);
        family.seed(fx.emu, id, { sslEnabled: false });
        const run1 = fx.nextUp; // an earlier run
        const inputs = await fx.check(run1, oldUrn, family.inputs(id, DISABLE_ON_DELETE));
        const old = await run1.create(oldUrn, inputs);
        const run2 = await fx.newHost();
        await run2.create(
          newUrn,
          await fx.check(run2, newUrn, family.inputs(id, DISABLE_ON_DELETE)),
        );
        await run2.kill(); // before the engine could delete the old resource
        const run3 = await fx.newHost();
        const news = await fx.check(run3, newUrn, family.inputs(id, DISABLE_ON_DELETE), inputs);
        const diff = await run3.diff(id, newUrn, old.outputs, news);
        assert.strictEqual(diff.changes, "none", "run 3 has nothing to change on the new resource");
        await run3.delete(id, oldUrn, old.outputs);
        const live = family.emulated(fx.emu, id);
        row.outcome = `after run 3: cloud sslEnabled ${String(live.sslEnabled)}`;
        row.counts = `writes applied ${family.appliedWrites(fx.emu, id)}`;
        assert.strictEqual(live.sslEnabled, true, "SSL stays as the new resource declares it");
        assert.strictEqual(family.appliedWrites(fx.emu, id), 1);
      },
    );
  }
}
