/**
 * The Alibaba SDK's transport as our calls use it (provider/alicloud/transport.ts): the read
 * timeout (`dbssl:requestTimeoutMs`) holds for a call sent soon after another one on the same
 * keep-alive connection. Left alone, httpx's stale timer of the first call clears the second
 * call's timer, and a hung answer hangs `up` (found by the fault matrix, issue 12).
 */
import * as assert from "assert";
import * as http from "http";
import type { AddressInfo } from "net";
import { modifySsl } from "../../provider/alicloud/rds/calls";
import type { RdsSslInputs } from "../../provider/alicloud/rds/types";
import { AlibabaApiError } from "../../provider/alicloud/errors";
import { systemClock } from "../../provider/core/clock";
import type { DriverContext } from "../../provider/core/driver";
import { settingsFrom } from "../../provider/core/settings";
import { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY } from "../emulator";

describe("alicloud SDK transport: the read timeout holds on a reused connection", function () {
  this.timeout(20_000);
  let server: http.Server;
  let url: string;
  const delays: number[] = [];
  const sockets = new Set<string>();
  before(async () => {
    server = http.createServer((req, res) => {
      sockets.add(`${req.socket.remotePort}`);
      const delay = delays.shift() ?? 0;
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ RequestId: `req-${delay}` }));
      }, delay).unref();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it("a slow answer to the second call times out instead of hanging", async () => {
    const config: Record<string, string> = {
      "alicloud:accessKey": EMULATOR_ACCESS_KEY,
      "alicloud:secretKey": EMULATOR_SECRET_KEY,
      "dbssl:endpointOverride": url,
      "dbssl:requestTimeoutMs": "1000",
    };
    const ctx: DriverContext = {
      settings: settingsFrom({ get: (k) => config[k] }, {}),
      clock: systemClock,
      progress: () => undefined,
    };
    const inputs = { instanceId: "rm-transport1", region: "cn-hangzhou" } as RdsSslInputs;
    delays.push(0, 4_000);
    // A write: never resent by the per-call retry, so what the client saw is what we get.
    assert.strictEqual(await modifySsl(ctx, inputs, { SSLEnabled: 1 }), "req-0");
    await new Promise((r) => setTimeout(r, 400));
    const started = Date.now();
    const outcome = await modifySsl(ctx, inputs, { SSLEnabled: 1 }).then(
      (requestId) => `answered ${requestId} after ${Date.now() - started} ms`,
      (e: Error) => e,
    );
    assert.ok(outcome instanceof AlibabaApiError, `expected a timeout, got: ${String(outcome)}`);
    assert.strictEqual(outcome.retryClass, "network");
    assert.strictEqual(sockets.size, 1, "control: both calls went over one kept-alive connection");
  });
});
