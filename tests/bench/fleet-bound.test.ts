/**
 * The fleet bench's lower bound holds in any order (issue 18, tests/bench/fleet.ts): writes that
 * pass a rate limit, each starting a change of its own duration, cannot all finish sooner than
 * `longestFirst` says, whatever order they are sent in; and sending the longest first reaches it.
 */
import * as assert from "assert";
import fc from "fast-check";
import { longestFirst, lowerBoundSeconds } from "./fleet";
import { MORE_BENCH_FAMILIES } from "./families-more";

/** The last finish when the writes go in `order` through a limit of `rate`/s (burst: rate). */
function lastFinish(order: number[], rate: number): number {
  return Math.max(...order.map((d, k) => Math.max(0, k + 1 - rate) / rate + d));
}

function permutations(items: number[]): number[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]),
  );
}

describe("bench: the fleet's lower bound (longest change first through each write limit)", () => {
  it("is the best last finish over every order of the writes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(0.5, 1, 2, 10),
        (durations, rate) => {
          const best = Math.min(...permutations(durations).map((o) => lastFinish(o, rate)));
          assert.ok(Math.abs(longestFirst({ durations, rate }) - best) < 1e-9);
        },
      ),
    );
  });

  it("counts the writes' time when they outlast the longest change", () => {
    // Ten 10 s changes through 1 write/s: the last write goes at 9 s and ends at 19 s.
    assert.strictEqual(longestFirst({ durations: Array(10).fill(10), rate: 1 }), 19);
    // One long change among short ones: sent first, it alone sets the bound.
    assert.strictEqual(longestFirst({ durations: [1, 240, 1, 1], rate: 1 }), 240);
  });
});

describe("bench: the fleet's lower bound counts a listing page for 100 instances", () => {
  it("counts RDS v3's ListInstances 1/100 per resource, its other calls whole", () => {
    const otc = MORE_BENCH_FAMILIES.find((f) => f.family === "opentelekomcloud.rds")!;
    const fleet = Array.from({ length: 2000 }, (_, i) => ({
      fam: otc,
      id: otc.instanceId(i),
      timing: { lagMs: 0, durationMs: 1000 },
    }));
    // Per resource: BatchTagAction twice, SwitchSsl once, ListInstances twice at 1/100, through
    // OTC's 10/s: 2,000 × 3.02 / 10 = 604 s (every ListInstances whole: 1,000 s).
    assert.ok(Math.abs(lowerBoundSeconds(fleet) - 604) < 1e-6, String(lowerBoundSeconds(fleet)));
  });
});
