/**
 * The emulated "Querying Instant Tasks" (`GET /v3/{project_id}/tasklist`, OTC rds_13_0002, Huawei
 * rds_06_0138) on the wire: the switch's task with a `process`, the documented filters and
 * paging, oldest first, other tasks of the instance, and a cloud that leaves the switch out.
 */
import * as assert from "assert";
import { startEmulator, type Emulator } from "./index";
import { rdsV3Request } from "./rdsv3/test-client";

const P = "0483b6b16e954cb88930a360d2c4e663";
const ID = "ed7cc6166ec24360a5ed5c5c9c2ed726in01";
const OTHER_ID = "fd7cc6166ec24360a5ed5c5c9c2ed726in01";

type Task = Record<string, unknown>;

describe("emulator: RDS v3 instant task list (ListTasks)", function () {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
  });
  afterEach(() => emu.close());

  const tasks = (query: Record<string, string>) =>
    rdsV3Request(emu, { method: "GET", path: `/v3/${P}/tasklist`, query });
  const put = (id = ID) =>
    rdsV3Request(emu, {
      method: "PUT",
      path: `/v3/${P}/instances/${id}/ssl`,
      body: { ssl_option: true },
    });
  const seed = (extra: Record<string, unknown> = {}, id = ID) =>
    emu.admin.rdsv3.seed({
      id,
      projectId: P,
      timing: { lagMs: 10_000, rebootMs: 90_000, jobVisibleAfterMs: 5_000 },
      ...extra,
    });

  it("lists the switch with its progress while it runs, and Completed with no progress after", async () => {
    seed();
    assert.strictEqual((await put()).status, 200);
    const early = await tasks({ instance_id: ID });
    assert.deepStrictEqual(early.json.tasks, [], "not listed in its first seconds");
    emu.clock.advanceBy(50_000);
    const mid = await tasks({ instance_id: ID, status: "Running" });
    assert.strictEqual(mid.status, 200);
    const [task] = mid.json.tasks as Task[];
    assert.deepStrictEqual(
      Object.keys(task).sort(),
      [
        "create_time",
        "end_time",
        "id",
        "instance_id",
        "instance_name",
        "instance_status",
        "name",
        "order_id",
        "process",
        "status",
      ],
      "the documented fields only",
    );
    assert.strictEqual(task.process, "50");
    assert.strictEqual(task.status, "Running");
    assert.strictEqual(task.instance_status, "REBOOTING");
    assert.match(String(task.create_time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    assert.deepStrictEqual(mid.json.actions, ["SwitchSsl"]);
    assert.strictEqual(mid.json.total_count, 1);
    emu.clock.advanceBy(60_000);
    const done = await tasks({ instance_id: ID });
    assert.strictEqual((done.json.tasks as Task[])[0].status, "Completed");
    assert.strictEqual((done.json.tasks as Task[])[0].process, "");
    assert.deepStrictEqual((await tasks({ instance_id: ID, status: "Running" })).json.tasks, []);
  });

  it("oldest first, paged by offset and limit, total_count over all matches", async () => {
    seed();
    seed({}, OTHER_ID);
    const backup = emu.admin.rdsv3.addOtherTask(ID, {
      name: "CreateManualBackup",
      startedAgoMs: 60 * 60_000,
      durationMs: 4 * 60 * 60_000,
    });
    await put();
    await put(OTHER_ID);
    emu.clock.advanceBy(20_000);
    const all = await tasks({ limit: "50" });
    const names = (all.json.tasks as Task[]).map((t) => `${t.name}:${t.instance_id === ID}`);
    assert.deepStrictEqual(names, ["CreateManualBackup:true", "SwitchSsl:true", "SwitchSsl:false"]);
    assert.strictEqual((all.json.tasks as Task[])[0].id, backup);
    assert.strictEqual((all.json.tasks as Task[])[0].process, "25");
    const page = await tasks({ offset: "1", limit: "1" });
    assert.strictEqual((page.json.tasks as Task[]).length, 1);
    assert.strictEqual((page.json.tasks as Task[])[0].name, "SwitchSsl");
    assert.strictEqual(page.json.total_count, 3);
    const byInstance = await tasks({ instance_id: ID, name: "SwitchSsl" });
    assert.strictEqual(byInstance.json.total_count, 1);
    assert.strictEqual((await tasks({})).json.total_count, 3, "default limit 10");
  });

  it("refuses a limit over 50, an unknown status and a time that is not milliseconds", async () => {
    seed();
    const bad: Record<string, string>[] = [
      { limit: "51" },
      { limit: "0" },
      { status: "Done" },
      { start_time: "2026-01-01" },
    ];
    for (const query of bad) {
      const r = await tasks(query);
      assert.strictEqual(r.status, 400, JSON.stringify(query));
      assert.strictEqual(r.json.error_code, "DBS.200001");
    }
  });

  it("a cloud that leaves the switch out lists nothing for it", async () => {
    seed({ listsSwitchTask: false });
    await put();
    emu.clock.advanceBy(50_000);
    const r = await tasks({ instance_id: ID });
    assert.deepStrictEqual(r.json.tasks, []);
    assert.strictEqual(r.json.total_count, 0);
  });
});
