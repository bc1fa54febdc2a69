import assert from "node:assert/strict";
import { redactParams } from "./request-log";

describe("emulator: request-log redaction", () => {
  it("replaces every secret-bearing parameter by its length and keeps the rest", () => {
    const secret = "-----BEGIN PRIVATE KEY-----abc-----END PRIVATE KEY-----";
    const params = {
      DBInstanceId: "rm-1",
      ClientCAEnabled: "1",
      ClientCrlEnabled: "1",
      CAType: "custom",
      ServerKey: secret,
      ServerCert: secret,
      ClientCACert: secret,
      ClientCertRevocationList: secret,
      PassWord: "hunter2",
      Certificate: "oss-cn-hangzhou.aliyuncs.com:bucket:cert.pfx",
      SecretAccessKey: "x",
      SecurityToken: "tok",
    };
    const redacted = redactParams(params);
    assert.deepEqual(redacted, {
      DBInstanceId: "rm-1",
      ClientCAEnabled: "1",
      ClientCrlEnabled: "1",
      CAType: "custom",
      ServerKey: `<redacted ${secret.length} chars>`,
      ServerCert: `<redacted ${secret.length} chars>`,
      ClientCACert: `<redacted ${secret.length} chars>`,
      ClientCertRevocationList: `<redacted ${secret.length} chars>`,
      PassWord: "<redacted 7 chars>",
      Certificate: "<redacted 44 chars>",
      SecretAccessKey: "<redacted 1 chars>",
      SecurityToken: "<redacted 3 chars>",
    });
  });
});
