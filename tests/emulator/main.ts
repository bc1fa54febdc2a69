/**
 * `npm run emulator [-- --port 8080] [-- --demo]`: the emulator as a standalone server, for the demo and
 * for poking at it by hand. Every request is logged (secrets redacted) to stdout.
 */
import { parseArgs } from "node:util";
import {
  EMULATOR_ACCESS_KEY,
  EMULATOR_SECRET_KEY,
  startEmulator,
  type Emulator,
  type LogEntry,
} from "./index";

const USAGE = `usage: npm run emulator -- [--port N] [--demo]
  --port N  port to listen on (default: env PORT, else any free port)
  --demo    seed demo instances: rm-demo-mysql (MySQL, SSL off), pgm-demo-pg (PostgreSQL, SSL on),
            rm-demo-mssql (SQL Server, SSL on, certificate expiring in 10 days),
            r-demo-cache (Tair / Redis 7.0, TLS off),
            postgres-demo0001 (TencentDB for PostgreSQL, SSL off, IP 10.6.0.4)`;

/** The project id of the demo RDS v3 instances (OTC `opentelekomcloud:tenantId`, Huawei `projectId`). */
const DEMO_PROJECT = "0483b6b16e954cb88930a360d2c4e663";

function seedDemo(emu: Emulator): void {
  const tenDays = 10 * 24 * 3600 * 1000;
  emu.admin.rds.seed({ id: "rm-demo-mysql", engine: "MySQL" });
  emu.admin.rds.seed({ id: "pgm-demo-pg", engine: "PostgreSQL", ssl: { sslEnabled: true } });
  emu.admin.rds.seed({
    id: "rm-demo-mssql",
    engine: "SQLServer",
    ssl: { sslEnabled: true, expiresAt: emu.clock.now() + tenDays },
  });
  emu.admin.kvstore.seed({ id: "r-demo-cache" });
  // TencentDB for PostgreSQL, SSL off; protect its private IP 10.6.0.4 (region ap-guangzhou).
  emu.admin.tencentPostgres.seed({ id: "postgres-demo0001", addresses: [{ ip: "10.6.0.4" }] });
  // RDS v3: an Open Telekom Cloud and a Huawei Cloud MySQL instance, SSL off (project below).
  emu.admin.rdsv3.seed({ id: "0d7cc6166ec24360a5ed5c5c9c2ed726in01", projectId: DEMO_PROJECT });
  emu.admin.rdsv3.seed({
    id: "0e7cc6166ec24360a5ed5c5c9c2ed726in01",
    projectId: DEMO_PROJECT,
    cloud: "huaweicloud",
  });
}

function printEntry(entry: LogEntry): void {
  const outcome = entry.code ? `${entry.status} ${entry.code}` : String(entry.status);
  const fault = entry.fault ? ` [fault: ${entry.fault}]` : "";
  console.log(
    `${entry.time} ${entry.service ?? "?"} ${entry.action} ${JSON.stringify(entry.params)} -> ${outcome}${fault}`,
  );
}

function printBanner(emu: Emulator, demo: boolean): void {
  console.log(`cloud emulator listening on ${emu.url}`);
  console.log(`  Alibaba SDK: endpoint "${emu.endpoint}", protocol "http", any regionId`);
  console.log(
    `  Tencent (TC3): dbssl:endpointOverride ${emu.url}; the same key as tencentcloud:secretId / secretKey; demo postgres-demo0001 (10.6.0.4, ap-guangzhou)`,
  );
  console.log(
    `  RDS v3 (Open Telekom Cloud / Huawei Cloud): dbssl:endpointOverride ${emu.url}, SDK-HMAC-SHA256, project ${DEMO_PROJECT}`,
  );
  console.log(
    `  credentials: accessKeyId "${EMULATOR_ACCESS_KEY}", accessKeySecret "${EMULATOR_SECRET_KEY}"`,
  );
  console.log(`  shared virtual clock for the provider: DBSSL_TEST_CLOCK_URL=${emu.url}`);
  if (demo)
    console.log(
      `  demo instances: ${emu.admin.rds
        .list()
        .map((i) => i.id)
        .join(", ")}`,
    );
  console.log("  admin API (JSON):");
  for (const route of emu.adminRoutes) console.log(`    ${route}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: "string" }, demo: { type: "boolean" }, help: { type: "boolean" } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port ?? process.env.PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`bad port "${values.port}"`);
  const emu = await startEmulator({ port, onRequest: printEntry });
  if (values.demo) seedDemo(emu);
  printBanner(emu, values.demo === true);
  const stop = () => void emu.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(USAGE);
  process.exit(1);
});
