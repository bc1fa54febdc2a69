import * as assert from "assert";
import { Limiter } from "./deployment";
import { annotateSecrets, makeSecret, markAdditionalSecrets, unwrapSecrets } from "./wire";

describe("engine/wire: the engine's secret rules", () => {
  const s = makeSecret;

  it("annotateSecrets: same-named secret input makes the output secret; objects recurse; arrays wholesale", () => {
    const ins = {
      password: s("pw"),
      nested: { key: s("k"), plain: "p" },
      list: ["a", s("b")],
      other: "x",
    };
    const outs = {
      password: "pw",
      nested: { key: "k", plain: "p" },
      list: ["a", "b"],
      other: "x",
      cert: "c",
    };
    assert.deepStrictEqual(annotateSecrets(outs, ins), {
      password: s("pw"),
      nested: { key: s("k"), plain: "p" },
      list: s(["a", "b"]),
      other: "x",
      cert: "c",
    });
  });

  it("additionalSecretOutputs marks top-level outputs; unwrapSecrets is what the host receives", () => {
    const outs = markAdditionalSecrets({ cert: "c", id: "i" }, ["cert", "missing"]);
    assert.deepStrictEqual(outs, { cert: s("c"), id: "i" });
    assert.deepStrictEqual(unwrapSecrets({ a: [s("x")], b: s({ c: s(1) }) }), {
      a: ["x"],
      b: { c: 1 },
    });
  });

  it("Limiter runs at most n tasks at once", async () => {
    const limiter = new Limiter(3);
    let active = 0;
    let peak = 0;
    const task = async () => {
      peak = Math.max(peak, ++active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
    };
    await Promise.all(Array.from({ length: 10 }, () => limiter.run(task)));
    assert.strictEqual(peak, 3);
  });
});
