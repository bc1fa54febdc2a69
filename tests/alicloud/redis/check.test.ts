/**
 * alicloud.redis offline: check (defaults, formats, unknown inputs) and diff make no cloud call and
 * load no SDK; renewBeforeDays against the live expiry through the host.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { lifecycle } from "../../../provider/runtime";
import { startFamilyHarness, urnOf, type FamilyHarness } from "../../fixtures/provider-harness";

const FAMILY = "alicloud.redis";
const redis = () => lifecycle(FAMILY);
const failuresOf = async (news: Record<string, unknown>) =>
  (await redis().check({}, { instanceId: "r-1", ...news })).failures ?? [];
const DAY = 86_400_000;

describe("alicloud.redis check (offline validation)", () => {
  it("applies the shared defaults; the family has no setting of its own", async () => {
    const { inputs, failures } = await redis().check({}, { instanceId: "r-bp1zxszhcgatnx1" });
    assert.deepStrictEqual(failures, []);
    assert.deepStrictEqual(inputs, {
      instanceId: "r-bp1zxszhcgatnx1",
      region: "cn-hangzhou",
      sslEnabled: true,
      onDelete: "retain", // removing a declaration never weakens encryption (issue 17 item 16)
    });
  });

  it("refuses ids that are not Tair / Redis ids, on one printable line", async () => {
    for (const id of ["rm-1", "R-1", "r-", "r-1/../x", "r-1\n[dbssl] r-2: ok"]) {
      const [f, ...rest] = await failuresOf({ instanceId: id });
      assert.deepStrictEqual(rest, [], id);
      assert.strictEqual(f?.property, "instanceId", id);
      assert.match(f.reason, /must be a Tair \/ Redis instance id: "r-" followed by/);
      assert.doesNotMatch(f.reason, /\n/);
    }
    for (const id of ["r-bp1zxszhcgatnx1", "r-demo-cache"]) {
      assert.deepStrictEqual(await failuresOf({ instanceId: id }), [], id);
    }
  });

  it("refuses settings the API does not have (ModifyInstanceSSL takes only SSLEnabled)", async () => {
    const [f] = await failuresOf({ tlsVersion: "1.2" });
    assert.strictEqual(f.property, "tlsVersion");
    assert.match(f.reason, /^"tlsVersion" is not an input of this resource/);
  });

  it("accepts rotateTrigger and renewBeforeDays (the cloud has an Update action)", async () => {
    assert.deepStrictEqual(await failuresOf({ rotateTrigger: "2026-11", renewBeforeDays: 30 }), []);
  });

  it("check and diff load no cloud SDK and open no connection", () => {
    const runtime = path.join(__dirname, "../../../provider/runtime.js");
    const script = `
      const net = require("net");
      net.Socket.prototype.connect = () => { throw new Error("network call during check/diff"); };
      const redis = require(${JSON.stringify(runtime)}).lifecycle("alicloud.redis");
      (async () => {
        const { inputs } = await redis.check({}, { instanceId: "r-1", sslEnabled: false });
        const d = await redis.diff("r-1", { instanceId: "r-1", sslEnabled: true }, inputs);
        const sdk = Object.keys(require.cache).filter((k) => /@alicloud|tencentcloud/.test(k));
        console.log(JSON.stringify({ changes: d.changes, sdk }));
      })();`;
    const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
    assert.deepStrictEqual(out, { changes: true, sdk: [] });
  });
});

describe("alicloud.redis renewBeforeDays (dynamic-provider host + emulator)", function () {
  let h: FamilyHarness;
  beforeEach(async () => (h = await startFamilyHarness(FAMILY)));
  afterEach(() => h.close());

  it("a certificate expiring soon is updated; where the update moves the expiry, the next preview is clean", async () => {
    const expiresAt = h.emu.clock.now() + 10 * DAY;
    h.emu.admin.kvstore.seed({
      id: "r-old",
      ssl: { sslEnabled: true, expiresAt },
      expiryOnUpdate: "renewed",
    });
    const inputs = { instanceId: "r-old", renewBeforeDays: 30 };
    const { outputs } = await h.create(inputs);
    assert.strictEqual(outputs.lastAction, "update");
    assert.ok(Date.parse(String(outputs.certificateExpiresAt)) > expiresAt + 300 * DAY);
    const news = (await h.check(inputs)).inputs;
    assert.strictEqual((await h.host.diff("r-old", urnOf(FAMILY), outputs, news)).changes, "none");
  });
});
