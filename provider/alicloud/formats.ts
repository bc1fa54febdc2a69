/**
 * Alibaba Cloud identifier formats, checked offline at `check`.
 *
 * Why so strict: the region id becomes part of the API host name (`rds.<region>.aliyuncs.com`,
 * `OpenApiUtil.getEndpointRules` in `@alicloud/openapi-core`), so a region such as `x@host:port/`
 * would send signed requests to another host; and both ids are printed in progress lines, where a
 * newline would forge a log line. Only lowercase letters, digits and inner hyphens pass, and a
 * region must be one the SDKs know.
 */
import type { IdentifierFormat } from "../core/validation/check-failure";
import type { InputFormats } from "../core/validation/inputs";
import { ALIBABA_REGIONS } from "./regions";

/**
 * Region ids: one of the known list (regions.ts), e.g. `cn-hangzhou`, `ap-southeast-1`,
 * `cn-shanghai-finance-1`; a typo is refused with the closest id.
 */
export const ALIBABA_REGION_FORMAT: IdentifierFormat = {
  pattern: new RegExp(`^(${ALIBABA_REGIONS.join("|")})$`),
  maxLength: 50,
  description:
    `an Alibaba Cloud region id where RDS, MongoDB and Tair are offered (one of the ` +
    `${ALIBABA_REGIONS.length} ids of the SDKs' endpoint maps), such as "cn-hangzhou" or ` +
    '"ap-southeast-1"',
  known: ALIBABA_REGIONS,
};

/**
 * RDS instance ids: a prefix naming the engine and role, a hyphen, then lowercase letters and
 * digits. `rm-` MySQL and SQL Server primaries (seed 001's example `rm-uf6wjk5xxxxxxx`), `rr-`
 * MySQL read-only, `pgm-` PostgreSQL, `pgr-` PostgreSQL read-only, `mr-` MariaDB (the examples in
 * `@alicloud/rds20140815/dist/models/*.d.ts`). Inner hyphens are accepted too: they cannot change a
 * URL or a log line, and the project's emulator demo seeds ids such as `rm-demo-mysql`.
 */
export const RDS_INSTANCE_ID_FORMAT: IdentifierFormat = {
  pattern: /^(rm|rr|pgm|pgr|mr)-[a-z0-9]+(-[a-z0-9]+)*$/,
  maxLength: 64,
  description:
    'an ApsaraDB RDS instance id: "rm-", "rr-", "pgm-", "pgr-" or "mr-" followed by lowercase ' +
    'letters and digits, such as "rm-uf6wjk5xxxxxxx"',
};

/** What `alicloud.rds` checks at `check` (the driver passes these to the shared check). */
export const RDS_INPUT_FORMATS: InputFormats = {
  instanceId: RDS_INSTANCE_ID_FORMAT,
  region: ALIBABA_REGION_FORMAT,
};
