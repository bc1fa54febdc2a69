/**
 * Writes whose answer is lost, a resumed `up`, busy and terminal instances, through the host.
 * Faults fire AFTER the write is applied (`after: true`), so a missing recovery shows as a second
 * applied ModifyDBInstanceSSLConfig.
 */
import * as assert from "assert";
import { Client } from "tencentcloud-sdk-nodejs/tencentcloud/services/postgres/v20170312/postgres_client";
import * as http from "node:http";
import { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY } from "../../emulator";
import {
  appliedModifies,
  failure,
  ipOf,
  MODIFY,
  modifies,
  PG_URN as URN,
  startPostgresHarness,
} from "./harness";
import type { FamilyHarness } from "../../fixtures/provider-harness";

const ID = "postgres-lost0001";
const MINUTE = 60_000;

describe("tencentcloud.postgres: lost answers, resumed runs, busy instances", function () {
  let h: FamilyHarness;
  let ip: string;
  const pg = () => h.emu.admin.tencentPostgres;
  beforeEach(async () => {
    // A short client timeout, so that a slow answer times out in real milliseconds.
    h = await startPostgresHarness({ config: { "dbssl:requestTimeoutMs": "500" } });
    pg().seed({ id: ID });
    ip = ipOf(h, ID);
  });
  afterEach(() => h.close());

  for (const kind of ["reset", "internal", "unavailable", "badGateway"] as const) {
    it(`a Modify applied whose answer was lost (${kind}) is watched, not sent again`, async () => {
      h.emu.admin.injectFault({ action: MODIFY, kind, after: true });
      const { outputs } = await h.create({ instanceId: ID, connectAddress: ip });
      assert.strictEqual(outputs.sslEnabled, true);
      assert.strictEqual(outputs.lastAction, "open");
      assert.strictEqual(modifies(h).length, 1);
      assert.strictEqual(appliedModifies(h).length, 1);
      assert.deepStrictEqual(pg().get(ID)!.openTasks, []);
    });
  }

  it("a slow answer past the client timeout is an unknown outcome: watched, sent once", async () => {
    h.emu.admin.injectFault({ action: MODIFY, kind: "slow", delayMs: 1500, after: true });
    const { outputs } = await h.create({ instanceId: ID, connectAddress: ip });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(appliedModifies(h).length, 1);
  });

  it("a Modify that runs late, after the client gave up, is watched and never sent again", async () => {
    // Held 1.5 s of the emulator's (virtual) time before it runs: the client times out at 500 ms,
    // the write lands while the provider watches (within its grace period), as on a slow cloud.
    h.emu.admin.injectFault({ action: MODIFY, kind: "slow", delayMs: 1500 });
    const { outputs } = await h.create({ instanceId: ID, connectAddress: ip });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.ok(
      h.host.logs.some((l) => /(ReadTimeout|ETIMEDOUT): the answer was lost; watching/.test(l)),
      `the client gave up first:\n${h.host.logs.join("\n")}`,
    );
    assert.strictEqual(h.emu.admin.callsInFlight(), 0, "nothing left to land later");
    assert.strictEqual(modifies(h).length, 1);
    assert.strictEqual(appliedModifies(h).length, 1);
  });

  it("a lost answer whose write did not run is sent again, once, after the grace period", async () => {
    h.emu.admin.injectFault({ action: MODIFY, kind: "internal" }); // before it runs
    const { outputs } = await h.create({ instanceId: ID, connectAddress: ip });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.deepStrictEqual(
      modifies(h).map((r) => [r.code ?? "ok", Boolean(r.applied)]),
      [
        ["InternalError", false],
        ["ok", true],
      ],
    );
  });

  it("a resumed up while the killed run's task still runs sends no second Modify", async () => {
    // The killed `up` got its Modify accepted; the instance still reads `running` with SSL off
    // (the lag), and the API would accept a second Modify (a second task).
    const sdk = new Client({
      credential: { secretId: EMULATOR_ACCESS_KEY, secretKey: EMULATOR_SECRET_KEY },
      region: "ap-guangzhou",
      profile: {
        httpProfile: { endpoint: h.emu.endpoint, protocol: "http://", agent: new http.Agent() },
      },
    });
    await sdk.ModifyDBInstanceSSLConfig({ DBInstanceId: ID, SSLEnabled: true, ConnectAddress: ip });
    assert.strictEqual(pg().get(ID)!.status, "running");
    const resumed = await h.newHost();
    const checked = await h.check({ instanceId: ID, connectAddress: ip });
    const { outputs } = await resumed.create(URN, checked.inputs);
    assert.strictEqual(outputs.sslEnabled, true);
    assert.strictEqual(appliedModifies(h).length, 1, "only the killed run's Modify");
  });

  it("a busy instance is polled until it runs again, then one Modify", async () => {
    pg().setStatus(ID, "restarting");
    const readyAt = h.emu.clock.now() + 10 * MINUTE;
    const flip = setInterval(() => {
      if (h.emu.clock.now() >= readyAt) pg().setStatus(ID, "running");
    }, 5);
    try {
      const { outputs } = await h.create({ instanceId: ID, connectAddress: ip });
      assert.strictEqual(outputs.sslEnabled, true);
    } finally {
      clearInterval(flip);
    }
    assert.strictEqual(modifies(h).length, 1);
    assert.ok(h.emu.clock.now() >= readyAt);
  });

  it("a busy answer to the Modify (InstanceStatusLimitError) waits and plans again", async () => {
    h.emu.admin.injectFault({ action: MODIFY, kind: "busy", times: 2 });
    const { outputs } = await h.create({ instanceId: ID, connectAddress: ip });
    assert.strictEqual(outputs.sslEnabled, true);
    assert.deepStrictEqual(
      modifies(h).map((r) => r.code ?? "ok"),
      [
        "OperationDenied.InstanceStatusLimitError",
        "OperationDenied.InstanceStatusLimitError",
        "ok",
      ],
    );
  });

  it("an isolated instance fails at once, naming the state, with nothing sent", async () => {
    pg().setStatus(ID, "isolated");
    const started = h.emu.clock.now();
    const err = await failure(h.create({ instanceId: ID, connectAddress: ip }));
    assert.match(
      err.message,
      /the instance is isolated; it will not change on its own, so nothing was sent/,
    );
    assert.strictEqual(modifies(h).length, 0);
    assert.ok(h.emu.clock.now() - started < MINUTE);
  });

  it("the instance deleted while the task runs is a clear failure, the resource kept", async () => {
    pg().seed({ id: "postgres-doomed01", timing: { durationMs: 30 * MINUTE } });
    const deleteAt = h.emu.clock.now() + 2 * MINUTE;
    const drop = setInterval(() => {
      if (h.emu.clock.now() >= deleteAt && pg().get("postgres-doomed01"))
        pg().delete("postgres-doomed01");
    }, 5);
    try {
      const checked = await h.check({
        instanceId: "postgres-doomed01",
        connectAddress: ipOf(h, "postgres-doomed01"),
      });
      const err = await failure(h.host.create(URN, checked.inputs));
      assert.strictEqual(err.name, "ResourceInitFailedError");
      assert.strictEqual(err.properties.lastTaskId, "100015");
    } finally {
      clearInterval(drop);
    }
  });

  it("a task that outlasts timeoutMinutes ends in an error that keeps the resource", async () => {
    pg().seed({ id: "postgres-slow0001", timing: { durationMs: 60 * MINUTE } });
    const checked = await h.check({
      instanceId: "postgres-slow0001",
      connectAddress: ipOf(h, "postgres-slow0001"),
      timeoutMinutes: 5,
    });
    const err = await failure(h.host.create(URN, checked.inputs));
    assert.strictEqual(err.name, "ResourceInitFailedError");
    assert.match(err.message, /timed out after 5m00s/);
    assert.match(err.message, /task 100015 .*Running/);
    assert.strictEqual(err.properties.lastTaskId, "100015");
  });
});
