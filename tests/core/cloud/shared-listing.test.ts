/**
 * Reads waiting together share the listing's pages (core/cloud/shared-listing.ts): fresh (a read
 * is served only by a call sent after it was asked), never much dearer than reading alone, and
 * never concluding "not found" or an error from the listing.
 */
import * as assert from "assert";
import {
  SharedListing,
  type ListingPage,
  type ListingRead,
} from "../../../provider/core/cloud/shared-listing";
import { pollDueAt } from "../../../provider/core/cloud/poll-due";
import { EventClock } from "../../fixtures/event-clock";

interface Rec {
  id: string;
  /** The call that fetched it (1-based, in the order calls were sent). */
  call: number;
}

/** A cloud whose answers wait until the test lets them go; it records every call sent. */
class HeldCloud {
  readonly sent: string[] = [];
  private held: (() => void)[] = [];
  pageFails = false;

  constructor(private ids: string[]) {}

  read(id: string): ListingRead<Rec> {
    return {
      id,
      one: () => this.answer(`one ${id}`, (call) => this.one(id, call)),
      page: (offset) => this.answer(`page ${offset}`, (call) => this.page(offset, call)),
      pageSize: 10,
      idOf: (r) => r.id,
    };
  }

  /** Lets every call sent so far answer, then lets the reads they free run. */
  async release(): Promise<void> {
    const held = this.held;
    this.held = [];
    for (const go of held) go();
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  }

  /** Lets the oldest call held answer. */
  async releaseOldest(): Promise<void> {
    this.held.shift()?.();
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  }

  /** Releases until nothing is held. */
  async drain(): Promise<void> {
    while (this.held.length > 0) await this.release();
  }

  private answer<T>(name: string, make: (call: number) => T): Promise<T> {
    this.sent.push(name);
    const call = this.sent.length;
    return new Promise<T>((resolve, reject) =>
      this.held.push(() => {
        try {
          resolve(make(call));
        } catch (error) {
          reject(error);
        }
      }),
    );
  }

  private one(id: string, call: number): Rec {
    if (!this.ids.includes(id)) throw new Error(`${id} not found`);
    return { id, call };
  }

  private page(offset: number, call: number): ListingPage<Rec> {
    if (this.pageFails) throw new Error("page failed");
    const records = this.ids.slice(offset, offset + 10).map((id) => ({ id, call }));
    return { records, total: this.ids.length };
  }
}

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `i${from + i}`);

