/**
 * Reads of many RDS v3 instances share `ListInstances` pages (core/cloud/shared-listing.ts),
 * through the real Pulumi CLI: one `up` of 30 Open Telekom Cloud instances, then a `refresh` that
 * reads them all at once and finds the one changed by hand. Each gets one PUT, the state matches
 * the cloud, and the refresh's reads share pages: fewer calls than resources.
 */
import * as assert from "assert";
import { startEmulator, type Emulator } from "../emulator";
import { PROJECT, cloudConfig } from "../rdsv3/fixtures";
import { cliOrSkip } from "./cli";
import { CliStack, type CliConfig } from "./cli-stack";
import { closeTestStack } from "./fixture";

const COUNT = 30;
const idOf = (i: number) => `${(i + 1).toString(16).padStart(32, "c")}in01`;
const ids = Array.from({ length: COUNT }, (_, i) => idOf(i));

describe("opentelekomcloud.rds: 30 resources share the instance listing, through the real Pulumi CLI", function () {
  this.timeout(300_000);
  let emu: Emulator;
  let stack: CliStack | undefined;
  afterEach(() => closeTestStack(stack, emu));

  it("up sends one PUT each; refresh reads them in pages and finds the one changed by hand", async function () {
    const cli = cliOrSkip(this);
    emu = await startEmulator();
    for (const id of ids) emu.admin.rdsv3.seed({ id, projectId: PROJECT });
    const entries = ids.map((instanceId) => ({
      family: "opentelekomcloud.rds",
      instanceId,
      sslEnabled: true,
    }));
    stack = await CliStack.open({
      cli,
      project: "examples/fleet",
      config: {
        ...(cloudConfig("opentelekomcloud") as CliConfig),
        "dbssl:endpointOverride": emu.url,
        "fleet:instances": JSON.stringify(entries),
      },
      virtualClockUrl: emu.url,
    });
    const up = await stack.up();
    assert.ok(up.ok, up.error);
    const puts = emu.admin.requests("SwitchSsl").filter((r) => r.status === 200);
    assert.deepStrictEqual(puts.map((r) => r.params.instance_id).sort(), [...ids].sort());
    for (const id of ids) assert.strictEqual(emu.admin.rdsv3.get(id)!.enableSsl, true, id);

    emu.admin.rdsv3.setSsl(ids[7], false);
    const before = emu.admin.requests("ListInstances").length;
    const refresh = await stack.refresh();
    assert.ok(refresh.ok, refresh.error);
    const reads = emu.admin.requests("ListInstances").slice(before);
    const pages = reads.filter((r) => r.params.id === undefined);
    assert.ok(pages.length > 0, "the refresh read pages");
    // The engine sends the refresh's reads a few at a time, so some still go alone (17 of 30
    // calls in one run); read one by one, 30 resources cost 30 calls.
    assert.ok(reads.length < COUNT, `${reads.length} ListInstances calls for ${COUNT} reads`);
    for (const page of pages) {
      assert.deepStrictEqual(page.params, { project_id: PROJECT, offset: "0", limit: "100" });
    }
    const { resources } = await stack.exportState();
    const ssl = new Map(
      resources
        .map((r) => r.outputs as Record<string, unknown> | undefined)
        .filter((o) => o?.instanceId !== undefined)
        .map((o) => [o!.instanceId as string, o!.sslEnabled]),
    );
    assert.strictEqual(ssl.size, COUNT);
    for (const id of ids) assert.strictEqual(ssl.get(id), id !== ids[7], `state of ${id}`);
  });
});
