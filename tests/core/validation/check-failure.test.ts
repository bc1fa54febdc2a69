import { strict as assert } from "assert";
import fc from "fast-check";
import {
  describeValue,
  editDistance,
  rules,
  unknownInputFailures,
} from "../../../provider/core/validation/check-failure";
import { endpointOverrideProblem, endpointHostPort } from "../../../provider/core/settings";

describe("core/check-failure messages", () => {
  it("describes values on one line of printable ASCII, with the right article", () => {
    assert.equal(describeValue(NaN), "NaN");
    assert.equal(describeValue(-Infinity), "-Infinity");
    assert.equal(describeValue("a\u2028b\rc"), '"a\\u2028b\\rc"');
    assert.equal(describeValue({ k: "x".repeat(40) }), "an object of 48 characters");
    assert.equal(describeValue(["x".repeat(40)]), "a list of 44 characters");
    assert.equal(describeValue("x".repeat(41)), "a string of 43 characters");
    fc.assert(
      fc.property(fc.anything(), (v) => assert.match(describeValue(v), /^[\x20-\x7e]*$/)),
      { numRuns: 300 },
    );
  });

  it("explains a limit in the number rule when asked", () => {
    assert.equal(
      rules.number(1, 180, true, "why")("n", 200),
      "n must be an integer from 1 to 180 (why); got 200",
    );
    assert.equal(rules.number(1, 10)("n", NaN), "n must be a number from 1 to 10; got NaN");
  });

  it("suggests the closest known name for a typo, and none for an unrelated key", () => {
    const known = ["caType", "clientCaCert", "__provider", "instanceId"];
    assert.deepEqual(unknownInputFailures({ caTpye: 1, instanceId: "x", __provider: "" }, known), [
      {
        property: "caTpye",
        reason:
          '"caTpye" is not an input of this resource; did you mean `caType`? ' +
          "Allowed inputs: caType, clientCaCert, instanceId",
      },
    ]);
    const [far] = unknownInputFailures({ "bad\nkey": 1 }, known);
    assert.equal(far.property, "bad\\u000akey");
    assert.match(far.reason, /^"bad\\nkey" is not an input of this resource\. Allowed inputs/);
    assert.equal(editDistance("caTpye", "caType"), 1);
    assert.equal(editDistance("", "abc"), 3);
  });
});

describe("core/settings endpointOverride", () => {
  it("allows https anywhere and http only to loopback", () => {
    for (const ok of [
      "https://rds.example.com",
      "rds.example.com",
      "http://127.0.0.1:8080",
      "http://127.3.4.5",
      "http://localhost:1",
      "http://[::1]:9",
    ]) {
      assert.equal(endpointOverrideProblem(ok), undefined, ok);
    }
    for (const bad of [
      "http://192.0.2.2:8080",
      "http://localhost.example.com",
      "http://127.0.0.1.nip.io",
      "http://user:pw@10.0.0.1",
    ]) {
      assert.match(
        endpointOverrideProblem(bad) ?? "",
        /^dbssl:endpointOverride uses plain http:\/\//,
      );
      assert.ok(!(endpointOverrideProblem(bad) ?? "").includes("pw"), bad);
    }
    assert.match(endpointOverrideProblem("ftp://x") ?? "", /must start with https:\/\//);
    assert.match(endpointOverrideProblem("http://[bad") ?? "", /is not a URL/);
    assert.equal(endpointHostPort("http://user:pw@127.0.0.1:99/x"), "127.0.0.1:99");
  });
});
