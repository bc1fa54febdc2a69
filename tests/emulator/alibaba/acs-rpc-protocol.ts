/**
 * Alibaba Cloud RPC over ACS3-HMAC-SHA256, exactly as `@alicloud/openapi-core` 1.0.8 `doRequest` sends
 * it (alibaba.md §4.2): `POST /`, action and version in `x-acs-action`/`x-acs-version`, every parameter in
 * the query (a form body is merged in too), JSON answers. Products are routed by `x-acs-version`.
 */
import { randomUUID } from "node:crypto";
import { verifyAcs3, type Acs3Verdict } from "../acs3-signature";
import type { EmulatorState } from "../emulator-state";
import type { Fault } from "../faults";
import type { CallRecord, Params } from "../request-log";
import {
  firstHeader,
  holdCall,
  reshapeAnswer,
  type IncomingCall,
  type WireAnswer,
  type WireOutcome,
  type WireProtocol,
} from "../wire-protocol";
import { AlibabaError, commonErrors, errorBody } from "./alibaba-errors";
import type { AlibabaAction, AlibabaService } from "./alibaba-service";

interface ParsedCall {
  action: string;
  version: string;
  params: Params;
  service?: AlibabaService;
}

function parseParams(call: IncomingCall): Params {
  const params: Params = Object.fromEntries(new URLSearchParams(call.rawQuery));
  const contentType = firstHeader(call, "content-type") ?? "";
  if (contentType.startsWith("application/x-www-form-urlencoded") && call.rawBody.length > 0) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(call.rawBody.toString("utf8"))));
  }
  return params;
}

function signatureError(verdict: Acs3Verdict): AlibabaError | undefined {
  if (verdict.ok) return undefined;
  switch (verdict.reason) {
    case "incomplete":
      return commonErrors.incompleteSignature();
    case "unknown-key":
      return commonErrors.accessKeyNotFound();
    default:
      return commonErrors.signatureDoesNotMatch();
  }
}

function faultError(fault: Fault, service: AlibabaService): AlibabaError | undefined {
  switch (fault.kind) {
    case "throttle":
      return commonErrors.throttling(fault.retryAfterMs);
    case "unavailable":
      return commonErrors.serviceUnavailable();
    case "internal":
      return commonErrors.internalError();
    case "busy":
      return service.busyError();
    default:
      return undefined;
  }
}

/**
 * What a load balancer in front of the API answers when the backend does not: 502 with an HTML page, no
 * JSON, no request id. `@alicloud/openapi-core` 1.0.8 `doRequest` (client.js ~l.1017) reads every 4xx/5xx
 * body with `readAsJSON`, so the SDK fails with a JSON SyntaxError rather than a ServerError.
 */
const BAD_GATEWAY: WireAnswer = {
  status: 502,
  headers: { "content-type": "text/html" },
  body: "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n",
};

/** The answer a fault gives instead of the real one; undefined when the real answer follows (slow). */
function faultOutcome(fault: Fault, service: AlibabaService): WireOutcome | undefined {
  if (fault.kind === "reset") return { reset: true };
  if (fault.kind === "badGateway") return { ...BAD_GATEWAY, headers: { ...BAD_GATEWAY.headers } };
  const error = faultError(fault, service);
  if (error) throw error;
  return undefined;
}

/** Own properties only: an action named "constructor" must not find Object's. */
function actionOf(service: AlibabaService, name: string): AlibabaAction | undefined {
  return Object.hasOwn(service.actions, name) ? service.actions[name] : undefined;
}

export class AcsRpcProtocol implements WireProtocol {
  readonly name = "alibaba-acs3";

  constructor(
    private readonly state: EmulatorState,
    private readonly services: readonly AlibabaService[],
  ) {}

  matches(call: IncomingCall): boolean {
    return (
      firstHeader(call, "x-acs-action") !== undefined ||
      (firstHeader(call, "authorization") ?? "").startsWith("ACS3-")
    );
  }

