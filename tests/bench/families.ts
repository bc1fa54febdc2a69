/**
 * The bench's per-family adapters: how to seed N instances of a family in the emulator, the
 * fleet stack's entry and provider config for it, the cloud's rate limit the emulator enforces,
 * the family's minimum calls per change, and how Terraform's provider waits for it (the
 * baseline). Everything in the bench is generic over this registry.
 *
 * `alicloud.rds` is here; the other five families are in families-more.ts. Nothing else in the
 * bench is specific to a family.
 */
import type { Emulator, LogEntry } from "../emulator";
import { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY } from "../emulator";
import type { StackConfig } from "../engine/stack";
import { MORE_BENCH_FAMILIES } from "./families-more";

/** How long one emulated change takes: the lag before it shows, then the change itself. */
export interface TaskTiming {
  lagMs: number;
  durationMs: number;
}

/** A limit the emulator enforces, as `admin.injectFault({kind:"throttle", ratePerSecond})`. */
export interface EmulatedRateLimit {
  service: string;
  /** One limit per action ("per API" in the clouds' words); undefined: one for the service. */
  perAction: boolean;
  ratePerSecond: number;
  /**
   * A window instead of a bucket: at most `ratePerSecond` times this many seconds' calls in any
   * such window (faults.ts `windowMs`). Without it, a bucket whose burst is one second's worth.
   */
  windowMs?: number;
  /** Only calls signed by this access key: a limit per user (faults.ts `user`). */
  user?: string;
  /** Where the number comes from (a doc, or "configured"). */
  source: string;
}

export interface BenchFamily {
  family: string;
  /** The cloud's config namespace, e.g. `alicloud`. */
  cloud: string;
  /** Emulator request-log `service` of this family's calls. */
  service: string;
  /** A valid instance id for index `i` (the family's id format). */
  instanceId(i: number): string;
  /** Seeds one instance with SSL off and the given change timing. */
  seed(emu: Emulator, id: string, timing: TaskTiming): void;
  /** The `fleet:instances` entry (examples/fleet) that turns SSL on. */
  stackEntry(id: string): Record<string, unknown>;
  /** Provider config (credentials, region, endpoint override) pointing at the emulator. */
  providerConfig(emu: Emulator): StackConfig;
  /**
   * The fewest calls one change can cost (issue 11): the reads before the write, the write, and
   * the reads once after, by action name.
   */
  minimumCalls: { before: string[]; write: string; after: string[] };
  /** The write call's action name, to find when the emulator accepted the change. */
  writeAction: string;
  rateLimit: EmulatedRateLimit;
  /** terraform-provider-alicloud's `Delay` before its first poll (alibaba.md §2). */
  baselineFirstPollMs: number;
  /** Engines or variants to rotate through when seeding a fleet. */
  variants: number;
  /**
   * The logged calls about instance `id`; default: those whose `DBInstanceId` or `InstanceId`
   * parameter is `id` (RDS v3 names its job polls by job id instead).
   */
  callsOf?(emu: Emulator, log: LogEntry[], id: string): LogEntry[];
  /**
   * Actions a listing page answers for many instances at once (RDS v3's `ListInstances`, 100 a
   * page, provider/rdsv3/calls.ts): in a fleet, each such call of `minimumCalls` counts 1/100.
   */
  listed?: { actions: string[]; pageSize: number };
  /** The logged calls that served many of the family's instances at once (listing pages). */
  sharedCallsOf?(log: LogEntry[]): LogEntry[];
}

/** The calls the emulator logged about one instance of `fam`. */
export function instanceCalls(
  fam: BenchFamily,
  emu: Emulator,
  log: LogEntry[],
  id: string,
): LogEntry[] {
  if (fam.callsOf) return fam.callsOf(emu, log, id);
  return log.filter((e) => e.params.DBInstanceId === id || e.params.InstanceId === id);
}

/** The resource's inputs for instance `id`: its fleet entry without the `family` key. */
export function resourceInputs(fam: BenchFamily, id: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fam.stackEntry(id)).filter(([k]) => k !== "family"));
}

/** Alibaba's default (configured) limit: `dbssl:requestsPerSecond` default 10 per API. */
export const ALIBABA_RATE = 10;

const rds: BenchFamily = {
  family: "alicloud.rds",
  cloud: "alicloud",
  service: "rds",
  instanceId: (i) => `rm-bench${String(i).padStart(5, "0")}`,
  seed(emu, id, timing) {
    const engine = (["MySQL", "PostgreSQL", "SQLServer"] as const)[Number(id.slice(-1)) % 3];
    emu.admin.rds.seed({ id, engine, timing: { ...timing, flipEarly: false } });
  },
  stackEntry: (id) => ({ family: "alicloud.rds", instanceId: id, sslEnabled: true }),
  providerConfig: (emu) => ({
    "alicloud:accessKey": { secret: EMULATOR_ACCESS_KEY },
    "alicloud:secretKey": { secret: EMULATOR_SECRET_KEY },
    "alicloud:region": "cn-hangzhou",
    "dbssl:endpointOverride": emu.url,
  }),
  minimumCalls: {
    // What the API makes indispensable (docs/BENCHMARKS.md "Minimum calls"): the SSL state (no
    // write is idempotent), the engine (which parameters ModifyDBInstanceSSL takes), the task
    // centre (the status lags a change in flight); after the write, which answers no task id,
    // the task centre (done) and the SSL read (the target shown).
    before: ["DescribeDBInstanceSSL", "DescribeDBInstanceAttribute", "DescribeHistoryTasks"],
    write: "ModifyDBInstanceSSL",
    after: ["DescribeHistoryTasks", "DescribeDBInstanceSSL"],
  },
  writeAction: "ModifyDBInstanceSSL",
  rateLimit: {
    service: "rds",
    perAction: true,
    ratePerSecond: ALIBABA_RATE,
    source:
      "Alibaba publishes per-API limits as 'Request Rate: N/60 s' (alibaba.md §5) and none for " +
      "these APIs: the provider's configured default (dbssl:requestsPerSecond = 10 per API)",
  },
  // alicloud_db_instance: BuildStateConf(..., delay 5s, ...) (alibaba.md §2.1 step 6).
  baselineFirstPollMs: 5_000,
  variants: 3,
};

/** The families being added live in families-more.ts (this file stays under 300 lines). */
export const BENCH_FAMILIES: readonly BenchFamily[] = [rds, ...MORE_BENCH_FAMILIES];

export function benchFamily(family: string): BenchFamily {
  const found = BENCH_FAMILIES.find((f) => f.family === family);
  if (!found) throw new Error(`bench: no adapter for ${family} in tests/bench/families.ts`);
  return found;
}

/** A family's provider config for the bench: the emulator, with the product's default settings. */
export function benchConfig(fam: BenchFamily, emu: Emulator): StackConfig {
  return fam.providerConfig(emu);
}
