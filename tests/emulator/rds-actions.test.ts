import assert from "node:assert/strict";
import { makeTestPki } from "../fixtures/pki";
import { startEmulator, type Emulator } from "./index";
import {
  FAKE_CERT,
  FAKE_CRL,
  FAKE_KEY,
  describeAttribute,
  describeSsl,
  modifySsl,
  rdsClient,
} from "./rds-sdk-client";

describe("emulator: RDS actions through the real @alicloud/rds20140815 SDK", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ timing: { lagMs: 0, durationMs: 1000 } });
  });
  afterEach(() => emu.close());
  const settle = () => emu.clock.advanceBy(1000);

  it("DescribeDBInstanceAttribute answers the instance with engine defaults", async () => {
    emu.admin.rds.seed({ id: "pgm-a", engine: "PostgreSQL", regionId: "eu-central-1" });
    const item = (await describeAttribute(rdsClient(emu), "pgm-a")).body?.items
      ?.DBInstanceAttribute?.[0];
    assert.equal(item?.DBInstanceId, "pgm-a");
    assert.equal(item?.DBInstanceStatus, "Running");
    assert.equal(item?.engine, "PostgreSQL");
    assert.equal(item?.connectionString, "pgm-a.pg.rds.aliyuncs.com");
    assert.equal(item?.port, "5432");
    assert.equal(item?.regionId, "eu-central-1");
    assert.equal(item?.lockMode, "Unlock");
  });

  it("MySQL: enable, then disable, with Yes/No spellings", async () => {
    emu.admin.rds.seed({ id: "rm-my", engine: "MySQL" });
    const rds = rdsClient(emu);
    const off = (await describeSsl(rds, "rm-my")).body;
    assert.deepEqual([off?.SSLEnabled, off?.requireUpdate, off?.SSLExpireTime], ["No", "No", ""]);
    await modifySsl(rds, {
      DBInstanceId: "rm-my",
      connectionString: "rm-my.mysql.rds.aliyuncs.com",
      SSLEnabled: 1,
      forceEncryption: "1",
    });
    settle();
    const on = (await describeSsl(rds, "rm-my")).body;
    assert.equal(on?.SSLEnabled, "Yes");
    // The SDK model documents CAType for PostgreSQL and ForceEncryption for SQL Server only.
    assert.equal(on?.CAType, undefined);
    assert.equal(on?.forceEncryption, undefined);
    assert.match(on?.SSLExpireTime ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await modifySsl(rds, {
      DBInstanceId: "rm-my",
      connectionString: "rm-my.mysql.rds.aliyuncs.com",
      SSLEnabled: 0,
    });
    settle();
    assert.equal((await describeSsl(rds, "rm-my")).body?.SSLEnabled, "No");
    assert.deepEqual(emu.admin.requests("ModifyDBInstanceSSL")[0].params, {
      DBInstanceId: "rm-my",
      ConnectionString: "rm-my.mysql.rds.aliyuncs.com",
      SSLEnabled: "1",
      ForceEncryption: "1",
    });
  });

  it("PostgreSQL: custom CA, client CA, CRL and ACLs, with on/off spellings", async () => {
    // PEMs echoed as sent here; the default re-wrapping is tested in pem-echo.test.ts.
    emu.admin.rds.seed({
      id: "pgm-c",
      engine: "PostgreSQL",
      pemEcho: { wrap: "asSent", chain: "full" },
    });
    const rds = rdsClient(emu);
    await modifySsl(rds, {
      DBInstanceId: "pgm-c",
      connectionString: "pgm-c.pg.rds.aliyuncs.com",
      SSLEnabled: 1,
      CAType: "custom",
      serverCert: FAKE_CERT,
      serverKey: FAKE_KEY,
      clientCAEnabled: 1,
      clientCACert: FAKE_CERT,
      clientCrlEnabled: 1,
      clientCertRevocationList: FAKE_CRL,
      ACL: "verify-ca",
      replicationACL: "cert",
    });
    settle();
    const ssl = (await describeSsl(rds, "pgm-c")).body;
    assert.equal(ssl?.SSLEnabled, "on");
    assert.equal(ssl?.requireUpdate, "0");
    assert.equal(ssl?.CAType, "custom");
    assert.equal(ssl?.serverCert, FAKE_CERT);
    assert.equal(ssl?.clientCACert, FAKE_CERT);
    assert.equal(ssl?.clientCertRevocationList, FAKE_CRL);
    assert.equal(ssl?.ACL, "verify-ca");
    assert.equal(ssl?.replicationACL, "cert");
    assert.equal(ssl?.lastModifyStatus, "success");
    assert.equal(emu.admin.requests("ModifyDBInstanceSSL")[0].params.ServerKey, FAKE_KEY);
    await modifySsl(rds, {
      DBInstanceId: "pgm-c",
      connectionString: "pgm-c.pg.rds.aliyuncs.com",
      SSLEnabled: 0,
    });
    settle();
    assert.equal((await describeSsl(rds, "pgm-c")).body?.SSLEnabled, "off");
  });

  it("SQL Server: TlsVersion, ForceEncryption and SSLEnabled=2 (update validity)", async () => {
    const inTenDays = emu.clock.now() + 10 * 24 * 3600 * 1000;
    emu.admin.rds.seed({
      id: "rm-ss",
      engine: "SQLServer",
      ssl: { sslEnabled: true, expiresAt: inTenDays },
    });
    const rds = rdsClient(emu);
    assert.equal((await describeSsl(rds, "rm-ss")).body?.requireUpdate, "Yes");
    await modifySsl(rds, {
      DBInstanceId: "rm-ss",
      connectionString: "rm-ss.sqlserver.rds.aliyuncs.com",
      SSLEnabled: 2,
      tlsVersion: "1.2",
      forceEncryption: "1",
    });
    settle();
    const ssl = (await describeSsl(rds, "rm-ss")).body;
    assert.deepEqual(
      [ssl?.SSLEnabled, ssl?.requireUpdate, ssl?.tlsVersion, ssl?.forceEncryption],
      ["Yes", "No", "1.2", "1"],
    );
    assert.ok(Date.parse(ssl?.SSLExpireTime ?? "") > inTenDays);
  });

  it("a custom certificate's expiry is its notAfter", async () => {
    const pki = await makeTestPki({ validDays: 90 });
    emu.admin.rds.seed({ id: "rm-cc", engine: "MySQL" });
    await modifySsl(rdsClient(emu), {
      DBInstanceId: "rm-cc",
      connectionString: "rm-cc.mysql.rds.aliyuncs.com",
      SSLEnabled: 1,
      CAType: "custom",
      serverCert: pki.serverChainPem,
      serverKey: pki.serverKeySec1Pem,
    });
    settle();
    assert.equal(emu.admin.rds.get("rm-cc")?.ssl.expiresAt, pki.serverNotAfter.toISOString());
  });

  it("counts calls per action and write calls", async () => {
    emu.admin.rds.seed({ id: "rm-n", engine: "MySQL" });
    const rds = rdsClient(emu);
    await describeAttribute(rds, "rm-n");
    await describeSsl(rds, "rm-n");
    await describeSsl(rds, "rm-n");
    await modifySsl(rds, { DBInstanceId: "rm-n", connectionString: "c", SSLEnabled: 1 });
    assert.deepEqual(emu.admin.counts(), {
      DescribeDBInstanceAttribute: 1,
      DescribeDBInstanceSSL: 2,
      ModifyDBInstanceSSL: 1,
    });
    assert.deepEqual(emu.admin.writeCounts(), { ModifyDBInstanceSSL: 1 });
  });
});
