/**
 * Alibaba Cloud identifier formats, checked offline at `check`.
 *
 * Why so strict: the region id becomes part of the API host name (`rds.<region>.aliyuncs.com`,
 * `OpenApiUtil.getEndpointRules` in `@alicloud/openapi-core`), so a region such as `x@host:port/`
 * would send signed requests to another host; and both ids are printed in progress lines, where a
 * newline would forge a log line. Only lowercase letters, digits and inner hyphens pass.
 */
import type { IdentifierFormat } from "../core/check-failure";
import type { InputFormats } from "../core/inputs";

/**
 * Region ids: lowercase words joined by hyphens, e.g. `cn-hangzhou`, `ap-southeast-1`,
 * `cn-shanghai-finance-1`, `cn-north-2-gov-1`, `rus-west-1-pop`. Sources: the region list
 * https://www.alibabacloud.com/help/doc-detail/72379.htm and the endpoint map in
 * `@alicloud/rds20140815/dist/client.js` (constructor `_endpointMap`).
 */
export const ALIBABA_REGION_FORMAT: IdentifierFormat = {
  pattern: /^[a-z]{2,3}(-[a-z0-9]+){1,5}$/,
  maxLength: 50,
  description:
    'an Alibaba Cloud region id: lowercase letters, digits and hyphens such as "cn-hangzhou" ' +
    'or "ap-southeast-1"',
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
