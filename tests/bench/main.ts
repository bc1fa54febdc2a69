/**
 * `npm run bench`: a stack of hundreds of RDS instances through the real dynamic-provider host
 * against the emulator, with the engine's default parallelism (16). Reports wall time per phase
 * and the cloud calls made. Waits run on the emulator's virtual clock, so what is measured is the
 * provider's own cost (gRPC, SDK, signing, JSON), not the cloud's minutes.
 *
 *   npm run bench -- --instances 300 --parallel 16
 */
import { URN, startRdsHarness } from "../fixtures/provider-harness";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function inParallel<T>(items: T[], limit: number, run: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
    }),
  );
}

async function main() {
  const count = arg("instances", 300);
  const parallel = arg("parallel", 16);
  const h = await startRdsHarness({ config: { "dbssl:requestsPerSecond": "50" } });
  const ids = Array.from({ length: count }, (_, i) => `rm-bench${String(i).padStart(4, "0")}`);
  ids.forEach((id, i) =>
    h.emu.admin.rds.seed({ id, engine: (["MySQL", "PostgreSQL", "SQLServer"] as const)[i % 3] }),
  );
  const outputs = new Map<string, Record<string, unknown>>();
  const rows: string[][] = [];
  const phase = async (name: string, run: (id: string) => Promise<void>) => {
    const before = h.emu.admin.log().length;
    const started = process.hrtime.bigint();
    await inParallel(ids, parallel, run);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const calls = h.emu.admin.log().length - before;
    rows.push([name, `${Math.round(ms)} ms`, `${(ms / count).toFixed(1)} ms`, String(calls)]);
  };
  await phase("up (create: read, Modify, wait, read back)", async (id) => {
    outputs.set(id, (await h.create({ instanceId: id })).outputs);
  });
  await phase("preview (check + diff, offline)", async (id) => {
    const { inputs } = await h.check({ instanceId: id });
    await h.host.diff(id, URN, outputs.get(id)!, inputs);
  });
  await phase("refresh (read)", async (id) => {
    await h.host.read(id, URN, outputs.get(id)!);
  });
  await phase("second up (read, nothing to send)", async (id) => {
    const { inputs } = await h.check({ instanceId: id });
    await h.host.update(id, URN, outputs.get(id)!, inputs);
  });
  await phase("destroy (read, Modify, wait)", async (id) => {
    await h.host.delete(id, URN, outputs.get(id)!);
  });
  await h.close();
  console.log(`pulumi-dbssl bench: ${count} RDS instances, parallelism ${parallel}\n`);
  const header = ["phase", "wall time", "per resource", "cloud calls"];
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((r) => r[c].length)));
  for (const row of [header, ...rows])
    console.log(row.map((v, c) => v.padEnd(widths[c])).join("  "));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
