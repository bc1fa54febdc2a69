import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "./index";
import { describeAttribute, describeSsl, modifySsl, rdsClient } from "./rds-sdk-client";

const YEAR_MS = 365 * 24 * 3600 * 1000;

describe("emulator: RDS state machine on the virtual clock", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ timing: { lagMs: 2000, durationMs: 30000 } });
  });
  afterEach(() => emu.close());

  const status = async (id: string) =>
    (await describeAttribute(rdsClient(emu), id)).body?.items?.DBInstanceAttribute?.[0]
      ?.DBInstanceStatus;

  it("reads Running with the old state during the lag, SSL_MODIFYING after, then Running with the new state", async () => {
    emu.admin.rds.seed({ id: "rm-sm", engine: "MySQL" });
    const rds = rdsClient(emu);
    const accepted = emu.clock.now();
    await modifySsl(rds, {
      DBInstanceId: "rm-sm",
      connectionString: "rm-sm.mysql.rds.aliyuncs.com",
      SSLEnabled: 1,
    });

    emu.clock.advanceBy(1000);
    assert.equal(await status("rm-sm"), "Running");
    assert.equal((await describeSsl(rds, "rm-sm")).body?.SSLEnabled, "No");

    emu.clock.advanceBy(2000);
    assert.equal(await status("rm-sm"), "SSL_MODIFYING");
    assert.equal((await describeSsl(rds, "rm-sm")).body?.SSLEnabled, "No");
    assert.equal(emu.admin.rds.get("rm-sm")?.pending?.phase, "modifying");

    emu.clock.advanceBy(30000);
    assert.equal(await status("rm-sm"), "Running");
    const ssl = (await describeSsl(rds, "rm-sm")).body;
    assert.equal(ssl?.SSLEnabled, "Yes");
    assert.equal(ssl?.connectionString, "rm-sm.mysql.rds.aliyuncs.com");
    // Valid one year from the (virtual) moment the change landed: accepted + lag + duration.
    const expires = Date.parse(ssl?.SSLExpireTime ?? "");
    assert.ok(Math.abs(expires - (accepted + 32000 + YEAR_MS)) < 2000, ssl?.SSLExpireTime);
    assert.equal(emu.admin.rds.get("rm-sm")?.pending, undefined);
  });

  it("honours per-instance timing given at seed time", async () => {
    // The virtual clock also moves with real time: keep the duration well above a round trip.
    emu.admin.rds.seed({
      id: "rm-fast",
      engine: "MySQL",
      timing: { lagMs: 0, durationMs: 5000 },
    });
    await modifySsl(rdsClient(emu), {
      DBInstanceId: "rm-fast",
      connectionString: "x",
      SSLEnabled: 1,
    });
    assert.equal(await status("rm-fast"), "SSL_MODIFYING");
    emu.clock.advanceBy(5000);
    assert.equal(await status("rm-fast"), "Running");
  });

  it("SSLEnabled=1 on an instance with SSL on renews the certificate", async () => {
    const soon = emu.clock.now() + 10 * 24 * 3600 * 1000;
    emu.admin.rds.seed({
      id: "rm-renew",
      engine: "MySQL",
      ssl: { sslEnabled: true, expiresAt: soon },
    });
    const rds = rdsClient(emu);
    const before = (await describeSsl(rds, "rm-renew")).body;
    assert.equal(before?.requireUpdate, "Yes", "expires within 30 days");
    await modifySsl(rds, {
      DBInstanceId: "rm-renew",
      connectionString: "rm-renew.mysql.rds.aliyuncs.com",
      SSLEnabled: 1,
    });
    emu.clock.advanceBy(32000);
    const after = (await describeSsl(rds, "rm-renew")).body;
    assert.equal(after?.requireUpdate, "No");
    assert.ok(Date.parse(after?.SSLExpireTime ?? "") > soon + 300 * 24 * 3600 * 1000);
  });

  it("RequireUpdate follows the virtual clock towards expiry", async () => {
    emu.admin.rds.seed({ id: "pg-age", engine: "PostgreSQL", ssl: { sslEnabled: true } });
    const rds = rdsClient(emu);
    assert.equal((await describeSsl(rds, "pg-age")).body?.requireUpdate, "0");
    emu.clock.advanceBy(340 * 24 * 3600 * 1000);
    assert.equal((await describeSsl(rds, "pg-age")).body?.requireUpdate, "1");
  });

  it("PostgreSQL reports LastModifyStatus setting while modifying, success after", async () => {
    emu.admin.rds.seed({ id: "pg-lms", engine: "PostgreSQL" });
    const rds = rdsClient(emu);
    await modifySsl(rds, {
      DBInstanceId: "pg-lms",
      connectionString: "pg-lms.pg.rds.aliyuncs.com",
      SSLEnabled: 1,
    });
    assert.equal((await describeSsl(rds, "pg-lms")).body?.lastModifyStatus, "success");
    emu.clock.advanceBy(2000);
    assert.equal((await describeSsl(rds, "pg-lms")).body?.lastModifyStatus, "setting");
    emu.clock.advanceBy(30000);
    const ssl = (await describeSsl(rds, "pg-lms")).body;
    assert.equal(ssl?.lastModifyStatus, "success");
    assert.equal(ssl?.SSLEnabled, "on");
  });

  it("an out-of-band change applies at once and cancels a pending Modify", async () => {
    emu.admin.rds.seed({ id: "rm-oob", engine: "MySQL", ssl: { sslEnabled: true } });
    const rds = rdsClient(emu);
    await modifySsl(rds, { DBInstanceId: "rm-oob", connectionString: "c", SSLEnabled: 1 });
    emu.admin.rds.setSsl("rm-oob", { sslEnabled: false });
    assert.equal((await describeSsl(rds, "rm-oob")).body?.SSLEnabled, "No");
    assert.equal(await status("rm-oob"), "Running");
    emu.clock.advanceBy(60000);
    assert.equal((await describeSsl(rds, "rm-oob")).body?.SSLEnabled, "No");
  });

  it("advancing the clock never moves it back", () => {
    const now = emu.clock.now();
    emu.clock.advanceTo(now - 60000);
    assert.ok(emu.clock.now() >= now);
    assert.ok(emu.clock.advanceTo(now + 3_600_000) >= now + 3_600_000);
  });
});
