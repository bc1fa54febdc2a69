/**
 * The seam between the HTTP server and each cloud's wire format. The server offers every non-admin
 * request to the registered protocols in order; the first whose `matches` says yes answers it.
 * Alibaba ACS3 RPC is the first; Tencent TC3 and Huawei/OTC SDK-HMAC-SHA256 plug in the same way.
 */
import type { Fault } from "./faults";
import type { VirtualClock } from "./virtual-clock";

export interface IncomingCall {
  method: string;
  /** The path as received, without the query. */
  pathname: string;
  /** The query string as received, without "?". */
  rawQuery: string;
  /** Node's `req.headersDistinct`: lower-cased names, every value kept. */
  headers: Record<string, string[] | undefined>;
  rawBody: Buffer;
}

export interface WireAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Send the body one byte every this many real milliseconds (the `trickle` fault). */
  trickleMs?: number;
}

/** `reset` destroys the socket without answering (the "reset" fault). */
export type WireOutcome = WireAnswer | { reset: true };

export interface WireProtocol {
  readonly name: string;
  matches(call: IncomingCall): boolean;
  handle(call: IncomingCall): Promise<WireOutcome>;
}

export function firstHeader(call: IncomingCall, name: string): string | undefined {
  return call.headers[name]?.[0];
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * A `slow` fault before the handler: the call is held `delayMs` of VIRTUAL time, then runs (its
 * answer comes after the client may have given up). Virtual time moves at least as fast as real
 * time, so with nothing advancing the clock this is a real delay of `delayMs`; a provider whose
 * waits advance the clock sees the call run within `delayMs` of the provider's own time, as a
 * cloud that is slow to answer applies the write within its own server timeout, never minutes
 * later. (A real-ms hold let the call run minutes of the provider's time after it was sent, past
 * the lost-answer grace period: the provider then rightly sent it again and both landed.)
 */
export function holdCall(clock: VirtualClock, delayMs: number): Promise<void> {
  return clock.until(clock.now() + delayMs);
}

/** Request-id keys each wire format keeps in a `hollow` answer (ACS `RequestId`, TC3 `Response`). */
function requestIdsOnly(doc: unknown): Record<string, unknown> {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc as Record<string, unknown>)) {
    if (k === "RequestId" || k === "request_id") out[k] = v;
    if (k === "Response") out[k] = requestIdsOnly(v);
  }
  return out;
}

const HUGE_PADDING_BYTES = 4 * 1024 * 1024;

/**
 * A successful answer reshaped by an answer-shape fault (faults.ts `AnswerShape`); any other
 * answer (an error, a reset) passes unchanged.
 */
export function reshapeAnswer(fault: Fault, real: WireOutcome): WireOutcome {
  if ("reset" in real || real.status < 200 || real.status >= 300) return real;
  let doc: unknown;
  try {
    doc = JSON.parse(real.body);
  } catch {
    doc = {};
  }
  switch (fault.kind) {
    case "hollow":
      return { ...real, body: JSON.stringify(requestIdsOnly(doc)) };
    case "huge": {
      const padding = "x".repeat(HUGE_PADDING_BYTES);
      return { ...real, body: JSON.stringify({ ...requestIdsOnly(doc), Padding: padding }) };
    }
    case "truncated":
      return { ...real, body: real.body.slice(0, Math.floor(real.body.length / 2)) };
    case "trickle":
      return { ...real, trickleMs: Math.max(1, fault.delayMs) };
    default:
      return real;
  }
}
