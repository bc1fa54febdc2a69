/**
 * `coldStart`: from starting the dynamic-provider host to the first Check answered, and to the
 * first Create per family, against a bare host (a provider that does nothing). Check must load
 * no SDK, so `checkMs` stays close to `bareMs`. Medians of a few runs.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Emulator } from "../emulator";
import { startBenchEmulator } from "./bench-emulator";
import { startDynamicHost } from "../engine/host";
import { serializedProvider, urnOf } from "../fixtures/provider-harness";
import { BENCH_FAMILIES, benchConfig, resourceInputs, type BenchFamily } from "./families";
import { median, msSince, round } from "./stats";

export interface ColdStartFigures {
  bareMs: number;
  checkMs: number;
  firstCreateMs: Record<string, number>;
  runs: number;
}

const bareProvider = {
  async check(_olds: unknown, news: Record<string, unknown>) {
    return { inputs: news };
  },
};

async function bareProviderText(): Promise<string> {
  const sf = await pulumi.runtime.serializeFunction(() => bareProvider, { allowSecrets: true });
  return sf.text;
}

/** Starts a host, configures it, runs `first`, and answers how long that took. */
async function timeFromStart(
  emu: Emulator,
  fam: BenchFamily,
  first: (host: Awaited<ReturnType<typeof startDynamicHost>>) => Promise<unknown>,
): Promise<number> {
  const started = process.hrtime.bigint();
  const host = await startDynamicHost({ env: { DBSSL_TEST_CLOCK_URL: emu.url } });
  try {
    await host.configure(benchConfig(fam, emu));
    await first(host);
    return msSince(started);
  } finally {
    await host.stop();
  }
}

export async function measureColdStart(runs = 3): Promise<ColdStartFigures> {
  const emu = await startBenchEmulator({ timing: { lagMs: 0, durationMs: 0 } });
  try {
    const bare = await bareProviderText();
    const [fam] = BENCH_FAMILIES;
    const bareMs: number[] = [];
    const checkMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      bareMs.push(
        await timeFromStart(emu, fam, (h) => h.check(urnOf("bare"), {}, { __provider: bare })),
      );
      const text = await serializedProvider(fam.family);
      const inputs = { instanceId: fam.instanceId(0), __provider: text };
      checkMs.push(await timeFromStart(emu, fam, (h) => h.check(urnOf(fam.family), {}, inputs)));
    }
    const firstCreateMs: Record<string, number> = {};
    for (const f of BENCH_FAMILIES)
      firstCreateMs[f.family] = round(await firstCreate(emu, f, runs));
    return { bareMs: round(median(bareMs)), checkMs: round(median(checkMs)), firstCreateMs, runs };
  } finally {
    await emu.close();
  }
}

/** Start to the first Create answered (Check, then Create of an instantaneous change). */
async function firstCreate(emu: Emulator, fam: BenchFamily, runs: number): Promise<number> {
  const text = await serializedProvider(fam.family);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const id = fam.instanceId(100 + i);
    fam.seed(emu, id, { lagMs: 0, durationMs: 0 });
    times.push(
      await timeFromStart(emu, fam, async (h) => {
        const inputs = { ...resourceInputs(fam, id), __provider: text };
        const checked = await h.check(urnOf(fam.family), {}, inputs);
        await h.create(urnOf(fam.family), checked.inputs);
      }),
    );
  }
  return median(times);
}
