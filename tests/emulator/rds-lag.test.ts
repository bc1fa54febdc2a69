import assert from "node:assert/strict";
import { DEFAULT_RDS_TIMING, startEmulator, type Emulator } from "./index";
import { describeAttribute, describeSsl, modifySsl, rdsClient } from "./rds-sdk-client";

/** The provider's first poll (README: `dbssl:pollIntervalMs`, default 5 s). */
const FIRST_POLL_MS = 5000;

describe("emulator: status lags longer than the first poll", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
  });
  afterEach(() => emu.close());

  const status = async (id: string) =>
    (await describeAttribute(rdsClient(emu), id)).body?.items?.DBInstanceAttribute?.[0]
      ?.DBInstanceStatus;
  const read = async (id: string) => (await describeSsl(rdsClient(emu), id)).body;
  const enable = (id: string, connectionString: string) =>
    modifySsl(rdsClient(emu), { DBInstanceId: id, connectionString, SSLEnabled: 1 });

  it("by default the instance reads Running with the OLD state for more than two polls", async () => {
    assert.ok(DEFAULT_RDS_TIMING.lagMs > 2 * FIRST_POLL_MS, `lag ${DEFAULT_RDS_TIMING.lagMs}`);
    emu.admin.rds.seed({ id: "rm-lag", engine: "MySQL" });
    await enable("rm-lag", "rm-lag.mysql.rds.aliyuncs.com");
    for (const poll of [1, 2]) {
      emu.clock.advanceBy(FIRST_POLL_MS);
      assert.equal(await status("rm-lag"), "Running", `poll ${poll}`);
      const ssl = await read("rm-lag");
      assert.deepEqual([ssl?.SSLEnabled, ssl?.SSLExpireTime], ["No", ""], `poll ${poll}`);
    }
    emu.clock.advanceBy(DEFAULT_RDS_TIMING.lagMs - 2 * FIRST_POLL_MS);
    assert.equal(await status("rm-lag"), "SSL_MODIFYING");
    emu.clock.advanceBy(DEFAULT_RDS_TIMING.durationMs);
    assert.equal(await status("rm-lag"), "Running");
    assert.equal((await read("rm-lag"))?.SSLEnabled, "Yes");
  });

  it("flipEarly: the flag reads the new value before the restart, expiry and status do not", async () => {
    emu.admin.rds.seed({
      id: "pgm-flip",
      engine: "PostgreSQL",
      timing: { flipEarly: true, lagMs: 12_000, durationMs: 30_000 },
    });
    await enable("pgm-flip", "pgm-flip.pg.rds.aliyuncs.com");
    emu.clock.advanceBy(FIRST_POLL_MS);
    assert.equal(await status("pgm-flip"), "Running", "the restart has not started");
    const early = await read("pgm-flip");
    assert.deepEqual(
      [early?.SSLEnabled, early?.SSLExpireTime, early?.lastModifyStatus],
      ["on", "", "success"],
    );
    emu.clock.advanceBy(12_000 - FIRST_POLL_MS);
    assert.equal(await status("pgm-flip"), "SSL_MODIFYING");
    const modifying = await read("pgm-flip");
    assert.deepEqual([modifying?.SSLEnabled, modifying?.lastModifyStatus], ["on", "setting"]);
    emu.clock.advanceBy(30_000);
    assert.equal(await status("pgm-flip"), "Running");
    assert.match((await read("pgm-flip"))?.SSLExpireTime ?? "", /^\d{4}-/);
  });

  it("flipEarly also flips a disable early", async () => {
    emu.admin.rds.seed({
      id: "rm-off",
      engine: "MySQL",
      ssl: { sslEnabled: true },
      timing: { flipEarly: true },
    });
    await modifySsl(rdsClient(emu), {
      DBInstanceId: "rm-off",
      connectionString: "rm-off.mysql.rds.aliyuncs.com",
      SSLEnabled: 0,
    });
    assert.equal((await read("rm-off"))?.SSLEnabled, "No");
    assert.equal(emu.admin.rds.get("rm-off")?.pending?.phase, "lag");
  });

  it("a stale LastModifyStatus=failed shows until the next change starts modifying", async () => {
    emu.admin.rds.seed({ id: "pgm-stale", engine: "PostgreSQL", ssl: { sslEnabled: true } });
    emu.admin.rds.leaveFailedChange("pgm-stale", "Modify DB Instance SSL Config failed.");
    const stale = await read("pgm-stale");
    assert.deepEqual(
      [stale?.lastModifyStatus, stale?.modifyStatusReason],
      ["failed", "Modify DB Instance SSL Config failed."],
    );
    await enable("pgm-stale", "pgm-stale.pg.rds.aliyuncs.com");
    emu.clock.advanceBy(FIRST_POLL_MS);
    assert.equal((await read("pgm-stale"))?.lastModifyStatus, "failed", "during the lag");
    emu.clock.advanceBy(DEFAULT_RDS_TIMING.lagMs);
    assert.equal((await read("pgm-stale"))?.lastModifyStatus, "setting");
    emu.clock.advanceBy(DEFAULT_RDS_TIMING.durationMs);
    const done = await read("pgm-stale");
    assert.deepEqual([done?.lastModifyStatus, done?.modifyStatusReason], ["success", ""]);
  });
});