  async handle(call: IncomingCall): Promise<WireOutcome> {
    const params = parseParams(call);
    const version = firstHeader(call, "x-acs-version") ?? params.Version ?? "";
    const parsed: ParsedCall = {
      action: firstHeader(call, "x-acs-action") ?? params.Action ?? "",
      version,
      params,
      service: this.services.find((s) => s.version === version),
    };
    const requestId = randomUUID().toUpperCase();
    const record: CallRecord = {
      protocol: this.name,
      service: parsed.service?.name,
      action: parsed.action,
      write: (parsed.service && actionOf(parsed.service, parsed.action)?.write) ?? false,
      rawParams: params,
      status: 200,
      requestId,
    };
    // A slow fault after the handler delays the answer, not the log: the call is on record at once.
    const delay = { ms: 0 };
    const outcome = await this.outcome(call, parsed, record, delay);
    if (delay.ms > 0) await holdCall(this.state.clock, delay.ms);
    return outcome;
  }

  private async outcome(
    call: IncomingCall,
    parsed: ParsedCall,
    record: CallRecord,
    delay: { ms: number },
  ): Promise<WireOutcome> {
    try {
      const outcome = await this.answer(call, parsed, record, delay);
      record.status = "reset" in outcome ? 0 : outcome.status;
      return outcome;
    } catch (thrown) {
      // A bug in a handler must still answer like the cloud would, not hang the SDK.
      if (!(thrown instanceof AlibabaError))
        console.error("emulator handler failed:", String(thrown));
      const error = thrown instanceof AlibabaError ? thrown : commonErrors.internalError();
      record.status = error.status;
      record.code = error.code;
      return this.errorAnswer(error, record.requestId ?? "", parsed.service);
    } finally {
      this.state.log.record(record);
    }
  }

  private async answer(
    call: IncomingCall,
    parsed: ParsedCall,
    record: CallRecord,
    delay: { ms: number },
  ): Promise<WireOutcome> {
    const { service, action } = this.authorize(call, parsed, record);
    const fault = this.state.faults.take(service.name, parsed.action);
    if (fault) record.fault = fault.kind;
    if (fault && !fault.after) {
      if (fault.kind === "slow") await holdCall(this.state.clock, fault.delayMs);
      const replaced = faultOutcome(fault, service);
      if (replaced) return replaced;
    }
    if (!fault?.after) return this.run(action, parsed, record);
    // The call is applied first; then its answer is lost, delayed or replaced.
    let real: WireOutcome | AlibabaError;
    try {
      real = this.run(action, parsed, record);
    } catch (thrown) {
      if (!(thrown instanceof AlibabaError)) throw thrown;
      real = thrown;
    }
    if (fault.kind === "slow") delay.ms = fault.delayMs;
    const replaced = faultOutcome(fault, service);
    if (replaced) return replaced;
    if (real instanceof AlibabaError) throw real;
    return reshapeAnswer(fault, real);
  }

  /** Checks the signature and finds the product and action; throws the gateway's error otherwise. */
  private authorize(
    call: IncomingCall,
    parsed: ParsedCall,
    record: CallRecord,
  ): { service: AlibabaService; action: AlibabaAction } {
    const query = Object.fromEntries(new URLSearchParams(call.rawQuery));
    const verdict = verifyAcs3({ ...call, query }, (ak) => this.state.credentials.get(ak));
    record.accessKeyId = verdict.accessKeyId;
    const authError = signatureError(verdict);
    if (authError) throw authError;
    const { service } = parsed;
    if (!service) throw commonErrors.invalidVersion();
    const action = actionOf(service, parsed.action);
    if (!action) throw commonErrors.actionNotFound();
    return { service, action };
  }

  /** Runs the handler; a write that returns is applied (its state machine has started). */
  private run(action: AlibabaAction, parsed: ParsedCall, record: CallRecord): WireAnswer {
    const missing = action.required.find((name) => !parsed.params[name]);
    if (missing) throw commonErrors.missingParameter(missing);
    const body = action.handle(parsed.params);
    if (action.write) record.applied = true;
    const requestId = record.requestId ?? "";
    return this.jsonAnswer(200, { RequestId: requestId, ...body }, requestId);
  }

  private errorAnswer(
    error: AlibabaError,
    requestId: string,
    service?: AlibabaService,
  ): WireAnswer {
    const body = errorBody(
      error,
      requestId,
      service?.hostId ?? "aliyuncs.com",
      service?.product ?? "",
    );
    const answer = this.jsonAnswer(error.status, body, requestId);
    Object.assign(answer.headers, error.headers);
    return answer;
  }

  private jsonAnswer(status: number, body: object, requestId: string): WireAnswer {
    return {
      status,
      headers: { "content-type": "application/json;charset=utf-8", "x-acs-request-id": requestId },
      body: JSON.stringify(body),
    };
  }
}
