import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import OpenApi, { $OpenApiUtil, ClientError, OpenApiUtil } from "@alicloud/openapi-core";
import * as $dara from "@darabonba/typescript";
import { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY, startEmulator, type Emulator } from "./index";
import { describeSsl, rdsClient, rejectsWith } from "./rds-sdk-client";
import { rpcParams } from "../fixtures/alibaba-rpc";

const sha256 = (data: string) => createHash("sha256").update(data).digest("hex");

/** A request signed by openapi-core's own signer, so tests can tamper with it after signing. */
function signedRequest(emu: Emulator, query: Record<string, string>, body = "") {
  const headers: Record<string, string> = {
    host: emu.endpoint,
    "x-acs-action": "DescribeDBInstanceSSL",
    "x-acs-version": "2014-08-15",
    "x-acs-date": OpenApiUtil.getTimestamp(),
    "x-acs-signature-nonce": OpenApiUtil.getNonce(),
    "x-acs-content-sha256": sha256(body),
  };
  const request = { pathname: "/", method: "POST", query, headers };
  headers.authorization = OpenApiUtil.getAuthorization(
    request as unknown as Parameters<typeof OpenApiUtil.getAuthorization>[0],
    "ACS3-HMAC-SHA256",
    sha256(body),
    EMULATOR_ACCESS_KEY,
    EMULATOR_SECRET_KEY,
  );
  return headers;
}

const without = (headers: Record<string, string>, name: string) =>
  Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));

async function post(emu: Emulator, query: string, headers: Record<string, string>, body = "") {
  const rest = without(headers, "host"); // fetch sets Host itself, to the same value
  const response = await fetch(`${emu.url}/?${query}`, { method: "POST", headers: rest, body });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

/** The generic openapi-core client, as the provider uses it for products without an SDK (DDS). */
const coreClient = (emu: Emulator) =>
  new OpenApi(
    new $OpenApiUtil.Config({
      accessKeyId: EMULATOR_ACCESS_KEY,
      accessKeySecret: EMULATOR_SECRET_KEY,
      regionId: "cn-hangzhou",
      endpoint: emu.endpoint,
      protocol: "http",
    }),
  );

describe("emulator: ACS3-HMAC-SHA256 verification", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({
      credentials: { [EMULATOR_ACCESS_KEY]: EMULATOR_SECRET_KEY, "sts-ak": "sts-secret" },
    });
    emu.admin.rds.seed({ id: "rm-s", engine: "MySQL" });
  });
  afterEach(() => emu.close());

  it("accepts the real SDK's signature, including STS with x-acs-security-token", async () => {
    assert.equal((await describeSsl(rdsClient(emu), "rm-s")).statusCode, 200);
    const sts = rdsClient(emu, {
      accessKeyId: "sts-ak",
      accessKeySecret: "sts-secret",
      securityToken: "token-123",
    });
    assert.equal((await describeSsl(sts, "rm-s")).statusCode, 200);
    assert.equal(emu.admin.log()[1].accessKeyId, "sts-ak");
    assert.doesNotMatch(JSON.stringify(emu.admin.log()), /token-123|sts-secret|Signature=/);
  });

  it("a wrong secret gets SignatureDoesNotMatch (400) with Alibaba's message", async () => {
    const rds = rdsClient(emu, { accessKeySecret: "wrong-secret" });
    const error = await rejectsWith(
      describeSsl(rds, "rm-s"),
      ClientError,
      "SignatureDoesNotMatch",
      400,
    );
    assert.equal(
      error.data?.Message,
      "The request signature does not conform to Alibaba Cloud standards.",
    );
    assert.doesNotMatch(error.message, /wrong-secret/);
  });

  it("an unknown access key gets InvalidAccessKeyId.NotFound (404)", async () => {
    const rds = rdsClient(emu, { accessKeyId: "nobody" });
    await rejectsWith(describeSsl(rds, "rm-s"), ClientError, "InvalidAccessKeyId.NotFound", 404);
  });

  it("rejects a query changed after signing, a body not matching x-acs-content-sha256, and no signature", async () => {
    const headers = signedRequest(emu, { DBInstanceId: "rm-s" });
    assert.equal((await post(emu, "DBInstanceId=rm-s", headers)).status, 200);
    const tampered = await post(emu, "DBInstanceId=rm-other", headers);
    assert.deepEqual([tampered.status, tampered.body.Code], [400, "SignatureDoesNotMatch"]);
    const bodyChanged = await post(emu, "DBInstanceId=rm-s", headers, "DBInstanceId=rm-x");
    assert.deepEqual([bodyChanged.status, bodyChanged.body.Code], [400, "SignatureDoesNotMatch"]);
    const missing = await post(emu, "DBInstanceId=rm-s", without(headers, "authorization"));
    assert.deepEqual([missing.status, missing.body.Code], [400, "IncompleteSignature"]);
  });

  it("RFC 3986 re-encoding: values with *!'() and spaces verify", async () => {
    const value = "a*b!c'd(e)f g+h/~";
    const headers = signedRequest(emu, { DBInstanceId: "rm-s", OwnerAccount: value });
    const query = new URLSearchParams({ DBInstanceId: "rm-s", OwnerAccount: value }).toString();
    assert.equal((await post(emu, query, headers)).status, 200);
  });

  it("answers an unknown action (404) or API version (400) like the gateway", async () => {
    const call = (action: string, version: string) =>
      coreClient(emu).callApi(
        rpcParams(action, version),
        new $OpenApiUtil.OpenApiRequest({}),
        new $dara.RuntimeOptions({}),
      );
    await rejectsWith(
      call("DescribeNothing", "2014-08-15"),
      ClientError,
      "InvalidAction.NotFound",
      404,
    );
    await rejectsWith(
      call("constructor", "2014-08-15"),
      ClientError,
      "InvalidAction.NotFound",
      404,
    );
    await rejectsWith(
      call("DescribeDBInstanceSSL", "2099-01-01"),
      ClientError,
      "InvalidVersion",
      400,
    );
  });

  it("merges a signed form body into the parameters (generic core client)", async () => {
    const client = coreClient(emu);
    const params = rpcParams("DescribeDBInstanceSSL", "2014-08-15");
    const request = new $OpenApiUtil.OpenApiRequest({ body: { DBInstanceId: "rm-s" } });
    const result = (await client.callApi(params, request, new $dara.RuntimeOptions({}))) as {
      body: Record<string, string>;
    };
    assert.equal(result.body.SSLEnabled, "No");
    assert.deepEqual(emu.admin.requests("DescribeDBInstanceSSL")[0].params, {
      DBInstanceId: "rm-s",
    });
  });
});
