/**
 * Time, injectable so that waits run in milliseconds under test.
 *
 * In production the system clock is used. Tests start the dynamic-provider host with
 * `DBSSL_TEST_CLOCK_URL` pointing at the project's cloud emulator: every sleep then advances
 * the emulator's virtual clock instead of waiting, so the provider and the emulated cloud
 * share one time line and a 30-minute wait takes a few milliseconds.
 */
import * as http from "http";

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A clock that only moves when told to; sleeping advances it at once. For in-process tests. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private current = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.current;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.current += ms;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Shares the cloud emulator's virtual time (`POST /__admin/clock {advanceTo}` answers `{now}`). */
export class EmulatorClock implements Clock {
  private offset = 0;
  constructor(private readonly baseUrl: string) {}

  now(): number {
    return Date.now() + this.offset;
  }

  async sleep(ms: number): Promise<void> {
    const answer = await postJson(`${this.baseUrl}/__admin/clock`, { advanceTo: this.now() + ms });
    this.offset = Math.max(this.offset, Number(answer.now) - Date.now());
  }
}

function postJson(url: string, body: object): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
    });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve(JSON.parse(text || "{}")));
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

/** The clock for this process: the emulator's when a test asked for it, else the system's. */
export function processClock(env: NodeJS.ProcessEnv = process.env): Clock {
  const url = env.DBSSL_TEST_CLOCK_URL;
  return url ? new EmulatorClock(url.replace(/\/$/, "")) : systemClock;
}
