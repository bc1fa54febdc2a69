/**
 * The self-written SDK-HMAC-SHA256 signer (provider/rdsv3/signer.ts) against the test vector
 * published in Huawei's signing guide (tencent-huawei.md §2.4), and against the emulator's own
 * verifier (tests/emulator/rdsv3/signature.ts, written apart from it).
 */
import * as assert from "assert";
import {
  authorization,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  sdkDate,
  signature,
} from "../../provider/rdsv3/signer";
import { verifySdkHmac } from "../emulator/rdsv3/signature";

describe("RDS v3 SDK-HMAC-SHA256 signer", () => {
  it("matches the published test vector", () => {
    const toSign =
      "SDK-HMAC-SHA256\n20191115T033655Z\n" +
      "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a";
    assert.strictEqual(
      signature("MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc", toSign),
      "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
    );
  });

  it("canonical URI always ends in /, segments percent-encoded; query sorted and encoded", () => {
    assert.strictEqual(canonicalUri("/v3/p/instances/i/ssl"), "/v3/p/instances/i/ssl/");
    assert.strictEqual(canonicalUri("/v3/p/a b"), "/v3/p/a%20b/");
    assert.strictEqual(canonicalQuery({ limit: "10", id: "a b*" }), "id=a%20b%2A&limit=10");
    assert.strictEqual(sdkDate(Date.UTC(2019, 10, 15, 3, 36, 55)), "20191115T033655Z");
  });

  it("signs every header, sorted and lower-cased, and hashes the body", () => {
    const req = {
      method: "PUT",
      path: "/v3/p/instances/i/ssl",
      query: {},
      headers: { "X-Sdk-Date": "20191115T033655Z", Host: "rds.eu-de.otc.t-systems.com" },
      body: '{"ssl_option":true}',
    };
    const lines = canonicalRequest(req).split("\n");
    assert.deepStrictEqual(lines.slice(0, 6), [
      "PUT",
      "/v3/p/instances/i/ssl/",
      "",
      "host:rds.eu-de.otc.t-systems.com",
      "x-sdk-date:20191115T033655Z",
      "",
    ]);
    assert.strictEqual(lines[6], "host;x-sdk-date");
    assert.match(
      authorization(req, "AK", "SK"),
      /^SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it("the emulator's independent verifier accepts it, and rejects a changed byte", () => {
    const now = Date.UTC(2026, 0, 1);
    const headers: Record<string, string> = {
      Host: "127.0.0.1:9",
      "Content-Type": "application/json",
      "X-Project-Id": "p",
      "X-Sdk-Date": sdkDate(now),
    };
    const body = '{"ssl_option":false}';
    const path = "/v3/p/instances";
    const auth = authorization(
      { method: "GET", path, query: { id: "x y" }, headers, body },
      "AK",
      "SK",
    );
    const call = (raw: string) => ({
      method: "GET",
      pathname: path,
      rawQuery: "id=x%20y",
      headers: Object.fromEntries(
        Object.entries({ ...headers, Authorization: auth }).map(([k, v]) => [k.toLowerCase(), [v]]),
      ),
      rawBody: Buffer.from(raw),
    });
    const secretOf = (ak: string) => (ak === "AK" ? "SK" : undefined);
    assert.deepStrictEqual(verifySdkHmac(call(body), secretOf, now), {
      ok: true,
      accessKeyId: "AK",
    });
    assert.strictEqual(
      verifySdkHmac(call(body.replace("false", "true ")), secretOf, now).ok,
      false,
    );
    const late = verifySdkHmac(call(body), secretOf, now + 16 * 60_000);
    assert.deepStrictEqual(late, { ok: false, reason: "expired", accessKeyId: "AK" });
  });
});
