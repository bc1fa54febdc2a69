// The demo through a real `pulumi` CLI (Automation API), used when one is on PATH: a LocalWorkspace
// on the repo's Pulumi.yaml (the fleet example), a local file backend in a temp dir, the passphrase
// secrets provider and the emulator endpoint in stack config. Not runnable here (no CLI).
import * as fs from "fs";
import * as path from "path";
import { EngineEvent, LocalWorkspace, OpMap, Stack as AutoStack } from "@pulumi/pulumi/automation";
import type { DemoRunner } from "./demo";
import { repoRoot } from "./host";
import type { Operation, StackConfig } from "./stack";

interface Row {
  name: string;
  op: string;
  started: number;
  elapsedMs?: number;
  diffs: string[];
  failed?: boolean;
}

const nameOf = (urn: string) => urn.split("::").slice(3).join("::");

/** Collects one table row per resource from the CLI's engine events. */
function rowsFromEvents(rows: Map<string, Row>, onProgress: (line: string) => void) {
  return (e: EngineEvent) => {
    const pre = e.resourcePreEvent?.metadata;
    if (pre && pre.type !== "pulumi:pulumi:Stack") {
      rows.set(pre.urn, {
        name: nameOf(pre.urn),
        op: pre.op,
        started: Date.now(),
        diffs: pre.diffs ?? [],
      });
    }
    const done = e.resOutputsEvent?.metadata ?? e.resOpFailedEvent?.metadata;
    const row = done && rows.get(done.urn);
    if (done && row) {
      row.elapsedMs = Date.now() - row.started;
      row.failed = Boolean(e.resOpFailedEvent);
      onProgress(
        `${row.name} ${row.op}${row.failed ? " FAILED" : ""} (${(row.elapsedMs / 1000).toFixed(1)}s)`,
      );
    }
  };
}

function table(
  op: Operation,
  rows: Map<string, Row>,
  summary: OpMap | undefined,
  elapsedMs: number,
): string {
  const lines = [
    `     ${"resource".padEnd(28)} ${(op === "preview" ? "plan" : "action").padEnd(16)} elapsed  changed`,
  ];
  for (const r of [...rows.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const time = r.elapsedMs === undefined ? "" : `${(r.elapsedMs / 1000).toFixed(1)}s`;
    const diffs = r.diffs.length ? `[${r.diffs.join(", ")}]` : "";
    lines.push(
      `     ${r.name.padEnd(28)} ${(r.op + (r.failed ? " FAILED" : "")).padEnd(16)} ${time.padStart(7)}  ${diffs}`,
    );
  }
  const counts = Object.entries(summary ?? {})
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");
  lines.push(`  ok: ${counts || "no changes"} in ${(elapsedMs / 1000).toFixed(1)}s`);
  return lines.join("\n");
}

async function runOp(stack: AutoStack, op: Operation, onEvent: (e: EngineEvent) => void) {
  const onOutput = () => undefined;
  switch (op) {
    case "preview":
      return (await stack.preview({ onEvent, onOutput })).changeSummary;
    case "up":
      return (await stack.up({ onEvent, onOutput })).summary.resourceChanges;
    case "refresh":
      return (await stack.refresh({ onEvent, onOutput })).summary.resourceChanges;
    case "destroy":
      return (await stack.destroy({ onEvent, onOutput })).summary.resourceChanges;
  }
}

export async function automationRunner(
  config: StackConfig,
  workDir: string,
  passphrase: string,
): Promise<DemoRunner> {
  const backend = path.join(workDir, "backend");
  fs.mkdirSync(backend, { recursive: true });
  const envVars = {
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: passphrase,
    // No NODE_PATH: the host resolves "pulumi-dbssl/runtime" from the project directory, where
    // `npm ci` linked the package (node_modules/pulumi-dbssl, the examples' workspace dependency).
  };
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "demo", workDir: repoRoot() },
    { envVars, secretsProvider: "passphrase" },
  );
  const autoConfig = Object.fromEntries(
    Object.entries(config).map(([k, v]) => [
      k,
      typeof v === "object" ? { value: v.secret, secret: true } : { value: v },
    ]),
  );
  await stack.setAllConfig(autoConfig);
  return {
    description: `the Pulumi CLI (Automation API, file backend ${backend})`,
    async run(op, onProgress) {
      const rows = new Map<string, Row>();
      const started = Date.now();
      try {
        const summary = await runOp(stack, op, rowsFromEvents(rows, onProgress));
        const drift = [...rows.values()]
          .filter((r) => r.op === "update" || r.diffs.length > 0)
          .map((r) => r.name);
        return { ok: true, table: table(op, rows, summary, Date.now() - started), drift };
      } catch (e) {
        return {
          ok: false,
          table: `${table(op, rows, undefined, Date.now() - started)}\n  error: ${String(e)}`,
          drift: [],
        };
      }
    },
    async close() {
      await stack.workspace.removeStack("demo", { force: true }).catch(() => undefined);
    },
  };
}
