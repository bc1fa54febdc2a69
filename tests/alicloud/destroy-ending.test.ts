/**
 * Issue 17 item 10 (Alibaba and Tencent families): `destroy` while the instance is being deleted,
 * released, isolated or shut down has nothing left to protect: the delete succeeds without a
 * write, with a line saying so. Other terminal states (a lock for a full disk) still fail.
 */
import * as assert from "assert";
import {
  startFamilyHarness,
  urnOf,
  waitForLog,
  type FamilyHarness,
} from "../fixtures/provider-harness";
import { TENCENT_CONFIG, ipOf } from "../tencentcloud/postgres/harness";

interface Case {
  family: string;
  id: string;
  write: string;
  seed: (h: FamilyHarness) => void;
  /** Inputs besides instanceId (Tencent needs the address the certificate protects). */
  inputs?: (h: FamilyHarness) => Record<string, unknown>;
  /** States the instance is put in before `destroy`, each with how to put it there. */
  ending: [string, (h: FamilyHarness) => void][];
}

const CASES: Case[] = [
  {
    family: "alicloud.rds",
    id: "rm-end1",
    write: "ModifyDBInstanceSSL",
    seed: (h) => h.emu.admin.rds.seed({ id: "rm-end1", engine: "MySQL" }),
    ending: [
      ["Deleting", (h) => h.emu.admin.rds.setStatus("rm-end1", "Deleting")],
      ["Stopped", (h) => h.emu.admin.rds.setStatus("rm-end1", "Stopped")],
      ["LockByExpiration", (h) => h.emu.admin.rds.setLock("rm-end1", "LockByExpiration")],
    ],
  },
  {
    family: "alicloud.mongodb",
    id: "dds-end1",
    write: "ModifyDBInstanceSSL",
    seed: (h) => h.emu.admin.dds.seed({ id: "dds-end1" }),
    ending: [
      ["Released", (h) => h.emu.admin.dds.setStatus("dds-end1", "Released")],
      ["LockByExpiration", (h) => h.emu.admin.dds.setLock("dds-end1", "LockByExpiration")],
    ],
  },
  {
    family: "alicloud.redis",
    id: "r-end1",
    write: "ModifyInstanceSSL",
    seed: (h) => h.emu.admin.kvstore.seed({ id: "r-end1" }),
    ending: [["Inactive", (h) => h.emu.admin.kvstore.setStatus("r-end1", "Inactive")]],
  },
  {
    family: "tencentcloud.postgres",
    id: "postgres-end00001",
    write: "ModifyDBInstanceSSLConfig",
    seed: (h) =>
      h.emu.admin.tencentPostgres.seed({ id: "postgres-end00001", ssl: { sslEnabled: false } }),
    inputs: (h) => ({ connectAddress: ipOf(h, "postgres-end00001") }),
    ending: [
      ["isolated", (h) => h.emu.admin.tencentPostgres.setStatus("postgres-end00001", "isolated")],
      ["offlining", (h) => h.emu.admin.tencentPostgres.setStatus("postgres-end00001", "offlining")],
    ],
  },
];

for (const c of CASES) {
  describe(`${c.family}: destroy while the instance goes away (issue 17.10)`, function () {
    let h: FamilyHarness;
    beforeEach(async () => {
      const config = c.family.startsWith("tencent") ? TENCENT_CONFIG : {};
      h = await startFamilyHarness(c.family, { config });
      c.seed(h);
    });
    afterEach(() => h.close());

    for (const [state, put] of c.ending) {
      it(`${state}: the delete succeeds with nothing sent, and says why`, async () => {
        // onDelete "disable": the only delete that would write (the default, retain, never does).
        const { outputs } = await h.create({
          instanceId: c.id,
          onDelete: "disable",
          ...c.inputs?.(h),
        });
        assert.strictEqual(outputs.sslEnabled, true);
        const writes = h.emu.admin.requests(c.write).length;
        put(h);
        const destroy = await h.newHost();
        await destroy.delete(c.id, urnOf(c.family), outputs);
        assert.strictEqual(h.emu.admin.requests(c.write).length, writes, "no write");
        assert.ok(
          await waitForLog(destroy, "nothing left to protect, so SSL is left as it is"),
          destroy.logs.join("\n"),
        );
      });
    }
  });
}

describe("alicloud.rds: destroy on a locked instance that is not going away", function () {
  it("LockByDiskQuota still fails, naming the lock, with nothing sent", async () => {
    const h = await startFamilyHarness("alicloud.rds");
    try {
      h.emu.admin.rds.seed({ id: "rm-full1", engine: "MySQL" });
      const { outputs } = await h.create({ instanceId: "rm-full1", onDelete: "disable" });
      h.emu.admin.rds.setLock("rm-full1", "LockByDiskQuota");
      const destroy = await h.newHost();
      const err = await destroy.delete("rm-full1", urnOf("alicloud.rds"), outputs).then(
        () => assert.fail("expected a failure"),
        (e: Error) => e,
      );
      assert.match(err.message, /locked \(LockMode LockByDiskQuota/);
      assert.strictEqual(h.emu.admin.requests("ModifyDBInstanceSSL").length, 1, "only the open");
    } finally {
      await h.close();
    }
  });
});
