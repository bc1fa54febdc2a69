/**
 * What one Alibaba product (RDS now; DDS and R-KVStore later) contributes to the ACS3 RPC protocol:
 * its API version, its actions and its error for a busy instance.
 */
import type { Params } from "../request-log";
import type { AlibabaError } from "./alibaba-errors";

export interface AlibabaAction {
  /** True for calls that change state; counted by `writeCounts()`. */
  write: boolean;
  /** Parameters the gateway requires (answered with `Missing<Name>` otherwise). */
  required: readonly string[];
  /** Returns the JSON body without RequestId, or throws an AlibabaError. */
  handle(params: Params): Record<string, unknown>;
}

export interface AlibabaService {
  /** Short name used in the request log and fault specs, e.g. "rds". */
  name: string;
  /** Product code used in the error `Recommend` link, e.g. "Rds". */
  product: string;
  /** `HostId` of error bodies, e.g. "rds.aliyuncs.com". */
  hostId: string;
  /** `x-acs-version`, e.g. "2014-08-15". */
  version: string;
  actions: Readonly<Record<string, AlibabaAction>>;
  /** The answer to the "busy" fault. */
  busyError(): AlibabaError;
}
