/**
 * Every call the emulator answered: a redacted log (safe to print or serve over HTTP) and, kept apart,
 * the raw parameters for in-process assertions only.
 *
 * Alibaba's RDS SDK sends certificates and private keys in the query string (alibaba.md §6.5), so
 * parameters are redacted by name before anything is logged. Headers are never recorded: they carry the
 * Authorization signature and the STS security token.
 */
export type Params = Record<string, string>;

export interface LogEntry {
  /** Sequence number, from 1. */
  seq: number;
  /** Real wall-clock time of the call, ISO 8601. */
  time: string;
  /** Virtual (emulator) time of the call, ISO 8601. */
  virtualTime: string;
  /** Wire protocol that handled the call, e.g. "alibaba-acs3". */
  protocol: string;
  /** Cloud service, e.g. "rds" (undefined when the call could not be routed). */
  service?: string;
  action: string;
  /** True for calls that change state (Modify*, Create*, ...). */
  write: boolean;
  /** Parameters with secrets replaced by "<redacted N chars>". */
  params: Params;
  /** HTTP status answered; 0 when the connection was reset on purpose. */
  status: number;
  /** The cloud error code, when the call failed. */
  code?: string;
  requestId?: string;
  /** The fault kind that hit this call, if any. */
  fault?: string;
  /**
   * True when a write call was applied (its handler accepted it and the change started), whatever the
   * client saw: with an `after` fault the client gets an error or no answer while `applied` is true.
   */
  applied?: boolean;
  accessKeyId?: string;
}

/** Raw parameters of a call, for in-process assertions only (never printed or served). */
export interface ReceivedRequest {
  service?: string;
  action: string;
  params: Params;
  status: number;
  code?: string;
  applied?: boolean;
}

export interface CountFilter {
  service?: string;
  /** Count only calls answered with a status < 400. */
  succeededOnly?: boolean;
  /** Count only write calls. */
  writesOnly?: boolean;
  /** Count only write calls that were applied, whatever their answer (see `LogEntry.applied`). */
  appliedOnly?: boolean;
}

const SECRET_PARAMS = new Set([
  "ServerKey",
  "ServerCert",
  "ClientCACert",
  "ClientCertRevocationList",
  "PassWord",
  "Password",
  "Certificate",
]);
const SECRET_NAME_PATTERN = /secret|password|passwd|token|privatekey/i;

export function redactParams(params: Params): Params {
  const redacted: Params = {};
  for (const [name, value] of Object.entries(params)) {
    redacted[name] =
      SECRET_PARAMS.has(name) || SECRET_NAME_PATTERN.test(name)
        ? `<redacted ${value.length} chars>`
        : value;
  }
  return redacted;
}

export type CallRecord = Omit<LogEntry, "seq" | "time" | "virtualTime" | "params"> & {
  rawParams: Params;
};

export class RequestLog {
  private entries: LogEntry[] = [];
  private received: ReceivedRequest[] = [];
  private readonly listeners: Array<(entry: LogEntry) => void> = [];

  constructor(private readonly virtualNow: () => number) {}

  record(call: CallRecord): LogEntry {
    const { rawParams, ...rest } = call;
    const entry: LogEntry = {
      seq: this.entries.length + 1,
      time: new Date().toISOString(),
      virtualTime: new Date(this.virtualNow()).toISOString(),
      ...rest,
      params: redactParams(rawParams),
    };
    this.entries.push(entry);
    this.received.push({
      service: call.service,
      action: call.action,
      params: { ...rawParams },
      status: call.status,
      code: call.code,
      applied: call.applied,
    });
    for (const listener of this.listeners) listener(entry);
    return entry;
  }

  onEntry(listener: (entry: LogEntry) => void): void {
    this.listeners.push(listener);
  }

  log(): LogEntry[] {
    return this.entries.map((e) => ({ ...e, params: { ...e.params } }));
  }

  requests(action?: string): ReceivedRequest[] {
    return this.received
      .filter((r) => action === undefined || r.action === action)
      .map((r) => ({ ...r, params: { ...r.params } }));
  }

  counts(filter: CountFilter = {}): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const e of this.entries) {
      if (filter.service !== undefined && e.service !== filter.service) continue;
      if (filter.writesOnly && !e.write) continue;
      if (filter.succeededOnly && (e.status === 0 || e.status >= 400)) continue;
      if (filter.appliedOnly && e.applied !== true) continue;
      counts[e.action] = (counts[e.action] ?? 0) + 1;
    }
    return counts;
  }

  clear(): void {
    this.entries = [];
    this.received = [];
  }
}
