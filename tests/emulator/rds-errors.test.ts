import assert from "node:assert/strict";
import { ClientError } from "@alicloud/openapi-core";
import { makeTestPki } from "../fixtures/pki";
import { startEmulator, type Emulator } from "./index";
import {
  $Rds,
  FAKE_CERT,
  FAKE_CRL,
  describeSsl,
  modifySsl,
  rdsClient,
  rejectsWith,
} from "./rds-sdk-client";

type ModifyRequest = ConstructorParameters<typeof $Rds.ModifyDBInstanceSSLRequest>[0];

/** Every error code of seed 001 (the ModifyDBInstanceSSL page), with its HTTP status and message. */
const SEED_ERRORS: Array<[string, number, string, ModifyRequest]> = [
  [
    "InvalidServerCertOrPrivateKey",
    400,
    "Specify server certificate or private key is invalid.",
    { SSLEnabled: 1, CAType: "custom", serverCert: FAKE_CERT },
  ],
  [
    "InvalidClientCACert",
    400,
    "Specify client ca certificate is invalid.",
    { SSLEnabled: 1, clientCAEnabled: 1, clientCACert: "not a pem" },
  ],
  [
    "InvalidClientCrl",
    400,
    "Specify client certificate revocation list is invalid.",
    {
      SSLEnabled: 1,
      clientCAEnabled: 1,
      clientCACert: FAKE_CERT,
      clientCrlEnabled: 1,
      clientCertRevocationList: FAKE_CERT,
    },
  ],
  [
    "InvalidCAType.NotFound",
    400,
    "Specify ca type is not found.",
    { SSLEnabled: 1, CAType: "letsencrypt" },
  ],
  [
    "InvalidACL.NotFound",
    400,
    "Specify acl is not found.",
    { SSLEnabled: 1, clientCAEnabled: 1, clientCACert: FAKE_CERT, ACL: "perfer" },
  ],
  ["InvalidSSLStatus", 400, "Specify ssl status is invalid.", { SSLEnabled: 3 }],
  [
    "InvalidClientCrl.Permission",
    403,
    "Client ca certificate is set first if need to set client certificate revocation list.",
    { SSLEnabled: 1, clientCrlEnabled: 1, clientCertRevocationList: FAKE_CRL },
  ],
  [
    "InvalidACL.Permission",
    403,
    "Client ca certificate is set first if need to set acl.",
    { SSLEnabled: 1, replicationACL: "cert" },
  ],
];

