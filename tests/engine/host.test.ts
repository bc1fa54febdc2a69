import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { DynamicHost, ResourceInitFailedError, startDynamicHost, UNKNOWN } from "./host";

// A throw-away provider, serialized as pulumi.dynamic.Resource does; it is not ours on purpose.
// Its state lives in the host process (module-level objects are captured by value per text).
const throwAwayProvider: pulumi.dynamic.ResourceProvider = {
  async configure(req) {
    (globalThis as Record<string, unknown>).__cfg = {
      token: req.config.get("test:token"),
      region: req.config.get("alicloud:region"),
    };
  },
  async check(_olds, news) {
    const failures =
      news.size === "huge" ? [{ property: "size", reason: "size must not be huge" }] : [];
    return { inputs: news, failures };
  },
  async diff(_id, olds, news) {
    const changes = olds.size !== news.size || olds.name !== news.name;
    return {
      changes,
      replaces: olds.name !== news.name ? ["name"] : [],
      deleteBeforeReplace: false,
    };
  },
  async create(inputs) {
    if (inputs.failInit) {
      throw Object.assign(new Error("created but not ready"), {
        id: "half-1",
        properties: { __provider: inputs.__provider, ready: false },
        reasons: ["not ready"],
      });
    }
    if (inputs.failPlain) throw new Error("plain failure");
    const cfg = (globalThis as Record<string, unknown>).__cfg;
    // `require` here is resolved at run time in the host: through NODE_PATH + the package symlink.
    const pkgName = require("pulumi-dbssl/package.json").name;
    console.log(`created ${inputs.name}`);
    return { id: `id-${inputs.name}`, outs: { ...inputs, cfg, pkgName } };
  },
  async read(id, props) {
    return {
      id,
      props: { ...props, size: "drifted" },
      inputs: { name: props.name, size: "drifted" },
    };
  },
  async update(_id, _olds, news) {
    return { outs: { ...news, updated: true } };
  },
  async delete() {
    console.error("deleted");
  },
};

const URN = "urn:pulumi:dev::test::pulumi-nodejs:dynamic:Resource::thing";

describe("engine/host: the real dynamic-provider host over gRPC", () => {
  let host: DynamicHost;
  let providerText: string;

  before(async () => {
    providerText = (
      await pulumi.runtime.serializeFunction(() => throwAwayProvider, { allowSecrets: true })
    ).text;
    host = await startDynamicHost({ project: "test" });
    await host.configure({ "test:token": { secret: "tok-1" }, "alicloud:region": "cn-hangzhou" });
  });
  after(async () => host && (await host.stop()));

  const news = (extra: object = {}) => ({
    name: "a",
    size: "small",
    __provider: providerText,
    ...extra,
  });

  it("check returns inputs and failures, and passes unknowns through", async () => {
    const ok = await host.check(URN, {}, news({ size: UNKNOWN }));
    assert.deepStrictEqual(ok.failures, []);
    assert.strictEqual(ok.inputs.size, UNKNOWN);
    const bad = await host.check(URN, {}, news({ size: "huge" }));
    assert.deepStrictEqual(bad.failures, [{ property: "size", reason: "size must not be huge" }]);
  });

  it("create sees unwrapped config, resolves the package at run time, adds __provider", async () => {
    const res = await host.create(URN, news());
    assert.strictEqual(res.id, "id-a");
    assert.deepStrictEqual(res.outputs.cfg, { token: "tok-1", region: "cn-hangzhou" });
    assert.strictEqual(res.outputs.pkgName, "pulumi-dbssl");
    assert.strictEqual(res.outputs.__provider, providerText);
    assert.ok(host.logs.includes("created a"), host.logs.join("\n"));
  });

  it("diff maps changes and replaces", async () => {
    const outs = (await host.create(URN, news())).outputs;
    assert.deepStrictEqual(await host.diff("id-a", URN, outs, news()), {
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });
    const d = await host.diff("id-a", URN, outs, news({ name: "b" }));
    assert.strictEqual(d.changes, "some");
    assert.deepStrictEqual(d.replaces, ["name"]);
  });

  it("read returns outputs and inputs (with __provider), update and delete work", async () => {
    const outs = (await host.create(URN, news())).outputs;
    const r = await host.read("id-a", URN, outs, news());
    assert.strictEqual(r.id, "id-a");
    assert.strictEqual(r.outputs.size, "drifted");
    assert.deepStrictEqual(r.inputs, { name: "a", size: "drifted", __provider: providerText });
    const u = await host.update("id-a", URN, outs, news({ size: "big" }));
    assert.strictEqual(u.outputs.updated, true);
    await host.delete("id-a", URN, u.outputs);
  });

  it("decodes ErrorResourceInitFailed and plain errors", async () => {
    const err = await host.create(URN, news({ failInit: true })).catch((e) => e);
    assert.ok(err instanceof ResourceInitFailedError, String(err));
    assert.strictEqual(err.id, "half-1");
    assert.deepStrictEqual(err.reasons, ["not ready"]);
    assert.strictEqual(err.properties.ready, false);
    assert.match(err.message, /created but not ready/);
    const plain = await host.create(URN, news({ failPlain: true })).catch((e) => e);
    assert.ok(!(plain instanceof ResourceInitFailedError));
    assert.match(plain.message, /plain failure/);
    assert.strictEqual(typeof plain.code, "number");
  });
});
