import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

describe("alicloud.rds.DbSslConfig resource class (mock monitor)", () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  let dbssl: typeof import("../../../provider");

  before(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return {
            id: `${args.name}-id`,
            state: { ...args.inputs, sslEnabled: true, engine: "MySQL" },
          };
        },
        call: () => ({}),
      },
      "dbssl",
      "test",
      false,
    );
    dbssl = require("../../../provider");
  });

  it("registers the dynamic type, secret inputs and additionalSecretOutputs", async () => {
    const res = new dbssl.alicloud.rds.DbSslConfig(
      "db",
      { instanceId: "rm-1", serverCert: "CERT-PEM", serverKey: "KEY-PEM" },
      { protect: true },
    );
    const engine = await new Promise((resolve) => res.engine.apply(resolve));
    assert.strictEqual(engine, "MySQL");
    const reg = registered.find((r) => r.name === "db")!;
    assert.strictEqual(reg.type, "pulumi-nodejs:dynamic/alicloud.rds:DbSslConfig");
    assert.deepStrictEqual(reg.inputs.serverKey, { [SIG_KEY]: SECRET_SIG, value: "KEY-PEM" });
    assert.deepStrictEqual(reg.inputs.serverCert, { [SIG_KEY]: SECRET_SIG, value: "CERT-PEM" });
    assert.strictEqual(reg.inputs.instanceId, "rm-1");
    assert.strictEqual(typeof reg.inputs.__provider, "string");
    assert.ok(!String(reg.inputs.__provider).includes("KEY-PEM"));
    assert.strictEqual(await pulumi.isSecret(res.serverCert), true);
  });

  it("sends its name (behind its parent's URN) for check to tell two resources apart", async () => {
    new dbssl.alicloud.rds.DbSslConfig("orders", { instanceId: "rm-3" });
    const parent = new pulumi.ComponentResource("test:index:Group", "group");
    new dbssl.alicloud.rds.DbSslConfig("orders", { instanceId: "rm-4" }, { parent });
    await new Promise((r) => setTimeout(r, 100));
    const names = registered
      .filter((r) => r.name === "orders")
      .map((r) => r.inputs.__dbsslResource as string);
    assert.strictEqual(names.length, 2);
    assert.strictEqual(names[0], "orders");
    assert.match(names[1], /^urn:pulumi:test::dbssl::test:index:Group::group::orders$/);
  });

  it("exposes output-only properties (declare readonly, seeded as undefined)", async () => {
    const res = new dbssl.alicloud.rds.DbSslConfig("db2", { instanceId: "rm-2" });
    const enabled = await new Promise((resolve) => res.sslEnabled.apply(resolve));
    assert.strictEqual(enabled, true);
    assert.ok(pulumi.Output.isInstance(res.certificateExpiresAt));
    assert.ok(pulumi.Output.isInstance(res.lastAction));
  });
});
