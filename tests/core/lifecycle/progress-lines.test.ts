/**
 * Issue 19: progress during long waits (wait-lines.ts) and `dbssl:logLevel` (log.ts, settings.ts).
 * On the fake clock: a line at least every 30 s of virtual time, the polls exactly as without the
 * heartbeat, the cloud's estimate of the time left, and what each level lets through.
 */
import * as assert from "assert";
import { FakeClock } from "../../fixtures/fake-clock";
import type { SettleObservation } from "../../../provider/core/driver";
import { answerFacts, callLine, linesAt } from "../../../provider/core/log";
import { settingsFrom } from "../../../provider/core/settings";
import { waitForSslState, type SettleOptions } from "../../../provider/core/lifecycle/wait";

const subject = { family: "alicloud.rds", instanceId: "rm-1" };
const START = Date.UTC(2026, 0, 1);
const TEN_MINUTES = 600_000;

interface Line {
  at: number;
  text: string;
}

/** A change that shows SSL_MODIFYING until `durationMs` after it was sent, then Running. */
function tenMinuteChange(extra: Partial<SettleOptions> = {}, remainingMs?: (t: number) => number) {
  const clock = new FakeClock(START);
  const lines: Line[] = [];
  const pollsAt: number[] = [];
  const verdict = waitForSslState(
    {
      subject,
      target: "SSL enabled",
      clock,
      deadline: START + 3_600_000,
      firstDelayMs: 1000,
      maxDelayMs: 600_000,
      expectedMs: 180_000, // the RDS prior: far from it, the schedule sleeps for minutes
      progress: (text) => lines.push({ at: clock.now() - START, text }),
      random: () => 0.5,
      sentAt: START,
      graceMs: 60_000,
      ...extra,
    },
    async (): Promise<SettleObservation> => {
      const t = clock.now() - START;
      pollsAt.push(t);
      if (t >= TEN_MINUTES) return { state: "Running", steady: true, targetShown: true };
      return {
        state: "SSL_MODIFYING",
        steady: false,
        targetShown: false,
        remainingMs: remainingMs?.(t),
      };
    },
  );
  return { verdict, lines, pollsAt };
}

