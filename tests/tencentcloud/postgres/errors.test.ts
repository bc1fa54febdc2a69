/**
 * Every error code of seed 003 through the host: what the user reads (class, code, request id,
 * hint) and what the provider does (retry, wait, fail with nothing sent). Plus throttling, a wrong
 * secret (refused by the emulator's TC3 check), temporary keys and missing credentials.
 */
import * as assert from "assert";
import { EMULATOR_ACCESS_KEY } from "../../emulator";
import { failure, ipOf, MODIFY, modifies, startPostgresHarness } from "./harness";
import {
  startFamilyHarness,
  waitForLog,
  type FamilyHarness,
} from "../../fixtures/provider-harness";

const ID = "postgres-errs0001";
const SSL_READ = "DescribeDBInstanceSSLConfig";

describe("tencentcloud.postgres: error codes", function () {
  let h: FamilyHarness;
  let ip: string;
  const pg = () => h.emu.admin.tencentPostgres;
  beforeEach(async () => {
    h = await startPostgresHarness();
    pg().seed({ id: ID, addresses: [{ ip: "10.6.0.4" }] });
    ip = ipOf(h, ID);
  });
  afterEach(() => h.close());

  for (const code of [
    "FailedOperation.DatabaseAccessError",
    "FailedOperation.FailedOperationError",
    "FailedOperation.FlowCreateError",
    "OperationDenied.InstanceStatusLimitError",
  ]) {
    it(`${code}: the Modify did not run; it is sent again after a wait, once applied`, async () => {
      pg().failNext({ code, action: MODIFY });
      const { outputs } = await h.create({ instanceId: ID, connectAddress: ip });
      assert.strictEqual(outputs.sslEnabled, true);
      assert.deepStrictEqual(
        modifies(h).map((r) => [r.code ?? "ok", Boolean(r.applied)]),
        [
          [code, false],
          ["ok", true],
        ],
      );
      // FailedOperation.*: sent again by the core's bounded `notRun` retry (issue 17.11); a
      // busy instance: waited for by the core.
      const line = code.startsWith("FailedOperation.")
        ? `${MODIFY} ${code} (nothing ran), try 2 in 10s`
        : `instance busy (${code})`;
      assert.ok(await waitForLog(h.host, line), h.host.logs.join("\n"));
    });

    it(`${code} on a read is retried with backoff`, async () => {
      pg().failNext({ code, action: SSL_READ, times: 2 });
      const { outputs } = await h.create({ instanceId: ID, connectAddress: ip });
      assert.strictEqual(outputs.sslEnabled, true);
      assert.ok(await waitForLog(h.host, `${SSL_READ} ${code}, retry 2`));
    });
  }

  it("FailedOperation.* on every try: three writes, then an error naming the code, long before the timeout", async () => {
    const code = "FailedOperation.FlowCreateError";
    pg().failNext({ code, action: MODIFY, times: 50 });
    const started = h.emu.clock.now();
    const err = await failure(h.create({ instanceId: ID, connectAddress: ip }));
    assert.ok(h.emu.clock.now() - started < 2 * 60_000, "not the 15-minute timeout");
    assert.notStrictEqual(err.name, "ResourceInitFailedError", "nothing ran: no partial state");
    assert.match(
      err.message,
      new RegExp(
        `^tencentcloud\\.postgres SSL \\(${ID}\\): ${MODIFY} failed: ${code.replace(/\./g, "\\.")}: ` +
          `answered 3 times in a row over 40s: the operation failed on the cloud's side and nothing ` +
          `was changed; try again later \\[RequestId: [0-9a-f-]{36}\\]`,
      ),
    );
    assert.deepStrictEqual(
      modifies(h).map((r) => [r.code, Boolean(r.applied)]),
      [
        [code, false],
        [code, false],
        [code, false],
      ],
    );
  });

  it("InvalidParameterValue.InvalidParameterValueError: an address not of the instance, nothing applied", async () => {
    const err = await failure(h.create({ instanceId: ID, connectAddress: "10.9.9.9" }));
    assert.notStrictEqual(err.name, "ResourceInitFailedError", "nothing ran: no partial state");
    assert.match(
      err.message,
      /ModifyDBInstanceSSLConfig failed: InvalidParameterValue\.InvalidParameterValueError/,
    );
    assert.match(
      err.message,
      /Incorrect parameter value ConnectAddress is not an address of this instance/,
    );
    assert.match(err.message, /check connectAddress: it must be an IP address of this instance/);
    assert.match(err.message, /\[RequestId: [0-9a-f-]{36}\]/);
    assert.strictEqual(modifies(h).length, 1, "a final error is not resent");
  });

  it("InvalidParameterValue.ParameterCharacterLimitError is final and says which inputs", async () => {
    pg().failNext({ code: "InvalidParameterValue.ParameterCharacterLimitError", action: MODIFY });
    const err = await failure(h.create({ instanceId: ID, connectAddress: ip }));
    assert.match(
      err.message,
      /ParameterCharacterLimitError: The parameter is invalid\. Please modify it and try again\./,
    );
    assert.match(err.message, /instanceId or connectAddress/);
    assert.strictEqual(modifies(h).length, 1);
  });

  it("OperationDenied.InstanceAccessDeniedError names the CAM policy; nothing is written", async () => {
    pg().setAccessDenied(ID, true);
    const err = await failure(h.create({ instanceId: ID, connectAddress: ip }));
    assert.match(
      err.message,
      /DescribeDBInstanceAttribute failed: OperationDenied\.InstanceAccessDeniedError/,
    );
    assert.match(err.message, /docs\/permissions\/tencentcloud\.postgres/);
    assert.strictEqual(modifies(h).length, 0);
  });

  it("ResourceNotFound.InstanceNotFoundError on the Modify (deleted meanwhile) fails without a retry", async () => {
    pg().failNext({ code: "ResourceNotFound.InstanceNotFoundError", action: MODIFY });
    const err = await failure(h.create({ instanceId: ID, connectAddress: ip }));
    assert.match(err.message, /ResourceNotFound\.InstanceNotFoundError/);
    assert.strictEqual(modifies(h).length, 1);
  });

  it("RequestLimitExceeded is retried after a backoff; the Modify lands once", async () => {
    h.emu.admin.injectFault({ action: MODIFY, kind: "throttle", times: 3 });
    const { outputs } = await h.create({ instanceId: ID, connectAddress: ip });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.deepStrictEqual(
      modifies(h).map((r) => r.code ?? "ok"),
      ["RequestLimitExceeded", "RequestLimitExceeded", "RequestLimitExceeded", "ok"],
    );
  });
});

