import assert from "node:assert/strict";
import { startEmulator, type Emulator, type LogEntry } from "./index";
import { FAKE_CERT, FAKE_KEY, describeAttribute, modifySsl, rdsClient } from "./rds-sdk-client";

async function admin(emu: Emulator, method: string, path: string, body?: unknown) {
  const response = await fetch(`${emu.url}/__admin${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("emulator: admin API over HTTP and the request log", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
  });
  afterEach(() => emu.close());

  it("seeds, reads, changes SSL out of band, sets status and deletes instances", async () => {
    const seeded = await admin(emu, "POST", "/rds/instances", {
      id: "rm-h",
      engine: "MySQL",
      ssl: { sslEnabled: true },
    });
    assert.equal(seeded.status, 200);
    assert.equal((seeded.body.ssl as { sslEnabled: boolean }).sslEnabled, true);
    assert.equal(seeded.body.connectionString, "rm-h.mysql.rds.aliyuncs.com");
    assert.ok((seeded.body.ssl as { expiresAt: string }).expiresAt);

    await admin(emu, "POST", "/rds/instances/rm-h/ssl", { sslEnabled: false });
    assert.equal(emu.admin.rds.get("rm-h")?.ssl.sslEnabled, false);
    await admin(emu, "POST", "/rds/instances/rm-h/status", { status: "Rebooting" });
    const item = (await describeAttribute(rdsClient(emu), "rm-h")).body?.items
      ?.DBInstanceAttribute?.[0];
    assert.equal(item?.DBInstanceStatus, "Rebooting");
    assert.equal((await admin(emu, "GET", "/rds/instances/rm-h")).body.status, "Rebooting");
    assert.deepEqual((await admin(emu, "DELETE", "/rds/instances/rm-h")).body, { deleted: true });
    assert.equal((await admin(emu, "GET", "/rds/instances/rm-h")).status, 404);
  });

  it("rejects a bad seed with 400 and names the problem", async () => {
    const answer = await admin(emu, "POST", "/rds/instances", { id: "x", engine: "Oracle" });
    assert.equal(answer.status, 400);
    assert.match(String(answer.body.error), /engine must be one of MySQL, PostgreSQL, SQLServer/);
  });

  it("shares the virtual clock: advanceTo / advanceBy move the state machine", async () => {
    emu.admin.rds.seed({ id: "rm-c", engine: "MySQL", timing: { lagMs: 1000, durationMs: 5000 } });
    await modifySsl(rdsClient(emu), { DBInstanceId: "rm-c", connectionString: "c", SSLEnabled: 1 });
    const { body } = await admin(emu, "GET", "/clock");
    const now = body.now as number;
    const advanced = await admin(emu, "POST", "/clock", { advanceTo: now + 2000 });
    assert.ok((advanced.body.now as number) >= now + 2000);
    assert.equal(emu.admin.rds.get("rm-c")?.status, "SSL_MODIFYING");
    await admin(emu, "POST", "/clock", { advanceBy: 5000 });
    assert.equal(emu.admin.rds.get("rm-c")?.status, "Running");
    assert.equal(emu.admin.rds.get("rm-c")?.ssl.sslEnabled, true);
    assert.equal((await admin(emu, "POST", "/clock", { advanceBy: "soon" })).status, 400);
  });

  it("injects faults and reads counts and the redacted log; reset forgets everything", async () => {
    emu.admin.rds.seed({ id: "pgm-l", engine: "PostgreSQL" });
    await admin(emu, "POST", "/faults", {
      kind: "throttle",
      action: "DescribeDBInstanceAttribute",
    });
    assert.equal(((await admin(emu, "GET", "/faults")).body.pending as unknown[]).length, 1);
    await assert.rejects(describeAttribute(rdsClient(emu), "pgm-l"));
    await modifySsl(rdsClient(emu), {
      DBInstanceId: "pgm-l",
      connectionString: "pgm-l.pg.rds.aliyuncs.com",
      SSLEnabled: 1,
      CAType: "custom",
      serverCert: FAKE_CERT,
      serverKey: FAKE_KEY,
    });
    assert.deepEqual((await admin(emu, "GET", "/counts")).body, {
      DescribeDBInstanceAttribute: 1,
      ModifyDBInstanceSSL: 1,
    });
    assert.deepEqual((await admin(emu, "GET", "/counts?writesOnly=true")).body, {
      ModifyDBInstanceSSL: 1,
    });

    const log = (await admin(emu, "GET", "/log")).body as unknown as LogEntry[];
    assert.deepEqual(
      [log[0].code, log[0].status, log[0].fault],
      ["Throttling.User", 400, "throttle"],
    );
    assert.deepEqual(log[1].params, {
      DBInstanceId: "pgm-l",
      ConnectionString: "pgm-l.pg.rds.aliyuncs.com",
      SSLEnabled: "1",
      CAType: "custom",
      ServerCert: `<redacted ${FAKE_CERT.length} chars>`,
      ServerKey: `<redacted ${FAKE_KEY.length} chars>`,
    });
    const everything =
      JSON.stringify(log) + JSON.stringify((await admin(emu, "GET", "/rds/instances")).body);
    assert.doesNotMatch(everything, /BEGIN|Signature=|emulator-secret-key/);
    assert.equal(
      emu.admin.requests("ModifyDBInstanceSSL")[0].params.ServerKey,
      FAKE_KEY,
      "raw params stay in-process",
    );

    await admin(emu, "POST", "/reset");
    assert.deepEqual(emu.admin.counts(), {});
    assert.equal(emu.admin.rds.get("pgm-l"), undefined);
  });

  it("answers unknown admin routes and unrecognised requests with 404", async () => {
    assert.equal((await admin(emu, "GET", "/nope")).status, 404);
    assert.equal((await fetch(`${emu.url}/`)).status, 404);
  });

  it("passes every log entry to onRequest", async () => {
    const seen: LogEntry[] = [];
    const other = await startEmulator({ onRequest: (entry) => seen.push(entry) });
    other.admin.rds.seed({ id: "rm-o", engine: "SQLServer" });
    await describeAttribute(rdsClient(other), "rm-o");
    await other.close();
    assert.deepEqual(
      seen.map((e) => [e.action, e.status]),
      [["DescribeDBInstanceAttribute", 200]],
    );
  });
});
