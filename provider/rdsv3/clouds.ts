/**
 * The two clouds that serve the RDS v3 API: what differs between them is where the settings come
 * from and where the API lives (tencent-huawei.md §2.1, §2.7; ARCHITECTURE §1.3).
 *
 * Setting sources are read in order; a name with a colon is a stack config key (the keys of the
 * cloud's own Pulumi provider), a name without one is an environment variable.
 */
import type { IdentifierFormat } from "../core/validation/check-failure";
import type { InputFormats } from "../core/validation/inputs";
import type { ProviderSettings } from "../core/settings";

export type RdsV3CloudName = "opentelekomcloud" | "huaweicloud";

export interface RdsV3Cloud {
  name: RdsV3CloudName;
  /** Module path users write, e.g. `opentelekomcloud.rds`. */
  family: string;
  title: string;
  accessKey: readonly string[];
  secretKey: readonly string[];
  securityToken: readonly string[];
  region: readonly string[];
  /** Where the project id comes from when the `projectId` input is not set. */
  projectId: readonly string[];
  /** Project (tenant) names whose `<region>_<suffix>` form gives the region (OTC only). */
  regionFromProjectName: readonly string[];
  defaultRegion?: string;
  /**
   * How the cloud counts calls against its limit: per API (each path and method its own budget,
   * the published limit in `DOCUMENTED_RATE_LIMITS`), or one budget for the whole cloud API.
   */
  limitedPer: "api" | "cloud";
  endpoint(region: string): string;
  formats: InputFormats;
}

/**
 * RDS v3 instance ids: hex (the console's ids) or lower-case letters and digits (seed 004's example
 * `dsfae23fsfdsae3435in01`), then `in` and two digits (`in01` MySQL, `in03` PostgreSQL, `in04` SQL
 * Server). Only these characters: the id goes into the URL path and into progress lines.
 */
const INSTANCE_ID: IdentifierFormat = {
  pattern: /^[0-9a-z]{8,64}in[0-9]{2}$/,
  maxLength: 68,
  description:
    'an RDS v3 instance id: lower-case letters and digits ending in "in" and two digits, such as ' +
    '"ed7cc6166ec24360a5ed5c5c9c2ed726in01"',
};

/** A project (tenant) id: 32 lower-case hex characters (tencent-huawei.md §2.7). */
export const PROJECT_ID_FORMAT: IdentifierFormat = {
  pattern: /^[0-9a-f]{32}$/,
  maxLength: 32,
  description:
    'a project id: 32 lower-case hex characters such as "0483b6b16e954cb88930a360d2c4e663"',
};

/** The region becomes part of the API host name, so only lower-case words joined by hyphens. */
function regionFormat(example: string, sources: string): IdentifierFormat {
  return {
    pattern: /^[a-z]{2}(-[a-z0-9]+){1,3}$/,
    maxLength: 40,
    description: `a region id such as "${example}" (the region input, or ${sources})`,
  };
}

export const OPEN_TELEKOM_CLOUD: RdsV3Cloud = {
  name: "opentelekomcloud",
  family: "opentelekomcloud.rds",
  title: "Open Telekom Cloud",
  // The opentelekomcloud provider's keys (Pulumi registry API docs; cdktf docs list securityToken,
  // tenantId, tenantName) and its Terraform provider's variables. In Keystone v3 the tenant is the project.
  accessKey: ["opentelekomcloud:accessKey", "OS_ACCESS_KEY"],
  secretKey: ["opentelekomcloud:secretKey", "OS_SECRET_KEY"],
  securityToken: ["opentelekomcloud:securityToken", "OS_SECURITY_TOKEN"],
  region: ["opentelekomcloud:region", "OS_REGION_NAME"],
  projectId: ["opentelekomcloud:tenantId", "OS_PROJECT_ID", "OS_TENANT_ID"],
  // OTC project names are `<region>` or `<region>_<name>` (e.g. `eu-de_payments`).
  regionFromProjectName: ["opentelekomcloud:tenantName", "OS_TENANT_NAME", "OS_PROJECT_NAME"],
  defaultRegion: "eu-de",
  // OTC publishes no number (tencent-huawei.md §2): one configured budget for all its RDS calls,
  // the cautious reading, which 429s then lower (core/cloud/rate-limit.ts).
  limitedPer: "cloud",
  // eu-de and eu-nl follow the doc examples; the Swiss region's `sc` sub-domain is inferred from
  // `iam-pub.eu-ch2.sc.otc.t-systems.com` (tencent-huawei.md §2.7, unverified).
  endpoint: (region) =>
    region === "eu-ch2"
      ? "https://rds.eu-ch2.sc.otc.t-systems.com"
      : `https://rds.${region}.otc.t-systems.com`,
  formats: {
    instanceId: INSTANCE_ID,
    region: regionFormat("eu-de", "opentelekomcloud:region, OS_REGION_NAME, tenantName"),
  },
};

export const HUAWEI_CLOUD: RdsV3Cloud = {
  name: "huaweicloud",
  family: "huaweicloud.rds",
  title: "Huawei Cloud",
  // huaweicloud/pulumi-huaweicloud README uses snake_case; DESIGN's camelCase is read as well.
  accessKey: ["huaweicloud:access_key", "huaweicloud:accessKey", "HW_ACCESS_KEY"],
  secretKey: ["huaweicloud:secret_key", "huaweicloud:secretKey", "HW_SECRET_KEY"],
  securityToken: ["huaweicloud:security_token", "huaweicloud:securityToken", "HW_SECURITY_TOKEN"],
  region: ["huaweicloud:region", "HW_REGION_NAME"],
  // The official provider has only `project_name` (resolved through IAM, which we never call).
  projectId: ["HW_PROJECT_ID"],
  regionFromProjectName: [],
  // "Standard flow control: 60 calls per minute for a single user, 8,000 per minute for an API"
  // (support.huaweicloud.com api-rds rds_00_0002). The gateway counts per API: its user limit is
  // "the most times each user may call one API in the period" (APIG user_call_limits).
  limitedPer: "api",
  endpoint: (region) => `https://rds.${region}.myhuaweicloud.com`,
  formats: {
    instanceId: INSTANCE_ID,
    region: regionFormat("cn-north-4", "huaweicloud:region, HW_REGION_NAME"),
  },
};

/** The first source that has a non-empty value. */
export function setting(
  settings: ProviderSettings,
  sources: readonly string[],
): string | undefined {
  for (const name of sources) {
    const value = name.includes(":") ? settings.config(name) : settings.env[name];
    if (value !== undefined && value !== "") return value;
  }
  return undefined;
}

/** Region from settings; "" when none is set and the cloud has no default (check then fails). */
export function cloudRegion(cloud: RdsV3Cloud, settings: ProviderSettings): string {
  const fromName = setting(settings, cloud.regionFromProjectName)?.split("_")[0];
  return setting(settings, cloud.region) ?? fromName ?? cloud.defaultRegion ?? "";
}
