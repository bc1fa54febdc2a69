/**
 * The change mark of RDS v3 (provider/rdsv3/change-mark.ts, issue 17 item 3): a tag set before
 * the SSL PUT and removed after, so that a process killed during the cloud's lag (the instance
 * still reads ACTIVE with the old flag, and the emulator accepts a second PUT then, rebooting
 * again) leaves evidence the next `up` honours. The crash itself is in
 * tests/reliability/crash-resume.test.ts ("killed as the write is answered").
 */
import * as assert from "assert";
import { rdsV3Request } from "../emulator/rdsv3/test-client";
import { waitForLog } from "../fixtures/provider-harness";
import { MYSQL_ID, PROJECT, failure, startSeededRdsV3Harness, type RdsV3Harness } from "./fixtures";

const KEY = "dbssl-change";
const WINDOW_MS = 120_000; // RDSV3_SETTLE_GRACE_MS

describe("RDS v3: the change mark (a tag around the SSL PUT)", function () {
  let h: RdsV3Harness;
  afterEach(() => h?.close());

  const start = async (cloud: "opentelekomcloud" | "huaweicloud") => {
    h = await startSeededRdsV3Harness(cloud);
  };
  const calls = () =>
    h.emu.admin.log().filter((r) => r.action === "BatchTagAction" || r.action === "SwitchSsl");
  const puts = () => h.emu.admin.log().filter((r) => r.action === "SwitchSsl");
  const virtualMs = (r: { virtualTime: string }) => Date.parse(r.virtualTime);

  for (const cloud of ["opentelekomcloud", "huaweicloud"] as const) {
    it(`${cloud}: the tag is set just before the PUT and removed once the change is over`, async () => {
      await start(cloud);
      const { outputs } = await h.create(h.base());
      assert.strictEqual(outputs.sslEnabled, true);
      const seen = calls().map((r) => [r.action, r.params.tag_action, r.status]);
      assert.deepStrictEqual(seen, [
        ["BatchTagAction", "create", 200],
        ["SwitchSsl", undefined, 200],
        ["BatchTagAction", "delete", 200],
      ]);
      const [set, put] = calls();
      assert.match(set.params.tags, new RegExp(`^${KEY}=open-(\\d+)-[0-9a-f]{8}$`));
      const markedAt = Number(/-(\d+)-/.exec(set.params.tags)![1]) * 1000;
      // Whole seconds, floored, set just before the PUT: at most a second (the flooring) and a
      // call's latency before it; never after it. (A loaded try-as-user run saw over 1 s.)
      const lead = virtualMs(put) - markedAt;
      assert.ok(lead >= 0 && lead < 2_000, `the mark says when the PUT went (${lead} ms before)`);
      assert.strictEqual(calls()[2].params.tags, `${KEY}=`);
      assert.deepStrictEqual(h.emu.admin.rdsv3.get(MYSQL_ID)!.tags, {}, "no tag left behind");
      assert.strictEqual(outputs.changeMark, undefined, "the mark is not an output");
    });
  }

  it("a mark another run left 30 s ago holds the write until its window ends, then sends once", async () => {
    await start("opentelekomcloud");
    const markedAt = h.emu.clock.now() - 30_000;
    h.emu.admin.rdsv3.setTag(MYSQL_ID, KEY, `open-${Math.floor(markedAt / 1000)}-deadbeef`);
    const { outputs } = await h.create(h.base());
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(puts().length, 1);
    assert.ok(
      virtualMs(puts()[0]) >= Math.floor(markedAt / 1000) * 1000 + WINDOW_MS,
      `no PUT inside the window (sent ${puts()[0].virtualTime})`,
    );
    assert.ok(await waitForLog(h.host, `(tag ${KEY}); no write before`), "the wait names the tag");
    assert.deepStrictEqual(h.emu.admin.rdsv3.get(MYSQL_ID)!.tags, {});
  });

  it("a mark whose change lands meanwhile: no PUT at all, and the stale mark is removed", async () => {
    await start("huaweicloud");
    // What a killed run leaves: its PUT accepted (the cloud lags), its mark on the instance.
    const markedAt = h.emu.clock.now();
    h.emu.admin.rdsv3.setTag(MYSQL_ID, KEY, `open-${Math.floor(markedAt / 1000)}-deadbeef`);
    const put = await rdsV3Request(h.emu, {
      method: "PUT",
      path: `/v3/${PROJECT}/instances/${MYSQL_ID}/ssl`,
      body: { ssl_option: true },
    });
    assert.strictEqual(put.status, 200);
    const { outputs } = await h.create(h.base());
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(puts().length, 1, "only the killed run's PUT");
    assert.deepStrictEqual(
      calls().map((r) => [r.action, r.params.tag_action]),
      [
        ["SwitchSsl", undefined],
        ["BatchTagAction", "delete"],
      ],
    );
    assert.deepStrictEqual(h.emu.admin.rdsv3.get(MYSQL_ID)!.tags, {});
  });

  it("a mark older than the window is ignored: the PUT goes at once", async () => {
    await start("opentelekomcloud");
    const old = Math.floor((h.emu.clock.now() - WINDOW_MS - 1000) / 1000);
    h.emu.admin.rdsv3.setTag(MYSQL_ID, KEY, `close-${old}-deadbeef`);
    const started = h.emu.clock.now();
    await h.create(h.base());
    const [put] = puts();
    assert.ok(virtualMs(put) - started < 10_000, `sent at once (${put.virtualTime})`);
  });

  it("a tag the user may not set: nothing is sent, and the error names the permission", async () => {
    await start("opentelekomcloud");
    h.emu.admin.rdsv3.refuseTagChanges(MYSQL_ID);
    const checked = await h.check(h.base());
    const err = await failure(h.host.create(h.urn, checked.inputs));
    assert.match(
      err.message,
      /BatchTagAction failed: DBS\.200036: The user is not authorized to perform rds:instance:createTag\. The tag dbssl-change could not be set, so the SSL switch was not sent \(the tag comes first; IAM action rds:instance:createTag, docs\/permissions\)/,
    );
    assert.notStrictEqual(err.name, "ResourceInitFailedError", "nothing to keep in state");
    assert.deepStrictEqual(puts(), []);
  });
});
