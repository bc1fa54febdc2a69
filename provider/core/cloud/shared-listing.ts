/**
 * One provider process serves every resource of a stack (pulumi-dynamic.md), so a stack of
 * hundreds of databases on one cloud reads hundreds of instances at once, each by id, and all of
 * them through the same per-API rate limit. Where the cloud's list API is paged and carries what
 * a read needs (RDS v3's `ListInstances`: status and `enable_ssl`, 100 instances a page), one page
 * can answer a hundred reads: reads that wait together are served by the unfiltered listing.
 *
 * What a user can rely on, whatever the load:
 * - **Fresh.** A read is served only by calls sent after it was asked for: reads gather while
 *   earlier listings are in flight and are served by the next one. A poll after a write never
 *   sees a page fetched before the write.
 * - **Never much dearer than reading alone.** A batch fetches the pages that last listed two or
 *   more of its instances; for instances never listed, the listing in order only while the pages
 *   to go are no more than the reads left (and the first page only when the last listing's pages
 *   were no more than those reads). So a batch of n reads whose ids are listed where they were
 *   costs at most n + 1 calls, and a project of thousands of instances is read one by one.
 *   (Ids the pages lack cost their own calls as well: an instance deleted, or pages shifted by
 *   an instance created meanwhile.)
 * - **Polls wait for company only when it comes.** A poll's read may wait its poll's slack (a
 *   small share of the change's elapsed time, poll-due.ts) for other reads to share the page,
 *   but only when the reads of the last ten seconds say another will come within that slack;
 *   a lone resource's poll is never held.
 * - **The listing never concludes anything alone.** An id the pages do not show (pages shift
 *   while instances are created or deleted), and every read of a batch whose page failed, is read
 *   by itself: "not found" and every error come from the resource's own call, with its subject.
 */
import type { Clock } from "../clock";
import { dueTimeOf, pollDueAt, pollSlackMs } from "./poll-due";

/** One page of the unfiltered listing. */
export interface ListingPage<R> {
  records: readonly R[];
  /** How many records the whole listing holds (the cloud's `total_count`). */
  total: number;
}

/** How one read reaches the cloud, from the resource that asked (its context and subject). */
export interface ListingRead<R> {
  /** The record's id, as the listing shows it. */
  id: string;
  /** The filtered call for this id alone: the record, or the resource's own error. */
  one: () => Promise<R>;
  /** The unfiltered listing's page starting at `offset`. */
  page: (offset: number) => Promise<ListingPage<R>>;
  pageSize: number;
  idOf: (record: R) => string | undefined;
}

