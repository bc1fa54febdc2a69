/**
 * The seam between the HTTP server and each cloud's wire format. The server offers every non-admin
 * request to the registered protocols in order; the first whose `matches` says yes answers it.
 * Alibaba ACS3 RPC is the first; Tencent TC3 and Huawei/OTC SDK-HMAC-SHA256 plug in the same way.
 */
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
