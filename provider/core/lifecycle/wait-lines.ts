/**
 * The progress lines of one wait (wait.ts `pollUntil`): a line when the state changes, every 10th
 * poll, and a heartbeat so that no more than `heartbeatMs` (30 s) passes without one (issue 19).
 * The schedule's sleeps can be minutes long far from the expected duration, so the heartbeat
 * splits each sleep on the injected clock and prints the last state seen: it never polls, so it
 * adds no cloud call, and the polls come at the same times as without it.
 */
import type { Clock } from "../clock";
import { formatDuration, type ErrorSubject } from "../cloud/errors";

/** The longest silence while waiting: a line at least this often. */
export const HEARTBEAT_MS = 30_000;

export interface WaitLinesOptions {
  subject: ErrorSubject;
  target: string;
  clock: Clock;
  progress: (line: string) => void;
  heartbeatMs?: number;
}

/** What a poll showed: the state, and the cloud's estimate of the time left when it gave one. */
export interface PolledState {
  state: string;
  remainingMs?: number;
}

export class WaitLines {
  private last: (PolledState & { at: number }) | undefined;
  private reported = "";
  private lastLineAt: number;
  private readonly heartbeatMs: number;

  constructor(
    private readonly opts: WaitLinesOptions,
    private readonly started: number,
  ) {
    this.lastLineAt = started;
    this.heartbeatMs = opts.heartbeatMs ?? HEARTBEAT_MS;
  }

  /** The state of the last poll, for a timeout's message. */
  get lastState(): string {
    return this.last?.state ?? "not yet read";
  }

  /** A poll that did not end the wait (`n`: its number, from 0 or 1). */
  polled(polled: PolledState, n: number): void {
    const now = this.opts.clock.now();
    this.last = { ...polled, at: now };
    const silent = now - this.lastLineAt >= this.heartbeatMs;
    if (polled.state !== this.reported || n % 10 === 0 || silent) {
      this.print(`${polled.state}, waiting for ${this.opts.target}`);
      this.reported = polled.state;
    }
  }

  /** Sleeps `ms` on the clock, in pieces when needed to print a heartbeat in time. */
  async sleep(ms: number): Promise<void> {
    const { clock } = this.opts;
    const end = clock.now() + ms;
    for (;;) {
      const beat = this.lastLineAt + this.heartbeatMs;
      const until = Math.min(beat, end);
      if (until > clock.now()) await clock.sleep(until - clock.now());
      if (beat >= end) return;
      this.heartbeat();
    }
  }

  private heartbeat(): void {
    const waiting = `waiting for ${this.opts.target}`;
    this.print(
      this.last === undefined ? waiting : `${this.last.state} at the last poll, ${waiting}`,
    );
  }

  private print(what: string): void {
    const now = this.opts.clock.now();
    const { family, instanceId } = this.opts.subject;
    const elapsed = formatDuration(now - this.started);
    this.opts.progress(`${family} ${instanceId}: ${what} (${elapsed})${this.timeLeft(now)}`);
    this.lastLineAt = now;
  }

  /** The cloud's estimate at the last poll, less the time since: `, about 4m10s left (...)`. */
  private timeLeft(now: number): string {
    const estimate = this.last?.remainingMs;
    if (estimate === undefined || !Number.isFinite(estimate) || this.last === undefined) return "";
    const left = estimate - (now - this.last.at);
    return left >= 1000
      ? `, about ${formatDuration(left)} left (cloud's estimate)`
      : ", past the cloud's estimate";
  }
}