describe("core/cloud SharedListing: reads waiting together share pages", () => {
  it("serves the reads that gathered behind two in flight with the listing's pages", async () => {
    const cloud = new HeldCloud(ids(25));
    const listing = new SharedListing<Rec>(new EventClock());
    const reads = ids(25).map((id) => listing.read(cloud.read(id)));
    await cloud.drain();
    const records = await Promise.all(reads);
    // The first two go alone (nothing to wait behind); the other 23 share three pages.
    assert.deepStrictEqual(cloud.sent, ["one i0", "one i1", "page 0", "page 10", "page 20"]);
    assert.deepStrictEqual(
      records.map((r) => r.id),
      ids(25),
    );
  });

  it("never serves a read with an answer to a call sent before it was asked", async () => {
    const cloud = new HeldCloud(ids(5));
    const listing = new SharedListing<Rec>(new EventClock());
    const early = ["i0", "i1", "i2", "i3"].map((id) => listing.read(cloud.read(id)));
    // i0 and i1 go alone; i2 and i3 gather, and take i0's slot when it answers.
    await cloud.releaseOldest();
    assert.deepStrictEqual(cloud.sent, ["one i0", "one i1", "page 0"]);
    const sentBefore = cloud.sent.length;
    // Asked while that page (which lists i4) is in flight: a poll after a write must not see it.
    const late = listing.read(cloud.read("i4"));
    await cloud.drain();
    await Promise.all(early);
    const record = await late;
    assert.ok(
      record.call > sentBefore,
      `i4 was served by call ${record.call}, sent before it was asked (${cloud.sent.join(", ")})`,
    );
  });

  it("reads a project of many pages one by one once the listing shows its size", async () => {
    const cloud = new HeldCloud(ids(100));
    const listing = new SharedListing<Rec>(new EventClock());
    // Unknown size: the gathered batch of three (i50-i52) tries one page, whose total shows
    // nine more pages for three reads not on it: they go alone. Three reads, one page more.
    const first = ["i0", "i1", "i50", "i51", "i52"].map((id) => listing.read(cloud.read(id)));
    await cloud.drain();
    await Promise.all(first);
    assert.deepStrictEqual(cloud.sent, [
      "one i0",
      "one i1",
      "page 0",
      "one i50",
      "one i51",
      "one i52",
    ]);
    // Known size now (ten pages): a batch of fewer reads than pages lists nothing.
    cloud.sent.length = 0;
    const next = ["i60", "i61", "i70", "i71", "i72"].map((id) => listing.read(cloud.read(id)));
    await cloud.drain();
    await Promise.all(next);
    assert.deepStrictEqual(cloud.sent, ["one i60", "one i61", "one i70", "one i71", "one i72"]);
  });

  it("fetches only the pages that last listed two or more of the instances read", async () => {
    const cloud = new HeldCloud(ids(30));
    const listing = new SharedListing<Rec>(new EventClock());
    const first = ["i0", "i1", ...ids(28, 2)].map((id) => listing.read(cloud.read(id)));
    await cloud.drain();
    await Promise.all(first);
    assert.deepStrictEqual(cloud.sent.slice(2), ["page 0", "page 10", "page 20"]);
    cloud.sent.length = 0;
    // i12 and i15 were on page 10; i21 alone on page 20 and i5 alone on page 0 cost a call each.
    const next = ["i0", "i1", "i12", "i15", "i21", "i5"].map((id) => listing.read(cloud.read(id)));
    await cloud.drain();
    assert.deepStrictEqual(
      (await Promise.all(next)).map((r) => r.id),
      ["i0", "i1", "i12", "i15", "i21", "i5"],
    );
    assert.deepStrictEqual(cloud.sent, ["one i0", "one i1", "page 10", "one i21", "one i5"]);
  });

  it("leaves 'not found' to the id's own call: a listed page that lacks it concludes nothing", async () => {
    const cloud = new HeldCloud(ids(5));
    const listing = new SharedListing<Rec>(new EventClock());
    const reads = ["i0", "i1", "i2", "gone", "i3"].map((id) =>
      listing.read(cloud.read(id)).then(
        (r) => r.id,
        (e: Error) => e.message,
      ),
    );
    await cloud.drain();
    assert.deepStrictEqual(await Promise.all(reads), ["i0", "i1", "i2", "gone not found", "i3"]);
    assert.deepStrictEqual(cloud.sent, ["one i0", "one i1", "page 0", "one gone"]);
  });

  it("reads each id by itself when a page fails, and asks once for an id read twice", async () => {
    const cloud = new HeldCloud(ids(5));
    cloud.pageFails = true;
    const listing = new SharedListing<Rec>(new EventClock());
    const reads = ["i0", "i1", "i2", "i3", "i2"].map((id) => listing.read(cloud.read(id)));
    await cloud.drain();
    assert.deepStrictEqual(
      (await Promise.all(reads)).map((r) => r.id),
      ["i0", "i1", "i2", "i3", "i2"],
    );
    assert.deepStrictEqual(cloud.sent, ["one i0", "one i1", "page 0", "one i2", "one i3"]);
  });

  it("holds a poll's read up to its slack for others only while reads come often", async () => {
    const clock = new EventClock();
    const start = clock.now();
    const sent: string[] = [];
    const cloud: (id: string) => ListingRead<Rec> = (id) => ({
      id,
      one: async () => (sent.push(`one ${id}@${clock.now() - start}`), { id, call: 0 }),
      page: async (offset) => {
        sent.push(`page ${offset}@${clock.now() - start}`);
        return { records: ids(20).map((i) => ({ id: i, call: 0 })), total: 20 };
      },
      pageSize: 100,
      idOf: (r) => r.id,
    });
    const listing = new SharedListing<Rec>(clock);
    const served: number[] = [];
    // Twelve polls, one every 100 ms, each with 2 s of slack: the first five find too few reads
    // in the last ten seconds to expect company within 2 s and go alone; the sixth on wait.
    const polls = ids(12).map(async (id, i) => {
      await clock.sleep(i * 100);
      const asked = clock.now();
      await pollDueAt(asked, () => listing.read(cloud(id)), 2_000);
      served.push(clock.now() - asked);
    });
    await clock.run(Promise.all(polls));
    assert.deepStrictEqual(sent, [
      "one i0@0",
      "one i1@100",
      "one i2@200",
      "one i3@300",
      "one i4@400",
      "page 0@2500",
    ]);
    assert.ok(Math.max(...served) <= 2_000, `served after ${Math.max(...served)} ms`);
  });
});
