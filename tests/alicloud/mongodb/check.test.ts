/** alicloud.mongodb check and diff: offline (no SDK loaded, no socket), defaults, failures. */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { lifecycle } from "../../../provider/runtime";
import { UNKNOWN } from "../../../provider/core/validation/check-failure";

const dds = () => lifecycle("alicloud.mongodb");
const failuresOf = async (news: Record<string, unknown>) =>
  (await dds().check({}, { instanceId: "dds-bp1", ...news })).failures ?? [];

describe("alicloud.mongodb check (offline validation)", () => {
  it("applies defaults (switchMode immediately, the region from config)", async () => {
    const { inputs, failures } = await dds().check({}, { instanceId: "dds-bp1" });
    assert.deepStrictEqual(failures, []);
    assert.deepStrictEqual(inputs, {
      instanceId: "dds-bp1",
      region: "cn-hangzhou",
      sslEnabled: true,
      onDelete: "retain", // removing a declaration never weakens encryption (issue 17 item 16)
      switchMode: "immediately",
    });
  });

  it("names the property and the allowed values", async () => {
    assert.deepStrictEqual(await failuresOf({ switchMode: "1", forceEncryption: "1" }), [
      {
        property: "switchMode",
        reason: 'switchMode must be one of "immediately", "maintenanceWindow"; got "1"',
      },
      { property: "forceEncryption", reason: "forceEncryption must be a boolean (true or false)" },
    ]);
    assert.deepStrictEqual(await failuresOf({ instanceId: "rm-123" }), [
      {
        property: "instanceId",
        reason:
          'instanceId must be an ApsaraDB for MongoDB instance id: "dds-" followed by lowercase ' +
          'letters and digits, such as "dds-bp2235xxxxxxxx"; got "rm-123"',
      },
    ]);
    assert.deepStrictEqual(await failuresOf({ forceEncryption: true, sslEnabled: false }), [
      {
        property: "forceEncryption",
        reason: "forceEncryption: true requires sslEnabled: true (it allows SSL connections only)",
      },
    ]);
    assert.deepStrictEqual(await failuresOf({ switchmode: "immediately" }), [
      {
        property: "switchmode",
        reason:
          '"switchmode" is not an input of this resource; did you mean `switchMode`? Allowed ' +
          "inputs: forceEncryption, instanceId, onDelete, region, renewBeforeDays, rotateTrigger, " +
          "sslEnabled, switchMode, timeoutMinutes",
      },
    ]);
  });

  it("unknown values pass (preview)", async () => {
    assert.deepStrictEqual(await failuresOf({ switchMode: UNKNOWN, forceEncryption: UNKNOWN }), []);
    assert.deepStrictEqual(await failuresOf({ forceEncryption: true, sslEnabled: UNKNOWN }), []);
  });

  it("check and diff load no SDK and open no socket (a fresh process)", () => {
    const root = path.resolve(__dirname, "../../../..");
    const script = `
      const net = require("net");
      let sockets = 0;
      const connect = net.Socket.prototype.connect;
      net.Socket.prototype.connect = function (...a) { sockets++; return connect.apply(this, a); };
      const { lifecycle } = require("./dist/provider/runtime");
      (async () => {
        const l = lifecycle("alicloud.mongodb");
        const { inputs } = await l.check({}, { instanceId: "dds-bp1", forceEncryption: true });
        await l.diff("dds-bp1", { ...inputs, sslEnabled: false }, inputs);
        const sdk = Object.keys(require.cache).filter((k) => /@alicloud|@darabonba/.test(k));
        console.log(JSON.stringify({ sdk: sdk.length, sockets }));
      })();`;
    const out = execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" });
    assert.deepStrictEqual(JSON.parse(out.trim().split("\n").pop()!), { sdk: 0, sockets: 0 });
  });
});