interface Waiter<R> {
  read: ListingRead<R>;
  dueAt: number;
  /** When its batch starts at the latest: its arrival, or later by its poll's slack. */
  startBy: number;
  resolve: (record: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Listings in flight at once per key. One in flight would queue every read behind one slow
 * answer (answers can take longer than a timeout); two let a batch gather behind the other.
 */
export const LISTINGS_IN_FLIGHT = 2;

/** How far back the reads are counted to judge whether a read waiting for company will get it. */
export const RATE_WINDOW_MS = 10_000;

export class SharedListing<R> {
  private gathering: Waiter<R>[] = [];
  private inFlight = 0;
  /** Arrival times of the reads of the last `RATE_WINDOW_MS`: how busy the listing is. */
  private readonly arrivals: number[] = [];
  /** When a gathered batch is set to start (a sleep on the clock is pending), if any. */
  private wake: number | undefined;
  /** Pages of the last listing (undefined before one): decides whether listing pays. */
  private knownPages: number | undefined;
  /** Where each instance was last listed (page offset): a batch fetches only those pages. */
  private readonly seenAt = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** The record for `read.id`, from the next listing or its own call (see the file comment). */
  read(read: ListingRead<R>): Promise<R> {
    const now = this.clock.now();
    const dueAt = dueTimeOf(true, now);
    const startBy = now + this.gatherFor(now, pollSlackMs());
    return new Promise<R>((resolve, reject) => {
      this.gathering.push({ read, dueAt, startBy, resolve, reject });
      this.startBatches();
    });
  }

  /**
   * How long a read with `slackMs` to spare waits for others: its slack when the reads of the last
   * `RATE_WINDOW_MS` say another is likely to come within it, else nothing (a lone resource's
   * poll is never held for company that will not come).
   */
  private gatherFor(now: number, slackMs: number): number {
    while (this.arrivals.length > 0 && this.arrivals[0] <= now - RATE_WINDOW_MS) {
      this.arrivals.shift();
    }
    this.arrivals.push(now);
    const perMs = (this.arrivals.length - 1) / RATE_WINDOW_MS;
    return slackMs > 0 && perMs * slackMs >= 1 ? slackMs : 0;
  }

  private startBatches(): void {
    if (this.gathering.length === 0) return;
    const now = this.clock.now();
    const due = Math.min(...this.gathering.map((w) => w.startBy));
    if (this.inFlight < LISTINGS_IN_FLIGHT && due > now) this.wakeAt(due);
    while (this.inFlight < LISTINGS_IN_FLIGHT && this.gathering.length > 0 && due <= now) {
      const batch = this.gathering;
      this.gathering = [];
      this.inFlight++;
      const dueAt = Math.min(...batch.map((w) => w.dueAt));
      void pollDueAt(dueAt, () => this.serve(batch)).finally(() => {
        this.inFlight--;
        this.startBatches();
      });
    }
  }

  /** Starts the gathered batch at `at`, when it is due, unless a wake-up comes sooner. */
  private wakeAt(at: number): void {
    if (this.wake !== undefined && this.wake <= at) return;
    this.wake = at;
    void this.clock.sleep(at - this.clock.now()).then(() => {
      if (this.wake === at) this.wake = undefined;
      this.startBatches();
    });
  }

  /**
   * Serves a batch: the pages where two or more of its instances were last listed, then (for
   * instances never listed) the listing in order while it pays, then each read left by its own
   * call. Listings keep their order between calls (the cloud sorts by creation time), so a page
   * fetched for two reads almost always holds both; one that no longer does costs a call more.
   */
  private async serve(batch: Waiter<R>[]): Promise<void> {
    const left = new Map<string, Waiter<R>[]>();
    for (const w of batch) left.set(w.read.id, [...(left.get(w.read.id) ?? []), w]);
    const first = batch[0].read;
    try {
      if (left.size > 1) {
        await Promise.all(this.sharedPages(left).map((offset) => this.fetch(first, offset, left)));
        const unseen = [...left.keys()].filter((id) => !this.seenAt.has(id)).length;
        if (unseen > 1 && (this.knownPages ?? 1) <= unseen) await this.list(first, left);
      }
    } catch {
      // Each read left gets its own call below, and its own error if that fails too.
    }
    await Promise.all([...left.values()].map((waiters) => readAlone(waiters)));
  }

  /** Offsets of the pages that last listed two or more of the instances left. */
  private sharedPages(left: Map<string, Waiter<R>[]>): number[] {
    const count = new Map<number, number>();
    for (const id of left.keys()) {
      const offset = this.seenAt.get(id);
      if (offset !== undefined) count.set(offset, (count.get(offset) ?? 0) + 1);
    }
    return [...count].filter(([, n]) => n > 1).map(([offset]) => offset);
  }

  /** Fetches pages in order while there are more reads left than pages to go. */
  private async list(first: ListingRead<R>, left: Map<string, Waiter<R>[]>): Promise<void> {
    for (let offset = 0; left.size > 0; offset += first.pageSize) {
      const { records, total } = await this.fetch(first, offset, left);
      const pagesToGo = Math.ceil((total - offset - first.pageSize) / first.pageSize);
      if (records.length === 0 || pagesToGo <= 0 || pagesToGo > left.size) return;
    }
  }

  /** One page: answers the reads left that it lists, and notes where it listed every instance. */
  private async fetch(
    read: ListingRead<R>,
    offset: number,
    left: Map<string, Waiter<R>[]>,
  ): Promise<ListingPage<R>> {
    const listed = await read.page(offset);
    this.knownPages = Math.max(1, Math.ceil(listed.total / read.pageSize));
    for (const record of listed.records) {
      const id = read.idOf(record);
      if (id === undefined) continue;
      this.seenAt.set(id, offset);
      const waiters = left.get(id);
      if (!waiters) continue;
      left.delete(id);
      for (const w of waiters) w.resolve(record);
    }
    return listed;
  }
}

/** One call for an id, answering every read of it in the batch. */
async function readAlone<R>(waiters: Waiter<R>[]): Promise<void> {
  try {
    const record = await waiters[0].read.one();
    for (const w of waiters) w.resolve(record);
  } catch (error) {
    for (const w of waiters) w.reject(error);
  }
}

const listings = new WeakMap<Clock, Map<string, SharedListing<unknown>>>();

/**
 * The process-wide listing for one key: reads share a listing only when one page would answer
 * each of them alike (same cloud, endpoint, account, project and region; the caller's key).
 */
export function sharedListingFor<R>(key: string, clock: Clock): SharedListing<R> {
  let byKey = listings.get(clock);
  if (!byKey) listings.set(clock, (byKey = new Map()));
  let listing = byKey.get(key);
  if (!listing) byKey.set(key, (listing = new SharedListing<unknown>(clock)));
  return listing as SharedListing<R>;
}
