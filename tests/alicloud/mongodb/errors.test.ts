/**
 * Every error code of seed 000 (ModifyDBInstanceSSL), the read-side "not supported" codes, and
 * the seed's requirements on the live instance (F5), through the host; the typed error (class,
 * code, retry class, request id) in-process against the same emulator.
 */
import * as assert from "assert";
import { AlibabaApiError } from "../../../provider/alicloud/errors";
import { ddsDriver } from "../../../provider/alicloud/mongodb/driver";
import type { DdsSslInputs } from "../../../provider/alicloud/mongodb/types";
import type { DriverContext } from "../../../provider/core/driver";
import { settingsFrom } from "../../../provider/core/settings";
import {
  EMULATOR_ACCESS_KEY,
  EMULATOR_SECRET_KEY,
  startEmulator,
  type DdsRefusal,
} from "../../emulator";
import type { FamilyHarness } from "../../fixtures/provider-harness";
import { MINUTE, URN, failure, modifies, startDdsHarness } from "./harness";

/** The seed's text for each refusal the provider cannot foresee (seed 000 error table). */
const REFUSALS: [DdsRefusal, number, string][] = [
  ["InvalidParam", 400, "Specified parameters is not valid."],
  [
    "IncorrectCharacterType",
    403,
    "Current DB instance CharacterType does not support this operation.",
  ],
  ["IncorrectEngineVersion", 403, "Current engine version does not support operations."],
  [
    "IncorrectDBInstanceLockMode",
    403,
    "Current DB instance lock mode does not support this operation.",
  ],
  ["EnabledSSLNotSupport", 404, "Specified region does not support enable ssl."],
];

