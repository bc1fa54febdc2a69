/**
 * Issue 17 item 5: a 200 answer without the expected fields (`{}`, megabytes of padding, a body cut
 * in half) is never read as "the instance is deleted". Only the cloud's own not-found answer is:
 * refresh fails with a typed error naming the call, and the resource stays in state. Every family,
 * on each of its instance reads (the emulator's answer-shape faults, tests/emulator/faults.ts).
 */
import * as assert from "assert";
import type { DynamicHost } from "../engine/host";
import { startEmulator, type Emulator } from "../emulator";
import { serializedProvider, startProviderHost, urnOf } from "../fixtures/provider-harness";
import { RELIABILITY_FAMILIES } from "./families";
import { MATRIX_CONFIG } from "./matrix-runner";

const SHAPES = ["hollow", "huge", "truncated"] as const;

/** More than the per-call retry budget (core/cloud/retry.ts: 8 attempts). */
const EVERY_ATTEMPT = 9;

describe("Answers without the expected fields are errors, never a deleted instance", function () {
  for (const family of RELIABILITY_FAMILIES) {
    describe(family.family, function () {
      let emu: Emulator;
      let host: DynamicHost;
      const id = family.instanceId("hollow");
      const urn = urnOf(family.family, "hollow");
      let outputs: Record<string, unknown>;

      before(async () => {
        emu = await startEmulator();
        host = await startProviderHost(emu, { ...family.config(emu), ...MATRIX_CONFIG });
        family.seed(emu, id, { sslEnabled: true });
        const providerText = await serializedProvider(family.family);
        const checked = await host.check(
          urn,
          {},
          {
            ...family.inputs(id),
            __provider: providerText,
          },
        );
        assert.deepStrictEqual(checked.failures, []);
        outputs = (await host.create(urn, checked.inputs)).outputs;
      });
      after(async () => {
        await host?.stop();
        await emu?.close();
      });
      afterEach(() => emu.admin.clearFaults());

      // The reads a refresh makes: the instance's own (status, SSL), not the task or job lists.
      for (const action of family.readActions.filter((a) => !/Task|Job/.test(a))) {
        for (const kind of SHAPES) {
          const title = `refresh with ${action} answering ${kind} fails; the instance is not dropped`;
          it(title, async () => {
            emu.admin.injectFault({ service: family.service, action, kind, times: EVERY_ATTEMPT });
            const result = await host.read(id, urn, outputs).then(
              (r) => `read returned id "${r.id}"`,
              (e: Error) => e,
            );
            assert.ok(result instanceof Error, `${result}: the resource would leave the state`);
            assert.doesNotMatch(result.message, /instance not found|was deleted/i);
            const where = `${family.family} SSL \\(${id}\\): ${action} failed: `;
            assert.match(result.message, new RegExp(where));
            emu.admin.clearFaults();
            const again = await host.read(id, urn, outputs);
            assert.strictEqual(again.id, id, "the next refresh reads it again");
          });
        }
      }
    });
  }
});
