/**
 * The limiter serves waiting calls earliest deadline first (issue 18 item 3), on a discrete-event
 * clock (several tasks sleep at once): a poll's calls are due when the poll was scheduled, a
 * write at its arrival and never later, so a write is never starved by polls; the throttle
 * adaptation of issue 17 item 7 still holds with calls waiting.
 */
import * as assert from "assert";
import { callCloud } from "../../../provider/core/cloud/call-cloud";
import type { DriverContext } from "../../../provider/core/driver";
import { pollDueAt } from "../../../provider/core/cloud/poll-due";
import { TokenBucket } from "../../../provider/core/cloud/rate-limit";
import { settingsFrom } from "../../../provider/core/settings";
import { EventClock } from "../../fixtures/event-clock";

/** Takes a token for `name` (due at `dueAt`), recording when it was served. */
function taker(bucket: TokenBucket, clock: EventClock, served: { name: string; at: number }[]) {
  const start = clock.now();
  return (name: string, dueAt?: number) =>
    bucket.take(dueAt === undefined ? undefined : start + dueAt).then(() => {
      served.push({ name, at: clock.now() - start });
    });
}

describe("core/rate-limit TokenBucket: earliest deadline first", () => {
  it("serves the call due earliest, whenever it arrived; calls due together in arrival order", async () => {
    const clock = new EventClock();
    const bucket = new TokenBucket(1, 1, clock);
    const served: { name: string; at: number }[] = [];
    const take = taker(bucket, clock, served);
    await clock.run(take("first")); // the burst: served at once
    const all = [
      take("fresh poll"), // due at its arrival, 0
      take("late poll", -5_000), // its poll was scheduled 5 s ago
      take("write"), // due at its arrival, 0, after the fresh poll that arrived first
      clock.sleep(500).then(() => take("later but due first", -10_000)),
    ];
    await clock.run(Promise.all(all).then(() => Promise.all(all.slice(0, 3))));
    assert.deepStrictEqual(served, [
      { name: "first", at: 0 },
      { name: "later but due first", at: 1000 },
      { name: "late poll", at: 2000 },
      { name: "fresh poll", at: 3000 },
      { name: "write", at: 4000 },
    ]);
  });

  it("never starves a write: only calls due before its arrival go first, however many keep coming", async () => {
    const clock = new EventClock();
    const bucket = new TokenBucket(2, 2, clock);
    const served: { name: string; at: number }[] = [];
    const take = taker(bucket, clock, served);
    const start = clock.now();
    // Polls arrive at twice the rate, each 20 s overdue, for 400 s: the queue only grows.
    let stop = false;
    const polls = (async () => {
      for (let k = 0; k < 1600 && !stop; k++) {
        const at = clock.now() - start;
        void take(`poll due ${at - 20_000}`, at - 20_000);
        await clock.sleep(250);
      }
    })();
    const write = clock.sleep(10_000).then(() => take("write"));
    await clock.run(write);
    stop = true;
    await clock.run(polls);
    const writeServed = served.findIndex((s) => s.name === "write");
    const dueOf = (s: { name: string }) => Number(s.name.replace("poll due ", ""));
    // Polls due before 10 s arrived until 30 s (120 of them) and go first, at 2/s: about 60 s.
    assert.ok(
      served.slice(0, writeServed).every((s) => dueOf(s) < 10_000),
      "a call due after the write was served before it",
    );
    assert.ok(served[writeServed].at <= 61_000, `write served at ${served[writeServed].at} ms`);
  });

  it("still adapts to throttling with calls waiting: paused for the retry-after, then half the rate, in due order", async () => {
    const clock = new EventClock();
    const bucket = new TokenBucket(10, 10, clock);
    const served: { name: string; at: number }[] = [];
    const take = taker(bucket, clock, served);
    const tickets = await clock.run(Promise.all(Array.from({ length: 10 }, () => bucket.take())));
    for (const ticket of tickets) bucket.throttled(ticket, 3_000); // one overload: one decrease
    assert.strictEqual(bucket.ratePerSecond, 5);
    const waiting = [take("c", 0), take("b", -1_000), take("a", -2_000), take("d", 0)];
    await clock.run(Promise.all(waiting));
    assert.deepStrictEqual(
      served.map((s) => s.name),
      ["a", "b", "c", "d"],
    );
    assert.ok(served[0].at >= 3_000, `nothing before the retry-after: ${served[0].at} ms`);
    const gaps = served.slice(1).map((s, i) => s.at - served[i].at);
    // About 1/5 s apart (5/s, recovering by 2 % of the ceiling each second).
    assert.ok(
      gaps.every((g) => g >= 180 && g <= 200),
      gaps.join(" "),
    );
  });
});

describe("core/call-cloud: a poll's calls keep the poll's due time", () => {
  const context = (clock: EventClock): DriverContext => ({
    settings: settingsFrom(undefined, {}),
    clock,
    progress: () => undefined,
  });
  const subject = { family: "test.family", instanceId: "i-1" };

  it("a read of a poll scheduled earlier goes before a fresh read; a write never borrows the poll's time", async () => {
    const clock = new EventClock();
    const ctx = context(clock);
    const bucket = new TokenBucket(1, 1, clock);
    const sent: string[] = [];
    const call = (name: string, readOnly = true) =>
      callCloud({
        ctx,
        subject,
        action: name,
        readOnly,
        limiter: bucket,
        typedError: (e) => e as Error,
        send: async () => void sent.push(name),
      });
    await clock.run(call("burst"));
    const polled = clock.now() - 4_000; // this poll's first call already waited 4 s elsewhere
    const all = [
      call("fresh read"),
      call("write", false),
      pollDueAt(polled, () => call("write inside a poll", false)),
      pollDueAt(polled, () => call("second read of the late poll")),
    ];
    await clock.run(Promise.all(all));
    assert.deepStrictEqual(sent, [
      "burst",
      "second read of the late poll",
      "fresh read",
      "write",
      "write inside a poll",
    ]);
  });
});
