import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "./index";
import { FAKE_CERT, FAKE_KEY, describeSsl, modifySsl, rdsClient } from "./rds-sdk-client";

/**
 * The DescribeDBInstanceSSL wire fields each engine returns, from the comments of the SDK 15.4.0 model
 * `DescribeDbinstanceSslresponseBody.d.ts` ("supported only when the instance runs PostgreSQL", "only
 * for RDS for SQL Server instances"; the table is in `alibaba/rds-describe-ssl.ts` and the README).
 */
const EVERY_ENGINE = [
  "ConnectionString",
  "RequestId",
  "RequireUpdate",
  "SSLEnabled",
  "SSLExpireTime",
];
const FIELDS = {
  MySQL: EVERY_ENGINE,
  SQLServer: [...EVERY_ENGINE, "ForceEncryption", "TlsVersion"],
  PostgreSQL: [
    ...EVERY_ENGINE,
    "ACL",
    "CAType",
    "ClientCACert",
    "ClientCACertExpireTime",
    "ClientCertRevocationList",
    "LastModifyStatus",
    "ModifyStatusReason",
    "ReplicationACL",
    "RequireUpdateItem",
    "RequireUpdateReason",
    "SSLCreateTime",
    "ServerCAUrl",
    "ServerCert",
    "ServerKey",
  ],
} as const;

describe("emulator: each engine echoes only the DescribeDBInstanceSSL fields its SDK documents", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ timing: { lagMs: 0, durationMs: 1000 } });
  });
  afterEach(() => emu.close());

  const fields = async (id: string) =>
    Object.keys((await describeSsl(rdsClient(emu), id)).body?.toMap() ?? {}).sort();

  for (const engine of ["MySQL", "PostgreSQL", "SQLServer"] as const) {
    it(`${engine}: exactly ${FIELDS[engine].length} fields, SSL on and off`, async () => {
      emu.admin.rds.seed({ id: `i-${engine}`, engine, ssl: { sslEnabled: true } });
      assert.deepEqual(await fields(`i-${engine}`), [...FIELDS[engine]].sort());
      emu.admin.rds.setSsl(`i-${engine}`, { sslEnabled: false });
      assert.deepEqual(await fields(`i-${engine}`), [...FIELDS[engine]].sort());
    });
  }

  it("MySQL accepts a custom certificate but reads back neither CAType nor the certificate", async () => {
    emu.admin.rds.seed({ id: "rm-custom", engine: "MySQL" });
    const rds = rdsClient(emu);
    await modifySsl(rds, {
      DBInstanceId: "rm-custom",
      connectionString: "rm-custom.mysql.rds.aliyuncs.com",
      SSLEnabled: 1,
      CAType: "custom",
      serverCert: FAKE_CERT,
      serverKey: FAKE_KEY,
      forceEncryption: "1",
    });
    emu.clock.advanceBy(1000);
    const body = (await describeSsl(rds, "rm-custom")).body;
    assert.equal(body?.SSLEnabled, "Yes");
    assert.deepEqual(
      [body?.CAType, body?.serverCert, body?.forceEncryption],
      [undefined, undefined, undefined],
    );
    const stored = emu.admin.rds.get("rm-custom")?.ssl;
    assert.deepEqual(
      [stored?.caType, stored?.forceEncryption],
      ["custom", "1"],
      "but it was applied",
    );
  });
});