describe("emulator: RDS error answers", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    emu.admin.rds.seed({ id: "pgm-e", engine: "PostgreSQL" });
    emu.admin.rds.seed({ id: "rm-e", engine: "MySQL" });
  });
  afterEach(() => emu.close());

  const modify = (request: ModifyRequest) =>
    modifySsl(rdsClient(emu), {
      DBInstanceId: "pgm-e",
      connectionString: "pgm-e.pg.rds.aliyuncs.com",
      ...request,
    });

  for (const [code, status, message, request] of SEED_ERRORS) {
    it(`${code}: ${status} with Alibaba's message and body`, async () => {
      const error = await rejectsWith(modify(request), ClientError, code, status);
      assert.equal(error.data?.Message, message);
      assert.equal(error.data?.HostId, "rds.aliyuncs.com");
      assert.match(String(error.data?.Recommend), /^https:\/\/api\.aliyun\.com\/troubleshoot\?q=/);
      assert.match(
        error.requestId ?? "",
        /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/,
      );
      assert.equal(
        emu.admin.rds.get("pgm-e")?.pending,
        undefined,
        "a rejected call changes nothing",
      );
    });
  }

  it("InvalidSSLStatus for SSLEnabled=2 outside SQL Server", async () => {
    await rejectsWith(
      modifySsl(rdsClient(emu), { DBInstanceId: "rm-e", connectionString: "c", SSLEnabled: 2 }),
      ClientError,
      "InvalidSSLStatus",
      400,
    );
  });

  it("checks PEM shapes: chains and SEC1/PKCS#1 keys pass, encrypted keys fail", async () => {
    const pki = await makeTestPki();
    await modify({
      SSLEnabled: 1,
      CAType: "custom",
      serverCert: pki.serverChainPem,
      serverKey: pki.serverKeyPem,
    });
    emu.admin.rds.setSsl("pgm-e", { sslEnabled: false });
    await modify({
      SSLEnabled: 1,
      CAType: "custom",
      serverCert: pki.serverCertPem,
      serverKey: pki.rsaKeyPkcs1Pem,
    });
    emu.admin.rds.setSsl("pgm-e", { sslEnabled: false });
    for (const serverKey of [pki.encryptedKeyPem, pki.encryptedLegacyKeyPem, pki.serverCertPem]) {
      await rejectsWith(
        modify({ SSLEnabled: 1, CAType: "custom", serverCert: pki.serverCertPem, serverKey }),
        ClientError,
        "InvalidServerCertOrPrivateKey",
        400,
      );
    }
    await rejectsWith(
      modify({
        SSLEnabled: 1,
        clientCAEnabled: 1,
        clientCACert: pki.clientCaCertPem,
        clientCrlEnabled: 1,
        clientCertRevocationList: pki.clientCaCertPem,
      }),
      ClientError,
      "InvalidClientCrl",
      400,
    );
  });

  it("a client CA already enabled on the instance allows ACL and CRL changes", async () => {
    emu.admin.rds.setSsl("pgm-e", {
      sslEnabled: true,
      clientCaEnabled: true,
      clientCaCert: FAKE_CERT,
    });
    await modify({ ACL: "verify-full", clientCrlEnabled: 1, clientCertRevocationList: FAKE_CRL });
  });

  it("IncorrectDBInstanceState (403) while the instance is not Running or restarting; accepted during the lag", async () => {
    emu.admin.rds.setStatus("rm-e", "Stopped");
    const rds = rdsClient(emu);
    const request = {
      DBInstanceId: "rm-e",
      connectionString: "rm-e.mysql.rds.aliyuncs.com",
      SSLEnabled: 1,
    };
    await rejectsWith(modifySsl(rds, request), ClientError, "IncorrectDBInstanceState", 403);
    emu.admin.rds.setStatus("rm-e", "Running");
    await modifySsl(rds, request);
    // Still reads Running during the lag: like the real API, a second Modify is accepted and queues
    // a second restart (issue 6 item 5).
    await modifySsl(rds, request);
    assert.equal(emu.admin.rds.get("rm-e")!.pending!.restarts, 2);
    // Once it restarts, the instance is busy.
    emu.clock.advanceBy(emu.admin.rds.get("rm-e")!.timing.lagMs);
    await rejectsWith(modifySsl(rds, request), ClientError, "IncorrectDBInstanceState", 403);
    emu.admin.rds.seed({ id: "rm-kind", engine: "MySQL", timing: { rejectDuringLag: true } });
    const kind = {
      ...request,
      DBInstanceId: "rm-kind",
      connectionString: "rm-kind.mysql.rds.aliyuncs.com",
    };
    await modifySsl(rds, kind);
    await rejectsWith(modifySsl(rds, kind), ClientError, "IncorrectDBInstanceState", 403);
  });

  it("InvalidDBInstanceId.NotFound (404) for unknown and deleted instances", async () => {
    const rds = rdsClient(emu);
    await rejectsWith(
      describeSsl(rds, "rm-none"),
      ClientError,
      "InvalidDBInstanceId.NotFound",
      404,
    );
    assert.equal(emu.admin.rds.delete("rm-e"), true);
    await rejectsWith(describeSsl(rds, "rm-e"), ClientError, "InvalidDBInstanceId.NotFound", 404);
  });

  it("MissingConnectionString (400) when a required parameter is absent", async () => {
    const error = await rejectsWith(
      modifySsl(rdsClient(emu), { DBInstanceId: "rm-e", SSLEnabled: 1 }),
      ClientError,
      "MissingConnectionString",
      400,
    );
    assert.equal(error.data?.Message, "ConnectionString is mandatory for this action.");
  });
});
