/**
 * Issue 19, inputs declared once: each family's `args.ts`, the README input tables and `check`
 * all follow the family's input schema (provider/<family>/schema.ts). A schema changed without
 * `npm run gen:inputs`, a hand edit of a generated file, or a `check` rule that says something
 * else than the README (the old renewBeforeDays 1-365 against 1-180) fails here.
 */
import { strict as assert } from "assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describeValue } from "../../provider/core/validation/check-failure";
import { lifecycleFor } from "../../provider/core/lifecycle/lifecycle";
import { settingsFrom } from "../../provider/core/settings";
import { systemClock } from "../../provider/core/clock";
import { ownInputNames } from "../../provider/core/validation/inputs";
import type { InputType } from "../../provider/core/validation/input-schema";
import { driverFor } from "../../provider/families";
import { DOCUMENTED_FAMILIES, allowedText } from "./input-docs";
import { REPO_ROOT, staleFiles } from "./generate-inputs";
import { CONFIG, VALID } from "../fixtures/valid-declarations";

async function failuresOn(family: string, name: string, value: unknown): Promise<string[]> {
  const settings = settingsFrom({ get: (k) => CONFIG[k] }, {});
  const provider = lifecycleFor(driverFor(family), () => ({
    settings,
    clock: systemClock,
    progress: () => undefined,
  }));
  const { failures } = await provider.check({}, { ...VALID[family], [name]: value });
  return (failures ?? []).filter((f) => f.property === name).map((f) => f.reason);
}

/** A value of the wrong kind, and the values at the edges of what is allowed. */
function probes(type: InputType): { bad: unknown; good: unknown[] } {
  switch (type.kind) {
    case "boolean":
      return { bad: "yes", good: [true, false] };
    case "integer":
    case "number":
      return { bad: type.max + 1, good: [type.min, type.max] };
    case "oneOf":
      return { bad: "not-a-value", good: [...type.values] };
    default:
      return { bad: 12345, good: [] };
  }
}

describe("inputs declared once (issue 19)", () => {
  it("args.ts of every family and the README tables are what the schemas generate", async () => {
    assert.deepEqual(await staleFiles(), [], "run npm run gen:inputs");
  });

  it("the README says renewBeforeDays is 1-180, as check enforces (alibaba.md: certs last a year)", () => {
    const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
    const rows = readme.split("\n").filter((l) => l.startsWith("| `renewBeforeDays`"));
    assert.equal(rows.length, 3); // alicloud.rds, alicloud.mongodb, alicloud.redis
    for (const row of rows) assert.match(row, /an integer from 1 to 180 \(/);
    assert.doesNotMatch(readme, /1-365/);
  });

  it("the generated .d.ts keeps the schema's doc text as JSDoc (hover docs)", () => {
    const dts = readFileSync(join(REPO_ROOT, "dist/provider/alicloud/rds/args.d.ts"), "utf8");
    assert.match(
      dts,
      /\* Renew when the live certificate expires within this many days\.\n\s+\*\n\s+\* Allowed: an integer from 1 to 180[^]*?\*\/\n\s+renewBeforeDays\?: pulumi\.Input<number>;/,
    );
  });

  for (const { module, schema } of DOCUMENTED_FAMILIES) {
    it(`${module}: the driver's inputs and default timeout are the schema's, and check knows each`, async () => {
      const driver = driverFor(module);
      assert.deepEqual([...driver.inputNames], ownInputNames(schema));
      assert.equal(schema.timeoutMinutes.default, driver.defaultTimeoutMinutes);
      for (const name of Object.keys(schema)) {
        const unknown = (await failuresOn(module, name, undefined)).filter((r) =>
          r.includes("is not an input"),
        );
        assert.deepEqual(unknown, [], name);
      }
    });

    it(`${module}: check refuses what the README does not allow, and accepts its edges`, async () => {
      for (const [name, spec] of Object.entries(schema)) {
        const { bad, good } = probes(spec.type);
        const reasons = await failuresOn(module, name, bad);
        const allowed = allowedText(spec.type).replace(/`/g, "");
        const says = ["integer", "number", "oneOf", "format"].includes(spec.type.kind)
          ? `${name} must be ${allowed}; got ${describeValue(bad)}`
          : `${name} must be`;
        assert.ok(
          reasons.some((r) => r.startsWith(says)),
          `${name}: ${JSON.stringify(reasons)}`,
        );
        for (const value of good) {
          const typeFailures = (await failuresOn(module, name, value)).filter((r) =>
            r.startsWith(`${name} must be`),
          );
          assert.deepEqual(typeFailures, [], `${name}: ${JSON.stringify(value)}`);
        }
      }
    });
  }
});
