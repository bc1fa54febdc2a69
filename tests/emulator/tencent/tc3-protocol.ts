/**
 * Tencent Cloud API 3.0 over TC3-HMAC-SHA256, as `tencentcloud-sdk-nodejs` 4.1.313 sends it
 * (`common/http/http_connection.js` doRequestWithSign3): `POST /`, JSON body, action, version and
 * region in `X-TC-Action` / `X-TC-Version` / `X-TC-Region`. Every answer is HTTP 200 with `Response`
 * or `Response.Error` (tencent-huawei.md §1.4, §1.5), except what a gateway in front answers for the
 * `unavailable` and `badGateway` faults. Each action allows 20 requests per (virtual) second (seed 003).
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
import {
  POSTGRES_VERSION,
  WireInteger,
  postgresActions,
  type JsonParams,
  type TencentAction,
} from "./postgres-handlers";
import type { TencentPostgresStore } from "./postgres-store";
import { verifyTc3, type Tc3Key, type Tc3Verdict } from "./tc3-signature";
import { TencentError, seedError, tencentCommonErrors } from "./tencent-errors";

const SERVICE = "postgres";

/** Seed 003 "This API only supports": other regions answer UnsupportedRegion. */
export const POSTGRES_REGIONS: readonly string[] = [
  "ap-bangkok",
  "ap-beijing",
  "ap-chengdu",
  "ap-chongqing",
  "ap-guangzhou",
  "ap-hongkong",
  "ap-jakarta",
  "ap-nanjing",
  "ap-seoul",
  "ap-shanghai",
  "ap-shanghai-fsi",
  "ap-shenzhen-fsi",
  "ap-singapore",
  "ap-tokyo",
  "eu-frankfurt",
  "na-ashburn",
  "na-siliconvalley",
  "sa-saopaulo",
];

/** A gateway's answer: not 200, no JSON (the SDK reports only `httpCode` and the status text). */
const gateway = (status: number, title: string): WireAnswer => ({
  status,
  headers: { "content-type": "text/html" },
  body: `<html><head><title>${status} ${title}</title></head><body><center><h1>${status} ${title}</h1></center></body></html>`,
});

function signatureError(verdict: Tc3Verdict): TencentError | undefined {
  if (verdict.ok) return undefined;
  const errors = {
    incomplete: tencentCommonErrors.invalidAuthorization,
    "unknown-key": tencentCommonErrors.secretIdNotFound,
    expired: tencentCommonErrors.signatureExpire,
    mismatch: tencentCommonErrors.signatureFailure,
    token: tencentCommonErrors.tokenFailure,
  };
  return errors[verdict.reason]();
}

/** Request JSON, with integer TaskIds kept as exact text (they may exceed 2^53). */
function parseBody(call: IncomingCall): JsonParams {
  const text = call.rawBody.toString("utf8") || "{}";
  try {
    const parsed = JSON.parse(text.replace(/("TaskId"\s*:\s*)(-?\d+)/g, '$1"$2"'));
    return parsed !== null && typeof parsed === "object" ? (parsed as JsonParams) : {};
  } catch {
    throw tencentCommonErrors.invalidParameter("The request body is not valid JSON.");
  }
}

/** JSON with WireIntegers written as bare integers, every digit kept. */
function stringify(body: object): string {
  return JSON.stringify(body, (_k, v) =>
    v instanceof WireInteger ? `\u0000int:${v.digits}` : v,
  ).replace(/"\\u0000int:(-?\d+)"/g, "$1");
}

export class Tc3Protocol implements WireProtocol {
  readonly name = "tencent-tc3";
  private readonly actions: Record<string, TencentAction>;
  private readonly arrivals = new Map<string, number[]>();

  constructor(
    private readonly state: EmulatorState,
    private readonly store: TencentPostgresStore,
  ) {
    this.actions = postgresActions(store);
  }

  matches(call: IncomingCall): boolean {
    return (
      firstHeader(call, "x-tc-action") !== undefined ||
      (firstHeader(call, "authorization") ?? "").startsWith("TC3-")
    );
  }

  async handle(call: IncomingCall): Promise<WireOutcome> {
    const action = firstHeader(call, "x-tc-action") ?? "";
    const record: CallRecord = {
      protocol: this.name,
      service: SERVICE,
      action,
      write: Object.hasOwn(this.actions, action) && this.actions[action].write,
      rawParams: {},
      status: 200,
      requestId: randomUUID(),
    };
    const delay = { ms: 0 };
    let outcome: WireOutcome;
    try {
      outcome = await this.answer(call, action, record, delay);
      record.status = "reset" in outcome ? 0 : outcome.status;
    } catch (thrown) {
      if (!(thrown instanceof TencentError))
        console.error("emulator handler failed:", String(thrown));
      const error = thrown instanceof TencentError ? thrown : tencentCommonErrors.internalError();
      record.code = error.code;
      outcome = this.json({ Error: { Code: error.code, Message: error.message } }, record);
    } finally {
      this.state.log.record(record);
    }
    if (delay.ms > 0) await holdCall(this.state.clock, delay.ms);
    return outcome;
  }