describe("alicloud.mongodb: seed error codes and live requirements", function () {
  let h: FamilyHarness;
  beforeEach(async () => (h = await startDdsHarness()));
  afterEach(() => h.close());

  for (const [code, status] of REFUSALS) {
    it(`${code} (${status}) fails at once with the cloud's code, text and request id; nothing kept`, async () => {
      const id = `dds-${code.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
      h.emu.admin.dds.seed({ id, refuseModify: code });
      const started = h.emu.clock.now();
      const err = await failure(h.create({ instanceId: id }));
      const text = REFUSALS.find((r) => r[0] === code)![2];
      assert.strictEqual(err.name, "Error", "a plain failure: the write provably did not run");
      assert.ok(
        err.message.includes(
          `alicloud.mongodb SSL (${id}): ModifyDBInstanceSSL failed: ${code}: ${text}`,
        ),
        err.message,
      );
      const sent = modifies(h);
      assert.strictEqual(sent.length, 1, "not retried, not waited out");
      assert.ok(err.message.includes(`[RequestId: `), err.message);
      assert.ok(h.emu.clock.now() - started < MINUTE);
    });
  }

  /** A harness whose emulator runs `race` once, right after the next task-center read. */
  async function racingHarness(race: () => void): Promise<{ arm: () => void }> {
    await h.close();
    let armed = false;
    h = await startDdsHarness({
      emulator: {
        onRequest: (entry) => {
          // Between the provider's last read and its Modify, someone changes SSL in the console.
          if (armed && entry.service === "dds" && entry.action === "DescribeHistoryTasks") {
            armed = false;
            race();
          }
        },
      },
    });
    return { arm: () => (armed = true) };
  }

  it("SSLAlreadyEnabled after a console change raced the read is confirmed by a read: success", async () => {
    const { arm } = await racingHarness(() => h.emu.admin.dds.setSsl("dds-race", { open: true }));
    h.emu.admin.dds.seed({ id: "dds-race" });
    arm();
    const { outputs } = await h.create({ instanceId: "dds-race" });
    assert.deepStrictEqual(
      modifies(h).map((r) => r.code),
      ["SSLAlreadyEnabled"],
    );
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(outputs.lastAction, "open");
  });

  it("SSLAlreadyDisabled on delete is confirmed by a read: the delete succeeds", async () => {
    const { arm } = await racingHarness(() => h.emu.admin.dds.setSsl("dds-race", { open: false }));
    h.emu.admin.dds.seed({ id: "dds-race", ssl: { open: true } });
    const { outputs } = await h.create({ instanceId: "dds-race", onDelete: "disable" });
    arm();
    await (await h.newHost()).delete("dds-race", URN, outputs);
    assert.deepStrictEqual(
      modifies(h).map((r) => r.code),
      ["SSLAlreadyDisabled"],
    );
    assert.strictEqual(h.emu.admin.dds.get("dds-race")!.ssl.open, false);
  });

  it("SSLNotEnabled (Update on a closed instance) surfaces as a clear error", async () => {
    const { arm } = await racingHarness(() => h.emu.admin.dds.setSsl("dds-race", { open: false }));
    h.emu.admin.dds.seed({ id: "dds-race", ssl: { open: true } });
    const first = await h.create({ instanceId: "dds-race", rotateTrigger: "a" });
    arm();
    const news = (await h.check({ instanceId: "dds-race", rotateTrigger: "b" })).inputs;
    const err = await failure(h.host.update("dds-race", URN, first.outputs, news));
    assert.match(
      err.message,
      /ModifyDBInstanceSSL failed: SSLNotEnabled: SSL not enabled\. \[RequestId: /,
    );
    assert.deepStrictEqual(
      modifies(h).map((r) => r.code),
      ["SSLNotEnabled"],
    );
  });

  for (const [name, seed, reason] of [
    [
      "a replica set older than 3.4",
      { engineVersion: "3.2" },
      /this replica set runs MongoDB 3\.2/,
    ],
    [
      "a sharded cluster on local disks",
      { instanceType: "sharding", storageType: "local_ssd" },
      /the cloud says SSL is not supported here \(StorageTypeOrInstanceTypeNotSupported/,
    ],
    ["a single-node instance", { singleNode: true }, /SingleNodeNotSupport/],
  ] as const) {
    it(`${name}: fails before any write, naming the requirement`, async () => {
      h.emu.admin.dds.seed({ id: "dds-req", ...seed });
      const err = await failure(h.create({ instanceId: "dds-req" }));
      assert.match(err.message, reason);
      assert.match(
        err.message,
        /requires a replica set instance of MongoDB 3\.4 or later, or a sharded cluster instance on ESSDs; nothing was changed/,
      );
      assert.strictEqual(modifies(h).length, 0);
    });
  }

  it("a sharded cluster on ESSDs is accepted", async () => {
    h.emu.admin.dds.seed({ id: "dds-shard", instanceType: "sharding", storageType: "cloud_essd2" });
    assert.strictEqual((await h.create({ instanceId: "dds-shard" })).outputs.sslEnabled, true);
  });

  it("an instance whose SSL read is refused is read as SSL off: sslEnabled false needs nothing", async () => {
    h.emu.admin.dds.seed({ id: "dds-single", singleNode: true });
    const { outputs } = await h.create({ instanceId: "dds-single", sslEnabled: false });
    assert.strictEqual(outputs.sslEnabled, false);
    assert.strictEqual(modifies(h).length, 0);
  });
});

describe("alicloud.mongodb: typed errors (in-process driver against the emulator)", function () {
  // A real-time clock: the rate limiter of a family is per process and keeps the first clock.
  const clock = {
    now: () => Date.now(),
    sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  };

  it("EnabledSSLNotSupport is an AlibabaApiError, 404, final (not 'gone'), with the request id", async () => {
    const emu = await startEmulator();
    try {
      emu.admin.dds.seed({ id: "dds-region", refuseModify: "EnabledSSLNotSupport" });
      const config: Record<string, string> = {
        "alicloud:accessKey": EMULATOR_ACCESS_KEY,
        "alicloud:secretKey": EMULATOR_SECRET_KEY,
        "dbssl:endpointOverride": emu.url,
      };
      const ctx: DriverContext = {
        settings: settingsFrom({ get: (k) => config[k] }, {}),
        clock,
        progress: () => undefined,
      };
      const inputs = {
        instanceId: "dds-region",
        sslEnabled: true,
        onDelete: "disable",
        switchMode: "immediately",
      } as DdsSslInputs;
      const live = await ddsDriver.read(ctx, inputs);
      const err = await failure(ddsDriver.send(ctx, inputs, "open", live!, {}));
      assert.ok(err instanceof AlibabaApiError);
      assert.strictEqual(err.code, "EnabledSSLNotSupport");
      assert.strictEqual(err.httpStatus, 404);
      assert.strictEqual(err.retryClass, "final");
      assert.strictEqual(err.requestId, emu.admin.log().at(-1)!.requestId);
      assert.strictEqual(err.family, "alicloud.mongodb");
    } finally {
      await emu.close();
    }
  });
});
