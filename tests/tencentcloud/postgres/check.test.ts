/**
 * tencentcloud.postgres `check` and `diff`: offline, no SDK loaded, failures with property paths.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { lifecycle } from "../../../provider/runtime";
import { UNKNOWN } from "../../../provider/core/validation/check-failure";

const pg = () => lifecycle("tencentcloud.postgres");
const ID = "postgres-5gevh7gr";
const failuresOf = async (news: Record<string, unknown>) =>
  (await pg().check({}, { instanceId: ID, connectAddress: "10.6.0.4", ...news })).failures ?? [];

describe("tencentcloud.postgres check (offline validation)", () => {
  it("applies defaults: SSL on, onDelete retain, the default region", async () => {
    const { inputs, failures } = await pg().check(
      {},
      { instanceId: ID, connectAddress: "10.6.0.4" },
    );
    assert.deepStrictEqual(failures, []);
    assert.deepStrictEqual(inputs, {
      instanceId: ID,
      region: "ap-guangzhou",
      sslEnabled: true,
      onDelete: "retain",
      connectAddress: "10.6.0.4",
    });
  });

  it("connectAddress is required to enable, must be an IP, and is ignored when disabling", async () => {
    assert.deepStrictEqual(await failuresOf({ connectAddress: undefined }), [
      {
        property: "connectAddress",
        reason:
          "connectAddress is required when sslEnabled is true: the IP address the certificate " +
          "protects (a primary's private or public IP; for a read-only instance its own IP or its " +
          "read-only group's IP)",
      },
    ]);
    const notAnAddress = (got: string) =>
      "connectAddress must be the instance's IPv4 address as the console shows it (its private " +
      'or public IP, e.g. "10.0.0.4"; for a read-only instance its own IP or its group\'s), not ' +
      `a loopback, link-local, multicast or IPv6 address; got ${got}`;
    assert.deepStrictEqual(await failuresOf({ connectAddress: "db.example.com" }), [
      { property: "connectAddress", reason: notAnAddress('"db.example.com"') },
    ]);
    // Issue 17 item 13: addresses no instance has, which net.isIP accepted.
    for (const bad of [
      "::ffff:127.0.0.1",
      "::ffff:10.6.0.4",
      "fd00::4",
      "127.0.0.1",
      "0.0.0.0",
      "169.254.0.1",
      "224.0.0.1",
      "255.255.255.255",
      "010.6.0.4",
    ]) {
      assert.deepStrictEqual(
        await failuresOf({ connectAddress: bad }),
        [{ property: "connectAddress", reason: notAnAddress(JSON.stringify(bad)) }],
        bad,
      );
    }
    for (const good of ["10.6.0.4", "172.16.0.9", "192.168.1.2", "203.0.113.7", "1.2.3.4"]) {
      assert.deepStrictEqual(await failuresOf({ connectAddress: good }), [], good);
    }
    assert.deepStrictEqual(await failuresOf({ sslEnabled: false, connectAddress: undefined }), []);
  });

  it("rotateTrigger and renewBeforeDays are refused: the API has no renewal", async () => {
    const failures = await failuresOf({ rotateTrigger: "2026-11", renewBeforeDays: 30 });
    assert.deepStrictEqual(
      failures.map((f) => f.property),
      ["rotateTrigger", "renewBeforeDays"],
    );
    for (const f of failures) {
      assert.match(
        f.reason,
        /not available for tencentcloud\.postgres: the cloud has no certificate renewal call/,
      );
    }
  });

  it("checks the instance id and the seed's region list", async () => {
    assert.deepStrictEqual(
      (await failuresOf({ instanceId: "rm-uf6wjk5xxxxxxx", region: "cn-hangzhou" })).map(
        (f) => f.property,
      ),
      ["instanceId", "region"],
    );
    assert.match((await failuresOf({ region: "ap-mumbai" }))[0].reason, /ap-bangkok, ap-beijing/);
    assert.match(
      (await failuresOf({ region: "ap-guangzhuo" }))[0].reason,
      /; got "ap-guangzhuo"; did you mean "ap-guangzhou"\?$/,
    );
    assert.deepStrictEqual(
      await failuresOf({ instanceId: "pgro-abc12345", region: "sa-saopaulo" }),
      [],
    );
    assert.deepStrictEqual(
      (await failuresOf({ conectAddress: "10.6.0.4" })).map((f) => f.reason.split(";")[1]?.trim()),
      [
        "did you mean `connectAddress`? Allowed inputs: connectAddress, instanceId, onDelete, region, renewBeforeDays, rotateTrigger, sslEnabled, timeoutMinutes",
      ],
    );
  });

  it("lets unknown values through (preview)", async () => {
    assert.deepStrictEqual(await failuresOf({ connectAddress: UNKNOWN, sslEnabled: UNKNOWN }), []);
  });

  it("check and diff load no cloud SDK and open no connection", () => {
    const runtime = path.join(__dirname, "../../../provider/runtime.js");
    const script = `
      const net = require("net");
      net.Socket.prototype.connect = () => { throw new Error("network call during check/diff"); };
      const pg = require(${JSON.stringify(runtime)}).lifecycle("tencentcloud.postgres");
      (async () => {
        const { inputs, failures } = await pg.check({}, { instanceId: "${ID}", connectAddress: "10.6.0.9" });
        const d = await pg.diff("${ID}", { instanceId: "${ID}", sslEnabled: true, connectAddress: "10.6.0.4" }, inputs);
        const sdk = Object.keys(require.cache).filter((k) => /@alicloud|tencentcloud-sdk/.test(k));
        console.log(JSON.stringify({ changes: d.changes, failures, sdk }));
      })();`;
    const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
    assert.deepStrictEqual(out, { changes: true, failures: [], sdk: [] });
  });

  it("diff: a new address is an update, a new instance or region a replacement", async () => {
    const olds = {
      instanceId: ID,
      region: "ap-guangzhou",
      sslEnabled: true,
      connectAddress: "10.6.0.4",
    };
    const same = await pg().diff(ID, olds, { ...olds });
    assert.strictEqual(same.changes, false);
    const moved = await pg().diff(ID, olds, { ...olds, connectAddress: "10.6.0.5" });
    assert.deepStrictEqual([moved.changes, moved.replaces], [true, []]);
    const other = await pg().diff(ID, olds, { ...olds, region: "ap-tokyo" });
    assert.deepStrictEqual(other.replaces, ["region"]);
  });
});