  private async answer(
    call: IncomingCall,
    actionName: string,
    record: CallRecord,
    delay: { ms: number },
  ): Promise<WireOutcome> {
    const { action, params, region } = this.authorize(call, actionName, record);
    this.throttle(actionName);
    const fault = this.state.faults.take(SERVICE, actionName);
    if (fault) record.fault = fault.kind;
    if (fault && !fault.after) {
      if (fault.kind === "slow") await holdCall(this.state.clock, fault.delayMs);
      const replaced = this.faultOutcome(fault);
      if (replaced) return replaced;
    }
    if (!fault?.after) return this.run(action, actionName, params, region, record);
    // The call is applied first; then its answer is lost, delayed or replaced.
    let real: WireOutcome | TencentError;
    try {
      real = this.run(action, actionName, params, region, record);
    } catch (thrown) {
      if (!(thrown instanceof TencentError)) throw thrown;
      real = thrown;
    }
    if (fault.kind === "slow") delay.ms = fault.delayMs;
    const replaced = this.faultOutcome(fault);
    if (replaced) return replaced;
    if (real instanceof TencentError) throw real;
    return reshapeAnswer(fault, real);
  }

  /** Wire format, signature, version, action and region; throws the gateway's error otherwise. */
  private authorize(call: IncomingCall, actionName: string, record: CallRecord) {
    const contentType = firstHeader(call, "content-type") ?? "";
    if (
      call.method !== "POST" ||
      call.pathname !== "/" ||
      !contentType.startsWith("application/json")
    ) {
      throw tencentCommonErrors.unsupportedProtocol();
    }
    const verdict = verifyTc3(call, (id) => this.keyOf(id), Math.round(Date.now() / 1000));
    record.accessKeyId = verdict.secretId;
    const authError = signatureError(verdict);
    if (authError) throw authError;
    const params = parseBody(call);
    record.rawParams = Object.fromEntries(
      Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    );
    if (firstHeader(call, "x-tc-version") !== POSTGRES_VERSION)
      throw tencentCommonErrors.noSuchVersion();
    if (!Object.hasOwn(this.actions, actionName)) throw tencentCommonErrors.invalidAction();
    const region = firstHeader(call, "x-tc-region");
    if (region === undefined || region === "") throw tencentCommonErrors.missingParameter("Region");
    if (!POSTGRES_REGIONS.includes(region)) {
      throw tencentCommonErrors.unsupportedRegion();
    }
    return { action: this.actions[actionName], params, region };
  }

  private keyOf(secretId: string): Tc3Key | undefined {
    const secretKey = this.state.credentials.get(secretId);
    return secretKey !== undefined ? { secretKey } : this.store.temporaryKeys.get(secretId);
  }

  /** RequestLimitExceeded above the per-action limit within the last virtual second. */
  private throttle(action: string): void {
    const now = this.state.clock.now();
    const recent = (this.arrivals.get(action) ?? []).filter((t) => t > now - 1000);
    this.arrivals.set(action, recent);
    if (recent.length >= this.store.rateLimit) {
      throw tencentCommonErrors.requestLimitExceeded(recent.length + 1, this.store.rateLimit);
    }
    recent.push(now);
  }

  private faultOutcome(fault: Fault): WireOutcome | undefined {
    switch (fault.kind) {
      case "reset":
        return { reset: true };
      case "badGateway":
        return gateway(502, "Bad Gateway");
      case "unavailable":
        return gateway(503, "Service Temporarily Unavailable");
      case "throttle":
        throw tencentCommonErrors.requestLimitExceeded(
          this.store.rateLimit + 1,
          this.store.rateLimit,
        );
      case "internal":
        throw tencentCommonErrors.internalError();
      case "busy":
        throw seedError("OperationDenied.InstanceStatusLimitError");
      default:
        return undefined;
    }
  }

  /** Runs the handler; a write that returns is applied (its task has started). */
  private run(
    action: TencentAction,
    name: string,
    params: JsonParams,
    region: string,
    record: CallRecord,
  ): WireAnswer {
    const scripted = this.store.takeScripted(name);
    if (scripted) {
      throw scripted.message === undefined
        ? seedError(scripted.code)
        : new TencentError(scripted.code, scripted.message);
    }
    const body = action.handle(params, region);
    if (action.write) record.applied = true;
    return this.json(body, record);
  }

  private json(body: object, record: CallRecord): WireAnswer {
    return {
      status: 200,
      headers: { "content-type": "application/json" },
      body: stringify({ Response: { ...body, RequestId: record.requestId } }),
    };
  }
}