describe("tencentcloud.postgres: credentials", function () {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it("a wrong secret is refused by the TC3 signature check, named without its value", async () => {
    const h = await startPostgresHarness({
      config: { "tencentcloud:secretKey": { secret: "not-the-secret-1234" } },
    });
    try {
      h.emu.admin.tencentPostgres.seed({ id: ID });
      const err = await failure(h.create({ instanceId: ID, connectAddress: ipOf(h, ID) }));
      assert.match(err.message, /AuthFailure\.SignatureFailure/);
      assert.match(err.message, /check tencentcloud:secretId \/ tencentcloud:secretKey/);
      assert.doesNotMatch(err.message, /not-the-secret-1234/);
      assert.strictEqual(h.emu.admin.log()[0].accessKeyId, EMULATOR_ACCESS_KEY);
    } finally {
      await h.close();
    }
  });

  for (const tokenVar of ["TENCENTCLOUD_SECURITY_TOKEN", "TENCENTCLOUD_SESSION_TOKEN"]) {
    it(`temporary keys from the environment, token from ${tokenVar}`, async () => {
      process.env.TENCENTCLOUD_SECRET_ID = "tmp-secret-id";
      process.env.TENCENTCLOUD_SECRET_KEY = "tmp-secret-key";
      process.env[tokenVar] = "tmp-token";
      const h = await startFamilyHarness("tencentcloud.postgres", {
        config: { "tencentcloud:region": "ap-guangzhou" },
      });
      try {
        h.emu.admin.tencentPostgres.addTemporaryKey("tmp-secret-id", "tmp-secret-key", "tmp-token");
        h.emu.admin.tencentPostgres.seed({ id: ID });
        const { outputs } = await h.create({ instanceId: ID, connectAddress: ipOf(h, ID) });
        assert.strictEqual(outputs.sslEnabled, true);
        assert.ok(h.emu.admin.log().every((e) => e.accessKeyId === "tmp-secret-id"));
      } finally {
        await h.close();
      }
    });
  }

  it("no credentials anywhere: a CredentialsError naming the settings, nothing sent", async () => {
    process.env.HOME = "/nonexistent-home";
    for (const k of Object.keys(process.env))
      if (k.startsWith("TENCENTCLOUD_")) delete process.env[k];
    const h = await startFamilyHarness("tencentcloud.postgres", { config: {} });
    try {
      h.emu.admin.tencentPostgres.seed({ id: ID });
      const err = await failure(h.create({ instanceId: ID, connectAddress: ipOf(h, ID) }));
      assert.match(
        err.message,
        /no Tencent Cloud credentials found: set `pulumi config set tencentcloud:secretId/,
      );
      assert.strictEqual(h.emu.admin.log().length, 0);
    } finally {
      await h.close();
    }
  });
});
