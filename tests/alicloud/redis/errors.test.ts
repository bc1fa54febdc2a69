/**
 * Every error code of seed 002 (ModifyInstanceSSL) and the "already in that state" faults, as a user
 * meets them through the real dynamic-provider host: class, code, request id and advice in the
 * message; what was (not) sent; and rules the live instance breaks, refused before any write (F5).
 */
import * as assert from "assert";
import { AlibabaApiError } from "../../../provider/alicloud/errors";
import { modifySsl } from "../../../provider/alicloud/redis/calls";
import { systemClock } from "../../../provider/core/clock";
import { settingsFrom } from "../../../provider/core/settings";
import { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY, type LogEntry } from "../../emulator";
import { startFamilyHarness, urnOf, type FamilyHarness } from "../../fixtures/provider-harness";

const FAMILY = "alicloud.redis";
const URN = urnOf(FAMILY);
const ID = "r-err1";
const RID = /\[RequestId: [0-9A-F-]{36}\]/;

describe("alicloud.redis: the seed's error codes and already-in-state answers", function () {
  let h: FamilyHarness;
  /** Runs after the emulator logs a call: a console change between the provider's read and write. */
  let onCall: ((entry: LogEntry) => void) | undefined;
  beforeEach(async () => {
    onCall = undefined;
    h = await startFamilyHarness(FAMILY, { emulator: { onRequest: (e) => onCall?.(e) } });
    h.emu.admin.kvstore.seed({ id: ID });
  });
  afterEach(() => h.close());

  const modifies = () => h.emu.admin.requests("ModifyInstanceSSL");
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => assert.fail("expected a failure"),
      (e) => e,
    );
  /** Before the next write: a console user changes TLS, so the write meets the other state. */
  const consoleSetsSslBeforeWrite = (sslEnabled: boolean) => {
    onCall = (entry) => {
      if (entry.action !== "DescribeHistoryTasks") return;
      onCall = undefined;
      h.emu.admin.kvstore.setSsl(ID, { sslEnabled });
    };
  };

  for (const [code, status, setup, advice] of [
    [
      "IncorrectCharacterType",
      403,
      () => h.emu.admin.kvstore.seed({ id: ID, refuse: "IncorrectCharacterType" }),
      /needs a master-replica Tair/,
    ],
    [
      "EnabledSSLNotSupport",
      404,
      () => h.emu.admin.kvstore.seed({ id: ID, refuse: "EnabledSSLNotSupport" }),
      /not offered in this region/,
    ],
    [
      "IncorrectDBInstanceLockMode",
      403,
      () => h.emu.admin.kvstore.setLocked(ID, true),
      /locked .* unlock it first/,
    ],
  ] as const) {
    it(`${code} (${status}) is a clear error with the cloud's code, request id and advice, sent once`, async () => {
      setup();
      const err = await failure(h.create({ instanceId: ID }));
      assert.match(
        err.message,
        new RegExp(`alicloud\\.redis SSL \\(${ID}\\): ModifyInstanceSSL failed: ${code}: `),
      );
      assert.match(err.message, RID);
      assert.match(err.message, advice);
      assert.doesNotMatch(err.message, /instance not found/, "a 404 code is not 'gone'");
      assert.notStrictEqual(err.name, "ResourceInitFailedError", "the write provably did not run");
      assert.deepStrictEqual(
        modifies().map((r) => [r.status, r.code]),
        [[status, code]],
      );
    });
  }

  it("IncorrectEngineVersion on the SSL read: refused before any write, advising a minor-version upgrade", async () => {
    h.emu.admin.kvstore.seed({ id: ID, refuse: "IncorrectEngineVersion" });
    const err = await failure(h.create({ instanceId: ID }));
    assert.match(err.message, /DescribeInstanceSSL answered IncorrectEngineVersion \[RequestId: /);
    assert.match(err.message, /upgrade the instance's minor version .* nothing was changed$/);
    assert.strictEqual(modifies().length, 0);
    // Declared off, the same instance is fine: refresh and create read it as TLS off.
    const off = await h.create({ instanceId: ID, sslEnabled: false });
    assert.strictEqual(off.outputs.sslEnabled, false);
  });

  it("a standalone instance (NodeType single) is refused before any write", async () => {
    h.emu.admin.kvstore.seed({ id: ID, nodeType: "single" });
    const err = await failure(h.create({ instanceId: ID }));
    assert.match(err.message, /TLS needs the master-replica architecture \(NodeType double\)/);
    assert.strictEqual(modifies().length, 0);
  });

  it("InvalidParameters.Format (400) is an AlibabaApiError with the seed's text and advice", async () => {
    // check() never lets a bad SSLEnabled through, so the call is made directly.
    const settings = settingsFrom(
      {
        get: (k: string) =>
          ({
            "alicloud:accessKey": EMULATOR_ACCESS_KEY,
            "alicloud:secretKey": EMULATOR_SECRET_KEY,
            "dbssl:endpointOverride": h.emu.url,
          })[k],
      },
      {},
    );
    const ctx = { settings, clock: systemClock, progress: () => {} };
    const inputs = { instanceId: ID, sslEnabled: true, onDelete: "disable" as const };
    const err = await failure(modifySsl(ctx, inputs, "On"));
    assert.ok(err instanceof AlibabaApiError);
    assert.strictEqual(err.code, "InvalidParameters.Format");
    assert.strictEqual(err.httpStatus, 400);
    assert.strictEqual(err.retryClass, "final");
    assert.match(
      err.message,
      /Specified parameters is not valid\. The request was rejected as malformed/,
    );
  });

  it("SSLEnabledStateExistsFault on Enable is confirmed by a read and is success", async () => {
    consoleSetsSslBeforeWrite(true);
    const { outputs } = await h.create({ instanceId: ID });
    assert.deepStrictEqual(
      modifies().map((r) => [r.params.SSLEnabled, r.code]),
      [["Enable", "SSLEnabledStateExistsFault"]],
    );
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(outputs.lastAction, "open");
  });

  it("SSLDisableStateExistsFault on delete is confirmed by a read and is success", async () => {
    const { outputs } = await h.create({ instanceId: ID, onDelete: "disable" });
    consoleSetsSslBeforeWrite(false);
    await (await h.newHost()).delete(ID, URN, outputs);
    assert.deepStrictEqual(
      modifies().map((r) => [r.params.SSLEnabled, r.code]),
      [
        ["Enable", undefined],
        ["Disable", "SSLDisableStateExistsFault"],
      ],
    );
  });

  it("SSLDisableStateExistsFault answering an Update is an error, not a renewal", async () => {
    h.emu.admin.kvstore.seed({ id: ID, ssl: { sslEnabled: true } });
    const first = await h.create({ instanceId: ID, rotateTrigger: "a" });
    consoleSetsSslBeforeWrite(false);
    const news = (await h.check({ instanceId: ID, rotateTrigger: "b" })).inputs;
    const err = await failure(h.host.update(ID, URN, first.outputs, news));
    assert.match(err.message, /ModifyInstanceSSL failed: SSLDisableStateExistsFault/);
    assert.deepStrictEqual(
      modifies().map((r) => r.params.SSLEnabled),
      ["Update"],
    );
  });
});
