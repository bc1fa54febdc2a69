/**
 * Issue 19: at `dbssl:logLevel` debug, one stderr line per cloud call with the request id the
 * cloud answered, written once in core/cloud/call-cloud.ts for every client shape: the Tencent SDK
 * (`RequestId` in the answer) and the RDS v3 client (`X-Request-Id` header). The Alibaba shape is
 * covered in tests/alicloud/rds/logging.test.ts.
 */
import * as assert from "assert";
import { waitForLog, type FamilyHarness } from "../fixtures/provider-harness";
import { MYSQL_ID, PROJECT, startRdsV3Harness } from "../rdsv3/fixtures";
import { ipOf, startPostgresHarness } from "../tencentcloud/postgres/harness";

const DEBUG = { "dbssl:logLevel": "debug" };

/** Every call the emulator answered has its debug line, with the same action and request id. */
async function assertEveryCallShown(h: FamilyHarness, family: string, instanceId: string) {
  const calls = h.emu.admin.log();
  // stderr arrives on its own stream, a moment after the answer.
  assert.ok(await waitForLog(h.host, `request ${calls.at(-1)!.requestId}, `));
  const prefix = `[dbssl] debug: ${family} ${instanceId}: `;
  const lines = h.host.logs.filter((l) => l.startsWith(prefix));
  assert.strictEqual(lines.length, calls.length, lines.join("\n"));
  for (const call of calls) {
    assert.ok(call.requestId, `the emulator answered ${call.action} with a request id`);
    assert.ok(
      lines.some((l) => l.includes(` ok (`) && l.includes(`request ${call.requestId}, `)),
      `a line for ${call.action} ${call.requestId}:\n${lines.join("\n")}`,
    );
  }
}

describe("debug lines carry each cloud's request id (issue 19)", function () {
  let h: FamilyHarness | undefined;
  afterEach(() => h?.close());

  it("tencentcloud.postgres", async () => {
    h = await startPostgresHarness({ config: DEBUG });
    h.emu.admin.tencentPostgres.seed({ id: "postgres-debug001" });
    await h.create({
      instanceId: "postgres-debug001",
      connectAddress: ipOf(h, "postgres-debug001"),
    });
    await assertEveryCallShown(h, "tencentcloud.postgres", "postgres-debug001");
  });

  it("opentelekomcloud.rds, with the HTTP status", async () => {
    const v3 = await startRdsV3Harness("opentelekomcloud", DEBUG);
    h = v3;
    v3.emu.admin.rdsv3.seed({ id: MYSQL_ID, projectId: PROJECT });
    await v3.create(v3.base());
    await assertEveryCallShown(v3, "opentelekomcloud.rds", MYSQL_ID);
    assert.ok(v3.host.logs.some((l) => / SwitchSsl ok \(HTTP 20\d, request /.test(l)));
  });
});
