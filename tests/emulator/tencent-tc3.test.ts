/**
 * The emulator's Tencent wire protocol: TC3-HMAC-SHA256 verified as the real SDK signs it (port
 * stripped from the host, service from the credential scope, 5-minute window), HTTP 200 answers
 * with `Response.Error`, the per-action rate limit, faults after the write and the admin routes.
 */
import * as assert from "assert";
import * as http from "node:http";
import { Client } from "tencentcloud-sdk-nodejs/tencentcloud/services/postgres/v20170312/postgres_client";
import { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY, startEmulator, type Emulator } from "./index";
import { tc3Signature } from "./tencent/tc3-signature";

const ID = "postgres-emu00001";

function sdk(emu: Emulator, opts: { secretKey?: string; endpoint?: string; region?: string } = {}) {
  // Resolves any host name to the emulator, so the SDK can sign for `postgres.tencentcloudapi.com`.
  const agent = new http.Agent({
    lookup: ((_h: string, o: { all?: boolean }, cb: (...a: unknown[]) => void) =>
      o?.all ? cb(null, [{ address: "127.0.0.1", family: 4 }]) : cb(null, "127.0.0.1", 4)) as never,
  });
  return new Client({
    credential: { secretId: EMULATOR_ACCESS_KEY, secretKey: opts.secretKey ?? EMULATOR_SECRET_KEY },
    region: opts.region ?? "ap-guangzhou",
    profile: {
      httpProfile: { endpoint: opts.endpoint ?? emu.endpoint, protocol: "http://", agent },
    },
  });
}

/** A hand-made request: `tweak` changes what is signed or sent. */
async function raw(
  emu: Emulator,
  tweak: { timestamp?: number; service?: string; signHost?: string; contentType?: string } = {},
) {
  const body = Buffer.from(JSON.stringify({ DBInstanceId: ID }));
  const timestamp = String(tweak.timestamp ?? Math.round(Date.now() / 1000));
  const date = new Date(Number(timestamp) * 1000).toISOString().slice(0, 10);
  const service = tweak.service ?? "127";
  const contentType = tweak.contentType ?? "application/json";
  const signature = tc3Signature({
    secretKey: EMULATOR_SECRET_KEY,
    date,
    service,
    timestamp,
    contentType,
    host: tweak.signHost ?? "127.0.0.1",
    signedHeaders: "content-type;host",
    body,
  });
  const res = await fetch(emu.url + "/", {
    method: "POST",
    body,
    headers: {
      "content-type": contentType,
      "x-tc-action": "DescribeDBInstanceSSLConfig",
      "x-tc-version": "2017-03-12",
      "x-tc-region": "ap-guangzhou",
      "x-tc-timestamp": timestamp,
      authorization: `TC3-HMAC-SHA256 Credential=${EMULATOR_ACCESS_KEY}/${date}/${service}/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`,
    },
  });
  assert.strictEqual(res.status, 200, "errors are HTTP 200 too");
  return (await res.json()) as { Response: { Error?: { Code: string }; RequestId: string } };
}

