/**
 * The inputs of `alicloud.redis.DbSslConfig`, described once (core/validation/input-schema.ts). ModifyInstanceSSL
 * takes only `InstanceId` and `SSLEnabled` (seed 002): no input beyond the shared ones; the minimum
 * TLS version is ModifyInstanceConfig's, out of scope (alibaba.md §1.3).
 */
import { familyInputSchema, type InputFormats } from "../../core/validation/inputs";
import { ALIBABA_REGION_FORMAT } from "../formats";
import { REDIS_DEFAULT_TIMEOUT_MINUTES, REDIS_INSTANCE_ID_FORMAT } from "./consts";

export const REDIS_INPUT_FORMATS: InputFormats = {
  instanceId: REDIS_INSTANCE_ID_FORMAT,
  region: ALIBABA_REGION_FORMAT,
};

export const REDIS_INPUTS = familyInputSchema(
  REDIS_INPUT_FORMATS,
  {
    instanceId: "The Tair / Redis instance ID (`r-...`).",
    region: "Region of the instance; defaults to `alicloud:region`.",
    sslEnabled: "TLS on or off.",
    rotateTrigger:
      "Change this value to update the certificate (ModifyInstanceSSL `SSLEnabled=Update`).",
    renewBeforeDays:
      "Update when `SSLExpiredTime` is within this many days. The cloud documents that date as " +
      "the CA certificate's expiry, which an update may not move: prefer `rotateTrigger`.",
    onDelete: "On delete: `retain` leaves TLS as it is; `disable` turns it off (a restart).",
    timeoutMinutes: {
      doc: "How long `up` waits for the cloud, in minutes. Pulumi's customTimeouts do not reach dynamic providers.",
      default: REDIS_DEFAULT_TIMEOUT_MINUTES,
    },
  },
  {},
);
