/**
 * The fleet bench's lower bound holds in any order (issue 18, tests/bench/fleet.ts): writes that
 * pass a rate limit, each starting a change of its own duration, cannot all finish sooner than
 * `longestFirst` says, whatever order they are sent in; and sending the longest first reaches it.
 */
import * as assert from "assert";
import fc from "fast-check";
import { earliestCallSeconds, longestFirst, lowerBoundSeconds } from "./fleet";
import { MORE_BENCH_FAMILIES } from "./families-more";
import type { EmulatedRateLimit } from "./families";

const limitOf = (ratePerSecond: number, windowMs?: number): EmulatedRateLimit => ({
  service: "rds",
  perAction: true,
  ratePerSecond,
  windowMs,
  source: "test",
});

/** The last finish when the writes go in `order` through `limit`, each as early as it allows. */
function lastFinish(order: number[], limit: EmulatedRateLimit): number {
  return Math.max(...order.map((d, k) => earliestCallSeconds(k + 1, limit) + d));
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
        fc.constantFrom(limitOf(0.5), limitOf(1), limitOf(2), limitOf(10), limitOf(0.05, 60_000)),
        (durations, limit) => {
          const best = Math.min(...permutations(durations).map((o) => lastFinish(o, limit)));
          assert.ok(Math.abs(longestFirst({ durations, limit }) - best) < 1e-9);
        },
      ),
    );
  });

  it("counts the writes' time when they outlast the longest change", () => {
    // Ten 10 s changes through 1 write/s: the last write goes at 9 s and ends at 19 s.
    assert.strictEqual(longestFirst({ durations: Array(10).fill(10), limit: limitOf(1) }), 19);
    // One long change among short ones: sent first, it alone sets the bound.
    assert.strictEqual(longestFirst({ durations: [1, 240, 1, 1], limit: limitOf(1) }), 240);
  });

  it("lets a window's whole count through at once, then one window later the next", () => {
    const huawei = limitOf(1, 60_000);
    assert.deepStrictEqual(
      [1, 60, 61, 120, 121, 666].map((n) => earliestCallSeconds(n, huawei)),
      [0, 0, 60, 60, 120, 660],
    );
    // A bucket of 10/s starts with one second's worth.
    assert.deepStrictEqual(
      [1, 10, 11, 6040].map((n) => earliestCallSeconds(n, limitOf(10))),
      [0, 0, 0.1, 603],
    );
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
    // OTC's 10/s: the 6,040th call (2,000 × 3.02) no sooner than 603 s (every ListInstances
    // whole: 999 s).
    assert.ok(Math.abs(lowerBoundSeconds(fleet) - 603) < 1e-6, String(lowerBoundSeconds(fleet)));
  });

  it("holds Huawei's calls per API to 60 a minute: the tag calls set its bound", () => {
    const huawei = MORE_BENCH_FAMILIES.find((f) => f.family === "huaweicloud.rds")!;
    const fleet = Array.from({ length: 333 }, (_, i) => ({
      fam: huawei,
      id: huawei.instanceId(i),
      timing: { lagMs: 0, durationMs: 1000 },
    }));
    // 666 BatchTagAction calls (the mark set and removed): the 666th no sooner than 660 s.
    assert.strictEqual(lowerBoundSeconds(fleet), 660);
  });
});
