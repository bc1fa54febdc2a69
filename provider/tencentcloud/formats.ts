/**
 * Tencent Cloud identifier formats, checked offline at `check`.
 *
 * The region travels in the signed `X-TC-Region` header and is printed in progress lines, and the
 * instance id in messages: only lowercase letters, digits and inner hyphens pass, so neither can
 * forge a log line or a header.
 */
import type { IdentifierFormat } from "../core/validation/check-failure";
import type { InputFormats } from "../core/validation/inputs";

/**
 * The regions ModifyDBInstanceSSLConfig supports (seed 003, "Region ... This API only supports:").
 * A region outside this list is refused at `check`, before any call.
 */
export const POSTGRES_SSL_REGIONS = [
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
] as const;

const alternatives = new RegExp(`^(${POSTGRES_SSL_REGIONS.join("|")})$`);

export const POSTGRES_REGION_FORMAT: IdentifierFormat = {
  pattern: alternatives,
  maxLength: 30,
  description:
    "a region where TencentDB for PostgreSQL offers ModifyDBInstanceSSLConfig " +
    `(${POSTGRES_SSL_REGIONS.join(", ")})`,
  known: POSTGRES_SSL_REGIONS,
};

/**
 * Instance ids: `postgres-` (primary, the seed's example `postgres-5gevh7gr`) or `pgro-` (read-only
 * instance, which the seed's ConnectAddress text covers), then lowercase letters and digits.
 * Inner hyphens are accepted: they change neither a header nor a log line.
 */
export const POSTGRES_INSTANCE_ID_FORMAT: IdentifierFormat = {
  pattern: /^(postgres|pgro)-[a-z0-9]+(-[a-z0-9]+)*$/,
  maxLength: 64,
  description:
    'a TencentDB for PostgreSQL instance id: "postgres-" (or "pgro-" for a read-only instance) ' +
    'followed by lowercase letters and digits, such as "postgres-5gevh7gr"',
};

export const POSTGRES_INPUT_FORMATS: InputFormats = {
  instanceId: POSTGRES_INSTANCE_ID_FORMAT,
  region: POSTGRES_REGION_FORMAT,
};
