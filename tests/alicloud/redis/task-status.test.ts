/**
 * Issue 17 item 8: DescribeTaskDetail answers a status other than the documented RUNNING and
 * COMPLETED. A case variant means the same; any other value leaves it to the instance's own
 * evidence; when that shows neither a change in progress nor the change done, `up` fails at once,
 * naming the value, instead of waiting for the timeout.
 */
import * as assert from "assert";
import { startFamilyHarness, type FamilyHarness } from "../../fixtures/provider-harness";

const FAMILY = "alicloud.redis";
const ID = "r-status1";
const MINUTE = 60_000;

describe("alicloud.redis: DescribeTaskDetail statuses beyond RUNNING and COMPLETED (issue 17.8)", function () {
  let h: FamilyHarness;
  beforeEach(async () => {
    h = await startFamilyHarness(FAMILY);
    h.emu.admin.kvstore.seed({ id: ID });
  });
  afterEach(() => h.close());

  const applied = () => h.emu.admin.requests("ModifyInstanceSSL").filter((r) => r.applied);
  const details = () => h.emu.admin.requests("DescribeTaskDetail");

  for (const spelling of [
    { RUNNING: "Running", COMPLETED: "Completed" },
    { RUNNING: "PROCESSING", COMPLETED: "SUCCESS" },
  ]) {
    it(`"${spelling.RUNNING}" then "${spelling.COMPLETED}": TLS on, one write, no timeout`, async () => {
      h.emu.admin.kvstore.spellTaskDetail(spelling);
      const started = h.emu.clock.now();
      const { outputs } = await h.create({ instanceId: ID, timeoutMinutes: 10 });
      assert.strictEqual(outputs.sslEnabled, true);
      assert.match(String(outputs.lastTaskId), /^\d+$/);
      assert.strictEqual(applied().length, 1);
      assert.ok(details().length >= 1, "the task detail was asked");
      assert.ok(h.emu.clock.now() - started < 5 * MINUTE, "finished long before the timeout");
    });
  }

  it("an unknown status while the instance shows no change fails at once, naming it", async () => {
    h.emu.admin.kvstore.spellTaskDetail({ COMPLETED: "ABANDONED" });
    // A console user turns TLS off while our Enable runs: the task ends, TLS stays off.
    const started = h.emu.clock.now();
    const cancel = setInterval(() => {
      const instance = h.emu.admin.kvstore.get(ID);
      if (instance?.pending && h.emu.clock.now() - started > 20_000) {
        h.emu.admin.kvstore.setSsl(ID, { sslEnabled: false });
      }
    }, 2);
    let err: Error & { properties?: Record<string, unknown> };
    try {
      const checked = await h.check({ instanceId: ID, timeoutMinutes: 30 });
      err = await h.host.create(h.urn, checked.inputs).then(
        () => assert.fail("expected a failure"),
        (e: Error & { properties?: Record<string, unknown> }) => e,
      );
    } finally {
      clearInterval(cancel);
    }
    assert.strictEqual(err.name, "ResourceInitFailedError");
    assert.match(err.message, /DescribeTaskDetail answered Status "ABANDONED" for task \d+/);
    assert.match(err.message, /neither RUNNING nor COMPLETED/);
    assert.strictEqual(err.properties?.lastAction, "open", "the write is kept in state");
    assert.ok(h.emu.clock.now() - started < 10 * MINUTE, "no waiting for the timeout");
    assert.strictEqual(applied().length, 1);
  });
});