describe("core/wait-lines: a line at least every 30 s while waiting (issue 19)", () => {
  it("a 10-minute change prints a line at least every 30 s, with the polls of the schedule alone", async () => {
    const run = tenMinuteChange();
    assert.strictEqual(await run.verdict, "finished");
    const times = [0, ...run.lines.map((l) => l.at)];
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    assert.ok(Math.max(...gaps) <= 30_000, `gaps between lines: ${gaps.join(", ")}`);
    assert.ok(run.lines.at(-1)!.at >= TEN_MINUTES);
    // The schedule sleeps for minutes here: without the heartbeat there would be long silences.
    const pollGaps = run.pollsAt.slice(1).map((t, i) => t - run.pollsAt[i]);
    assert.ok(Math.max(...pollGaps) > 60_000, `gaps between polls: ${pollGaps.join(", ")}`);
    // No heartbeat at all: the very same polls (count and times). The heartbeat never polls.
    const silent = tenMinuteChange({ heartbeatMs: Number.POSITIVE_INFINITY });
    assert.strictEqual(await silent.verdict, "finished");
    assert.deepStrictEqual(run.pollsAt, silent.pollsAt);
    assert.ok(run.lines.length > silent.lines.length + 10);
    assert.ok(
      run.lines.some((l) =>
        /^alicloud\.rds rm-1: SSL_MODIFYING at the last poll, waiting for SSL enabled \(\d+m\d\ds\)$/.test(
          l.text,
        ),
      ),
      run.lines.map((l) => l.text).join("\n"),
    );
  });

  it("shows the cloud's estimate of the time left, counted down between polls", async () => {
    // The cloud says the change ends at 10 minutes (RemainTime = 10 min - t at each poll).
    const run = tenMinuteChange({}, (t) => TEN_MINUTES - t);
    assert.strictEqual(await run.verdict, "finished");
    const waiting = run.lines.filter((l) => l.at < TEN_MINUTES);
    assert.ok(waiting.length > 15);
    for (const line of waiting) {
      const left = /, about (?:(\d+)m(\d\d)s|(\d+)s) left \(cloud's estimate\)$/.exec(line.text);
      assert.ok(left, line.text);
      const seconds =
        left[3] !== undefined ? Number(left[3]) : Number(left[1]) * 60 + Number(left[2]);
      assert.strictEqual(seconds, Math.round((TEN_MINUTES - line.at) / 1000), line.text);
    }
  });

  it("without an estimate no time left is claimed; past it, the line says so", async () => {
    const none = tenMinuteChange();
    await none.verdict;
    assert.ok(none.lines.every((l) => !/left|estimate/.test(l.text)));
    const short = tenMinuteChange({}, () => 60_000); // each poll says one more minute
    await short.verdict;
    assert.ok(short.lines.some((l) => l.text.endsWith(", past the cloud's estimate")));
  });
});

describe("core/log: dbssl:logLevel", () => {
  const sinksAt = (level: "quiet" | "info" | "debug") => {
    const out: string[] = [];
    const s = linesAt(level, (l) => out.push(l));
    s.notice("n");
    s.progress("p");
    s.debug("d");
    return out;
  };

  it("quiet prints notices only, info adds progress, debug adds the call lines", () => {
    assert.deepStrictEqual(sinksAt("quiet"), ["n"]);
    assert.deepStrictEqual(sinksAt("info"), ["n", "p"]);
    assert.deepStrictEqual(sinksAt("debug"), ["n", "p", "debug: d"]);
  });

  it("reads dbssl:logLevel, else DBSSL_LOG_LEVEL, default info; anything else is a problem naming the setting", () => {
    const from = (config: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
      settingsFrom({ get: (k) => config[k] }, env);
    assert.strictEqual(from({}).logLevel, "info");
    assert.deepStrictEqual(from({}).problems, []);
    assert.strictEqual(from({ "dbssl:logLevel": "debug" }).logLevel, "debug");
    assert.strictEqual(from({}, { DBSSL_LOG_LEVEL: "quiet" }).logLevel, "quiet");
    const bad = from({ "dbssl:logLevel": "verbose\n" });
    assert.strictEqual(bad.logLevel, "info");
    assert.deepStrictEqual(bad.problems, [
      'dbssl:logLevel (or DBSSL_LOG_LEVEL) must be one of "quiet", "info", "debug"; got "verbose\\u000a"',
    ]);
  });

  it("a call line has the action, outcome, status, request id and duration, on one line", () => {
    const line = callLine({
      ...subject,
      action: "DescribeDBInstanceSSL",
      outcome: "ok",
      httpStatus: 200,
      requestId: "5C3E\n[dbssl] forged",
      durationMs: 41.4,
    });
    assert.strictEqual(
      line,
      "alicloud.rds rm-1: DescribeDBInstanceSSL ok (HTTP 200, request 5C3E\\u000a[dbssl] forged, 41 ms)",
    );
  });

  it("finds the request id and status in each client's answer shape", () => {
    // Alibaba SDK model, openapi-core raw body, Tencent SDK, RDS v3.
    assert.deepStrictEqual(answerFacts({ statusCode: 200, body: { requestId: "a-1" } }), {
      requestId: "a-1",
      httpStatus: 200,
    });
    assert.deepStrictEqual(answerFacts({ statusCode: 200, body: { RequestId: "d-1" } }), {
      requestId: "d-1",
      httpStatus: 200,
    });
    assert.deepStrictEqual(answerFacts({ RequestId: "t-1" }), {
      requestId: "t-1",
      httpStatus: undefined,
    });
    assert.deepStrictEqual(answerFacts({ status: 202, json: {}, requestId: "v-1" }), {
      requestId: "v-1",
      httpStatus: 202,
    });
    assert.deepStrictEqual(answerFacts(undefined), { requestId: undefined, httpStatus: undefined });
  });
});
