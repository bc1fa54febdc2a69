/**
 * Issue 17 item 1: `dbssl:requestTimeoutMs` is the one deadline of an Alibaba call. The SDK's
 * transport (httpx) also arms the socket with `connectTimeout` as an idle timer for the WHOLE
 * exchange; a fixed 10 s there failed every answer slower than 10 s, and the failure read as a
 * final error: not kept in state, and the next `up` wrote again (two renewals).
 *
 * These tests take real seconds (the emulator delays the real answer; the socket timers are real).
 */
import * as assert from "assert";
import { startFamilyHarness, urnOf, type FamilyHarness } from "../fixtures/provider-harness";

const SLOW_MS = 11_500; // longer than the old fixed 10 s, shorter than the deadline below
const DEADLINE_MS = "16000";

interface Case {
  family: string;
  action: string;
  seed: (h: FamilyHarness, id: string) => void;
  id: string;
}

const CASES: Case[] = [
  {
    family: "alicloud.rds",
    action: "ModifyDBInstanceSSL",
    id: "rm-slow1",
    seed: (h, id) => h.emu.admin.rds.seed({ id, engine: "MySQL", ssl: { sslEnabled: true } }),
  },
  {
    family: "alicloud.redis",
    action: "ModifyInstanceSSL",
    id: "r-slow1",
    seed: (h, id) => h.emu.admin.kvstore.seed({ id, ssl: { sslEnabled: true } }),
  },
  {
    family: "alicloud.mongodb",
    action: "ModifyDBInstanceSSL",
    id: "dds-slow1",
    seed: (h, id) => h.emu.admin.dds.seed({ id, ssl: { open: true } }),
  },
];

describe("Alibaba: a slow answer within dbssl:requestTimeoutMs is an answer (issue 17.1)", function () {
  this.timeout(120_000);
  for (const c of CASES) {
    it(`${c.family}: a renewal answered after ${SLOW_MS / 1000}s succeeds, sent once`, async () => {
      const h = await startFamilyHarness(c.family, {
        config: { "dbssl:requestTimeoutMs": DEADLINE_MS },
      });
      try {
        c.seed(h, c.id);
        const first = await h.create({ instanceId: c.id, rotateTrigger: "a" });
        h.emu.admin.injectFault({ action: c.action, kind: "slow", delayMs: SLOW_MS, after: true });
        const news = (await h.check({ instanceId: c.id, rotateTrigger: "b" }, first.outputs))
          .inputs;
        const { outputs } = await h.host.update(c.id, urnOf(c.family), first.outputs, news);
        assert.strictEqual(outputs.lastAction, "update");
        const writes = h.emu.admin.requests(c.action).filter((r) => r.applied);
        assert.strictEqual(writes.length, 1, "one renewal");
        assert.strictEqual(writes[0].status, 200, "the emulator answered success, late");
      } finally {
        await h.close();
      }
    });
  }
});
