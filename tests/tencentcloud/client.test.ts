/**
 * The Tencent client's rules, in-process: the SDK always gets our agent (the proxy rule itself,
 * the same for every cloud, is tested in tests/core/cloud/network.test.ts; never the SDK's `http_proxy`),
 * credentials and region from config and environment, and the error classification by code.
 */
import * as assert from "assert";
import * as http from "node:http";
import * as https from "node:https";
import { settingsFrom } from "../../provider/core/settings";
import { tencentCredential, tencentRegion } from "../../provider/tencentcloud/client";
import {
  classifyTencentCode,
  SEED_CODE_HINTS,
  toTencentApiError,
} from "../../provider/tencentcloud/errors";
import { agentFor, endpointTarget } from "../../provider/tencentcloud/network";

const settings = (config: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
  settingsFrom({ get: (k) => config[k] }, env);
const SUBJECT = { family: "tencentcloud.postgres", instanceId: "postgres-1" };

describe("tencentcloud client: proxy, credentials, region", () => {
  const real = endpointTarget(undefined);
  const env = { HTTPS_PROXY: "http://user:pw@proxy.corp:3128", http_proxy: "http://other:8080" };

  it("the SDK always gets our agent: the proxy one for the cloud, never its own http_proxy", () => {
    assert.strictEqual(real.endpoint, "postgres.tencentcloudapi.com");
    assert.strictEqual(agentFor(real, env).constructor.name, "HttpsProxyAgent");
    const direct = agentFor(real, { http_proxy: "http://other:8080" });
    assert.ok(direct instanceof https.Agent);
    assert.notStrictEqual(direct.constructor.name, "HttpsProxyAgent");
    const noProxy = agentFor(real, { ...env, NO_PROXY: "tencentcloudapi.com" });
    assert.notStrictEqual(noProxy.constructor.name, "HttpsProxyAgent");
  });

  it("a loopback endpoint (the emulator) is always reached directly", () => {
    for (const url of ["http://127.0.0.1:8080", "http://localhost:9", "https://[::1]:8443"]) {
      const agent = agentFor(endpointTarget(url), env);
      assert.ok(agent instanceof http.Agent);
      assert.notStrictEqual(agent.constructor.name, "HttpsProxyAgent");
    }
    const emulator = endpointTarget("http://127.0.0.1:8080");
    assert.deepStrictEqual([emulator.protocol, emulator.endpoint], ["http://", "127.0.0.1:8080"]);
  });

  it("credentials: config first, then the environment; both token variable names", () => {
    const fromConfig = tencentCredential(
      settings(
        { "tencentcloud:secretId": "id-c", "tencentcloud:secretKey": "key-c" },
        { TENCENTCLOUD_SECRET_ID: "id-e" },
      ),
    );
    assert.deepStrictEqual(fromConfig, { secretId: "id-c", secretKey: "key-c", token: undefined });
    const envBase = { TENCENTCLOUD_SECRET_ID: "id-e", TENCENTCLOUD_SECRET_KEY: "key-e" };
    assert.deepStrictEqual(
      tencentCredential(settings({}, { ...envBase, TENCENTCLOUD_SECURITY_TOKEN: "t1" })),
      {
        secretId: "id-e",
        secretKey: "key-e",
        token: "t1",
      },
    );
    assert.strictEqual(
      (
        tencentCredential(settings({}, { ...envBase, TENCENTCLOUD_SESSION_TOKEN: "t2" })) as {
          token?: string;
        }
      ).token,
      "t2",
    );
    const chain = tencentCredential(settings({}, {}));
    assert.strictEqual(typeof (chain as { getCredential?: unknown }).getCredential, "function");
  });

  it("region: input, config, environment, default; a bad configured region is refused", () => {
    assert.strictEqual(tencentRegion(settings({}), "ap-tokyo"), "ap-tokyo");
    assert.strictEqual(tencentRegion(settings({ "tencentcloud:region": "ap-seoul" })), "ap-seoul");
    assert.strictEqual(
      tencentRegion(settings({}, { TENCENTCLOUD_REGION: "eu-frankfurt" })),
      "eu-frankfurt",
    );
    assert.strictEqual(tencentRegion(settings({})), "ap-guangzhou");
    assert.throws(
      () => tencentRegion(settings({ "tencentcloud:region": "x\ny" })),
      /tencentcloud:region/,
    );
  });
});

describe("tencentcloud errors: classification by exact code", () => {
  it("every seed code has a class and a hint", () => {
    const expected: Record<string, [string, string]> = {
      "FailedOperation.DatabaseAccessError": ["unavailable", "notRun"],
      "FailedOperation.FailedOperationError": ["unavailable", "notRun"],
      "FailedOperation.FlowCreateError": ["unavailable", "notRun"],
      "InvalidParameterValue.InvalidParameterValueError": ["final", "final"],
      "InvalidParameterValue.ParameterCharacterLimitError": ["final", "final"],
      "OperationDenied.InstanceAccessDeniedError": ["final", "final"],
      "OperationDenied.InstanceStatusLimitError": ["unavailable", "busy"],
      "ResourceNotFound.InstanceNotFoundError": ["gone", "gone"],
    };
    assert.deepStrictEqual(Object.keys(SEED_CODE_HINTS).sort(), Object.keys(expected).sort());
    for (const [code, [read, write]] of Object.entries(expected)) {
      assert.deepStrictEqual(
        [classifyTencentCode(code, true), classifyTencentCode(code, false)],
        [read, write],
        code,
      );
    }
  });

  it("throttling, internal errors, gateways and the network", () => {
    assert.strictEqual(classifyTencentCode("RequestLimitExceeded", false), "throttled");
    assert.strictEqual(
      classifyTencentCode("RequestLimitExceeded.UinLimitExceeded", false),
      "throttled",
    );
    assert.strictEqual(classifyTencentCode("InternalError", false), "unavailable");
    assert.strictEqual(classifyTencentCode("AuthFailure.SignatureFailure", true), "final");
    const gateway = toTencentApiError(SUBJECT, "DescribeTasks", true, {
      message: "Bad Gateway",
      httpCode: 502,
      requestId: "",
    });
    assert.deepStrictEqual(
      [gateway.code, gateway.retryClass, gateway.httpStatus],
      ["HTTP502", "unavailable", 502],
    );
    const reset = toTencentApiError(SUBJECT, "ModifyDBInstanceSSLConfig", false, {
      message: "request to http://127.0.0.1:1/ failed, reason: socket hang up",
    });
    assert.deepStrictEqual([reset.code, reset.retryClass], ["ECONNRESET", "network"]);
    assert.doesNotMatch(reset.message, /127\.0\.0\.1/, "no URL in the message");
    const timeout = toTencentApiError(SUBJECT, "DescribeTasks", true, {
      message: "network timeout at: http://x/",
    });
    assert.strictEqual(timeout.code, "ReadTimeout");
  });

  it("the message carries the code, the request id, the hint; never a newline from the cloud", () => {
    const err = toTencentApiError(SUBJECT, "ModifyDBInstanceSSLConfig", false, {
      code: "OperationDenied.InstanceAccessDeniedError",
      requestId: "rid-1",
      message: "You do not have the permission\nto operate this resource.",
    });
    assert.strictEqual(err.name, "TencentApiError");
    assert.strictEqual(
      err.message,
      "tencentcloud.postgres SSL (postgres-1): ModifyDBInstanceSSLConfig failed: " +
        "OperationDenied.InstanceAccessDeniedError: You do not have the permission to operate this " +
        "resource. (these credentials may not operate this instance: grant the CAM actions in " +
        "docs/permissions/tencentcloud.postgres (or check the instance belongs to this account)) [RequestId: rid-1]",
    );
  });
});