describe("emulator: Tencent TC3 wire protocol", function () {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    emu.admin.tencentPostgres.seed({ id: ID });
  });
  afterEach(() => emu.close());

  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => "ok",
      (e) => (e as { code?: string }).code,
    );

  it("accepts the SDK's requests (scope service 127 for a loopback endpoint, or postgres)", async () => {
    const answer = await sdk(emu).DescribeDBInstanceSSLConfig({ DBInstanceId: ID });
    assert.strictEqual(answer.SSLEnabled, false);
    assert.match(String(answer.RequestId), /^[0-9a-f-]{36}$/);
    const named = sdk(emu, { endpoint: `postgres.tencentcloudapi.com:${emu.port}` });
    assert.strictEqual((await named.DescribeTasks({})).TotalCount, 0);
  });

  it("refuses a wrong secret, an unknown id, an old timestamp, a signed port, a scope for another host", async () => {
    assert.strictEqual(
      await codeOf(sdk(emu, { secretKey: "wrong" }).DescribeTasks({})),
      "AuthFailure.SignatureFailure",
    );
    const stranger = new Client({
      credential: { secretId: "AKIDnobody", secretKey: EMULATOR_SECRET_KEY },
      region: "ap-guangzhou",
      profile: {
        httpProfile: { endpoint: emu.endpoint, protocol: "http://", agent: new http.Agent() },
      },
    });
    assert.strictEqual(await codeOf(stranger.DescribeTasks({})), "AuthFailure.SecretIdNotFound");
    assert.strictEqual(
      (await raw(emu)).Response.Error,
      undefined,
      "the hand-made request is valid",
    );
    const old = await raw(emu, { timestamp: Math.round(Date.now() / 1000) - 301 });
    assert.strictEqual(old.Response.Error?.Code, "AuthFailure.SignatureExpire");
    const withPort = await raw(emu, { signHost: `127.0.0.1:${emu.port}` });
    assert.strictEqual(withPort.Response.Error?.Code, "AuthFailure.SignatureFailure");
    const otherService = await raw(emu, { service: "postgres" });
    assert.strictEqual(otherService.Response.Error?.Code, "AuthFailure.SignatureFailure");
    const form = await raw(emu, { contentType: "application/x-www-form-urlencoded" });
    assert.strictEqual(form.Response.Error?.Code, "UnsupportedProtocol");
  });

  it("answers the common codes: region, version, action, missing parameter", async () => {
    assert.strictEqual(
      await codeOf(sdk(emu, { region: "ap-mumbai" }).DescribeTasks({})),
      "UnsupportedRegion",
    );
    assert.strictEqual(
      await codeOf(sdk(emu).DescribeDBInstanceSSLConfig({} as never)),
      "MissingParameter",
    );
    assert.strictEqual(
      await codeOf(sdk(emu).ModifyDBInstanceSSLConfig({ DBInstanceId: ID, SSLEnabled: true })),
      "InvalidParameterValue.InvalidParameterValueError",
    );
    assert.strictEqual(
      await codeOf(
        sdk(emu).ModifyDBInstanceSSLConfig({
          DBInstanceId: ID,
          SSLEnabled: true,
          ConnectAddress: "a;b",
        }),
      ),
      "InvalidParameterValue.ParameterCharacterLimitError",
    );
  });

  it("throttles above 20 calls per second per action, counting each action apart", async () => {
    const client = sdk(emu);
    const codes = await Promise.all(
      Array.from({ length: 21 }, () => codeOf(client.DescribeTasks({ DBInstanceId: ID }))),
    );
    assert.deepStrictEqual(
      codes.filter((c) => c !== "ok"),
      ["RequestLimitExceeded"],
    );
    assert.strictEqual(
      await codeOf(client.DescribeDBInstanceSSLConfig({ DBInstanceId: ID })),
      "ok",
    );
    emu.clock.advanceBy(1000);
    assert.strictEqual(await codeOf(client.DescribeTasks({ DBInstanceId: ID })), "ok");
  });

  it("a fault after the write: applied, answer lost; the task runs, the log says so", async () => {
    emu.admin.injectFault({ action: "ModifyDBInstanceSSLConfig", kind: "reset", after: true });
    const ip = emu.admin.tencentPostgres.get(ID)!.addresses[0].ip;
    const code = await codeOf(
      sdk(emu).ModifyDBInstanceSSLConfig({
        DBInstanceId: ID,
        SSLEnabled: true,
        ConnectAddress: ip,
      }),
    );
    assert.strictEqual(code, undefined, "a network error: no code");
    assert.strictEqual(emu.admin.tencentPostgres.get(ID)!.openTasks[0].status, "Running");
    const entry = emu.admin.log().at(-1)!;
    assert.deepStrictEqual([entry.applied, entry.fault, entry.status], [true, "reset", 0]);
  });

  it("a task ends as scripted; the log never holds the token; admin HTTP routes work", async () => {
    emu.admin.tencentPostgres.addTemporaryKey("tmp-id", "tmp-key", "tmp-token-value");
    const temp = new Client({
      credential: { secretId: "tmp-id", secretKey: "tmp-key", token: "tmp-token-value" },
      region: "ap-guangzhou",
      profile: {
        httpProfile: { endpoint: emu.endpoint, protocol: "http://", agent: new http.Agent() },
      },
    });
    await temp.DescribeTasks({});
    const noToken = new Client({
      credential: { secretId: "tmp-id", secretKey: "tmp-key" },
      region: "ap-guangzhou",
      profile: {
        httpProfile: { endpoint: emu.endpoint, protocol: "http://", agent: new http.Agent() },
      },
    });
    assert.strictEqual(await codeOf(noToken.DescribeTasks({})), "AuthFailure.TokenFailure");
    assert.ok(!JSON.stringify(emu.admin.log()).includes("tmp-token-value"));
    const post = (path: string, body: unknown) =>
      fetch(`${emu.url}/__admin/tencent/postgres${path}`, {
        method: "POST",
        body: JSON.stringify(body),
      });
    assert.strictEqual((await post("/instances", { id: "postgres-http0001" })).status, 200);
    await post("/instances/postgres-http0001/task-outcome", {
      outcome: "Fail",
      message: "no quota",
    });
    const ip = emu.admin.tencentPostgres.get("postgres-http0001")!.addresses[0].ip;
    const { TaskId } = await sdk(emu).ModifyDBInstanceSSLConfig({
      DBInstanceId: "postgres-http0001",
      SSLEnabled: true,
      ConnectAddress: ip,
    });
    emu.clock.advanceBy(60_000);
    const { TaskSet } = await sdk(emu).DescribeTasks({ TaskId });
    assert.deepStrictEqual(
      [TaskSet![0].Status, TaskSet![0].TaskDetail!.Message],
      ["Fail", "no quota"],
    );
    assert.strictEqual(emu.admin.tencentPostgres.get("postgres-http0001")!.ssl.sslEnabled, false);
  });
});
