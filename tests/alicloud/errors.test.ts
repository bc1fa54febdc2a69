import * as assert from "assert";
import { ClientError, ServerError, ThrottlingError } from "@alicloud/openapi-core";
import { startEmulator, type Emulator } from "../emulator";
import { rdsClient, describeSsl } from "../emulator/rds-sdk-client";
import {
  classifyAlibabaCode,
  toAlibabaApiError,
  AlibabaApiError,
} from "../../provider/alicloud/errors";

const subject = { family: "alicloud.rds", instanceId: "rm-1" };

function rejection(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => assert.fail("expected the SDK to throw"),
    (e) => e,
  );
}

describe("alicloud/errors: what the real SDK throws becomes an AlibabaApiError", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    emu.admin.rds.seed({ id: "rm-1", engine: "MySQL" });
  });
  afterEach(() => emu.close());

  it("throttling keeps the cloud's code, request id and retry-after", async () => {
    emu.admin.injectFault({
      action: "DescribeDBInstanceSSL",
      kind: "throttle",
      retryAfterMs: 4500,
    });
    const raw = await rejection(() => describeSsl(rdsClient(emu), "rm-1"));
    assert.ok(raw instanceof ThrottlingError);
    const err = toAlibabaApiError(subject, "DescribeDBInstanceSSL", raw);
    assert.ok(err instanceof AlibabaApiError);
    assert.strictEqual(err.code, "Throttling.User");
    assert.strictEqual(err.retryClass, "throttled");
    assert.strictEqual(err.retryAfterMs, 4500);
    assert.strictEqual(err.httpStatus, 400);
    assert.match(err.requestId ?? "", /^[0-9A-F-]{36}$/);
    assert.match(
      err.message,
      /^alicloud\.rds SSL \(rm-1\): DescribeDBInstanceSSL failed: Throttling\.User: /,
    );
  });

  it("5xx is 'unavailable', not-found is 'gone', a reset is 'network' with no URL in the message", async () => {
    emu.admin.injectFault({ kind: "unavailable" });
    const unavailable = await rejection(() => describeSsl(rdsClient(emu), "rm-1"));
    assert.ok(unavailable instanceof ServerError);
    assert.strictEqual(toAlibabaApiError(subject, "X", unavailable).retryClass, "unavailable");
    const missing = await rejection(() => describeSsl(rdsClient(emu), "rm-nope"));
    assert.ok(missing instanceof ClientError);
    assert.strictEqual(toAlibabaApiError(subject, "X", missing).retryClass, "gone");
    emu.admin.injectFault({ kind: "reset" });
    const reset = toAlibabaApiError(
      subject,
      "X",
      await rejection(() => describeSsl(rdsClient(emu), "rm-1")),
    );
    assert.strictEqual(reset.retryClass, "network");
    assert.ok(!reset.message.includes("http://"), reset.message);
  });

  it("either httpx timer (read, or the socket's idle 'ConnectTimeout') is 'network': the write may have run", () => {
    // What httpx rejects with when the socket idles past `connectTimeout` while the answer is awaited.
    const idle = toAlibabaApiError(subject, "ModifyDBInstanceSSL", {
      name: "RequestTimeoutError",
      message: "ConnectTimeout: Connect http://127.0.0.1:1/?SSLEnabled=1&Signature=x failed.",
    });
    assert.deepStrictEqual([idle.code, idle.retryClass], ["ConnectTimeout", "network"]);
    assert.ok(!idle.message.includes("http://"), idle.message);
    const read = toAlibabaApiError(subject, "ModifyDBInstanceSSL", {
      name: "RequestTimeoutRequestTimeoutError",
      message: "ReadTimeout(500). GET http://127.0.0.1:1/ failed.",
    });
    assert.deepStrictEqual([read.code, read.retryClass], ["ReadTimeout", "network"]);
  });

  it("classifies by exact code", () => {
    assert.strictEqual(classifyAlibabaCode("IncorrectDBInstanceState", 403), "busy");
    assert.strictEqual(classifyAlibabaCode("InvalidACL.Permission", 403), "final");
    assert.strictEqual(classifyAlibabaCode("InternalError", 500), "unavailable");
    assert.strictEqual(classifyAlibabaCode("Rejected.Throttling", 400), "throttled");
  });

  it("a body that is not JSON, or JSON without Alibaba's fields, never reads 'undefined'", () => {
    let parseError: unknown;
    try {
      JSON.parse("");
    } catch (e) {
      parseError = e;
    }
    const empty = toAlibabaApiError(subject, "X", parseError);
    assert.strictEqual(empty.code, "InvalidResponse");
    assert.strictEqual(empty.retryClass, "unavailable");
    assert.match(empty.message, /X failed: InvalidResponse: the answer had no JSON body \(/);
    // What openapi-core throws for `{"error":"x"}` with status 500: `${undefined}` strings.
    const bare = toAlibabaApiError(subject, "X", {
      name: "ServerError",
      statusCode: 500,
      code: "undefined",
      requestId: "undefined",
      data: { error: "x" },
    });
    assert.strictEqual(bare.code, "HTTP500");
    assert.strictEqual(bare.requestId, undefined);
    assert.strictEqual(bare.retryClass, "unavailable");
    assert.doesNotMatch(bare.message, /undefined/);
  });
});
