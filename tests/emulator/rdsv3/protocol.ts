/**
 * RDS v3 over SDK-HMAC-SHA256, as Open Telekom Cloud's and Huawei Cloud's API gateways take it
 * (tencent-huawei.md §2.4-§2.6): REST paths under `/v3/{project_id}/`, JSON bodies, the request id
 * in `X-Request-Id`, errors as `{"error_code","error_msg"}`. Faults come from the shared queue
 * (service "rdsv3"); with `after: true` the handler runs first and only the answer is lost.
 */
import { randomUUID } from "node:crypto";
import type { EmulatorState } from "../emulator-state";
import type { Fault } from "../faults";
import type { CallRecord } from "../request-log";
import {
  firstHeader,
  holdCall,
  reshapeAnswer,
  type IncomingCall,
  type WireAnswer,
  type WireOutcome,
  type WireProtocol,
} from "../wire-protocol";
import { RdsV3Error, rdsV3Errors } from "./errors";
import {
  batchTagAction,
  listInstances,
  listJobInfo,
  routeOf,
  switchSsl,
  type RdsV3Reply,
  type RdsV3Route,
} from "./handlers";
import { verifySdkHmac } from "./signature";
import type { RdsV3Store } from "./store";
import { listTasks } from "./task-list";

export const RDSV3_SERVICE = "rdsv3";

const BAD_GATEWAY: WireAnswer = {
  status: 502,
  headers: { "content-type": "text/html" },
  body: "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>",
};

/** The answer a fault gives instead of the real one; undefined when the real answer follows (slow). */
function faultOutcome(fault: Fault): WireOutcome | undefined {
  switch (fault.kind) {
    case "reset":
      return { reset: true };
    case "badGateway":
      return { ...BAD_GATEWAY, headers: { ...BAD_GATEWAY.headers } };
    case "throttle":
      throw rdsV3Errors.throttled(fault.retryAfterMs);
    case "unavailable":
      throw rdsV3Errors.unavailable();
    case "internal":
      throw rdsV3Errors.internal();
    case "busy":
      throw rdsV3Errors.busy();
    default:
      return undefined;
  }
}

export class RdsV3Protocol implements WireProtocol {
  readonly name = "rdsv3-sdk-hmac";

  constructor(
    private readonly state: EmulatorState,
    private readonly store: RdsV3Store,
  ) {}

  matches(call: IncomingCall): boolean {
    return (
      call.pathname.startsWith("/v3/") ||
      (firstHeader(call, "authorization") ?? "").startsWith("SDK-HMAC-SHA256")
    );
  }

  async handle(call: IncomingCall): Promise<WireOutcome> {
    const route = routeOf(call.method, call.pathname, call.rawQuery);
    const requestId = randomUUID().replace(/-/g, "");
    const record: CallRecord = {
      protocol: this.name,
      service: RDSV3_SERVICE,
      action: route?.action ?? `${call.method} ${call.pathname}`,
      write: route?.write ?? false,
      rawParams: route?.params ?? {},
      status: 200,
      requestId,
    };
    const delay = { ms: 0 };
    let outcome: WireOutcome;
    try {
      outcome = await this.answer(call, route, record, delay);
      record.status = "reset" in outcome ? 0 : outcome.status;
    } catch (thrown) {
      if (!(thrown instanceof RdsV3Error))
        console.error("emulator handler failed:", String(thrown));
      const error = thrown instanceof RdsV3Error ? thrown : rdsV3Errors.internal();
      record.status = error.status;
      record.code = error.code;
      outcome = errorAnswer(error, requestId);
    } finally {
      this.state.log.record(record);
    }
    if (delay.ms > 0) await holdCall(this.state.clock, delay.ms);
    return outcome;
  }

  private async answer(
    call: IncomingCall,
    route: RdsV3Route | undefined,
    record: CallRecord,
    delay: { ms: number },
  ): Promise<WireOutcome> {
    const verdict = verifySdkHmac(
      call,
      (ak) => this.state.credentials.get(ak),
      this.state.clock.now(),
    );
    record.accessKeyId = verdict.accessKeyId;
    if (!verdict.ok) throw rdsV3Errors.signature(`verify aksk signature fail (${verdict.reason})`);
    if (!route) throw rdsV3Errors.noRoute();
    const fault = this.state.faults.take(RDSV3_SERVICE, route.action, verdict.accessKeyId);
    if (fault) record.fault = fault.kind;
    if (fault && !fault.after) {
      if (fault.kind === "slow") await holdCall(this.state.clock, fault.delayMs);
      const replaced = faultOutcome(fault);
      if (replaced) return replaced;
    }
    if (!fault?.after) return this.run(call, route, record);
    // Applied first; then its answer is lost, delayed or replaced.
    let real: WireOutcome | RdsV3Error;
    try {
      real = this.run(call, route, record);
    } catch (thrown) {
      if (!(thrown instanceof RdsV3Error)) throw thrown;
      real = thrown;
    }
    if (fault.kind === "slow") delay.ms = fault.delayMs;
    const replaced = faultOutcome(fault);
    if (replaced) return replaced;
    if (real instanceof RdsV3Error) throw real;
    return reshapeAnswer(fault, real);
  }

  private run(call: IncomingCall, route: RdsV3Route, record: CallRecord): WireAnswer {
    let reply: RdsV3Reply;
    if (route.action === "ListInstances") reply = listInstances(this.store, route.params);
    else if (route.action === "ListJobInfo") reply = listJobInfo(this.store, route.params);
    else if (route.action === "ListTasks") reply = listTasks(this.store, route.params);
    else if (route.action === "BatchTagAction") {
      reply = batchTagAction(this.store, route.params, call.rawBody);
    } else {
      reply = switchSsl(this.store, route.params, call.rawBody);
      record.applied = true;
    }
    return {
      status: reply.status,
      headers: {
        "content-type": "application/json;charset=utf-8",
        "x-request-id": record.requestId ?? "",
      },
      body: reply.body === undefined ? "" : JSON.stringify(reply.body),
    };
  }
}

function errorAnswer(error: RdsV3Error, requestId: string): WireAnswer {
  const body = {
    error_code: error.code,
    error_msg: error.message,
    ...(error.gateway ? { request_id: requestId } : {}),
  };
  return {
    status: error.status,
    headers: {
      "content-type": "application/json;charset=utf-8",
      "x-request-id": requestId,
      ...error.headers,
    },
    body: JSON.stringify(body),
  };
}
