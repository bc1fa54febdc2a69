/**
 * Which engines the SSL switch serves. Huawei's page says "This API is supported only for RDS for
 * MySQL instances", and both Terraform providers refuse other engines ("only MySQL database support
 * SSL enable and disable", tencent-huawei.md §2.8, §2.9). On Open Telekom Cloud, RDS for PostgreSQL
 * has SSL on by default and it "cannot be disabled after the instance is created" (OTC user guide,
 * configuring_ssl_encryption.rst; tencent-huawei.md §2.1). The API's error for another engine is
 * not documented, so these rules are checked before any write instead.
 */
import type { CheckFailure } from "../core/validation/check-failure";
import type { RdsV3Cloud } from "./clouds";
import { TOGGLE_ENGINE } from "./consts";
import type { RdsV3Inputs } from "./types";

export function canToggle(engine: string | undefined): boolean {
  return engine !== undefined && engine.toLowerCase() === TOGGLE_ENGINE.toLowerCase();
}

const RETAIN_ADVICE = 'declare sslEnabled: true and onDelete: "retain"';

/** Why SSL on this engine cannot be switched, in words, with what to declare instead. */
export function whyNoSwitch(cloud: RdsV3Cloud, engine: string): string {
  if (cloud.name === "opentelekomcloud" && engine.toLowerCase() === "postgresql") {
    return (
      `${cloud.title} RDS for PostgreSQL keeps SSL on at all times: it cannot be disabled ` +
      `(OTC user guide, "Configuring SSL Encryption"); ${RETAIN_ADVICE}`
    );
  }
  return (
    `the ${cloud.title} SSL switch (PUT /v3/{project_id}/instances/{id}/ssl) serves only RDS for ` +
    `MySQL and this instance runs ${engine}, whose SSL setting the API cannot change`
  );
}

/**
 * Rules that need the live engine (F5), also checked by delete: a destroy that cannot close SSL
 * fails with this message, and create/update refuse `onDelete: "disable"` up front so that it never
 * comes to that.
 */
export function engineFailures(
  cloud: RdsV3Cloud,
  inputs: RdsV3Inputs,
  live: { engine: string; sslEnabled: boolean },
): CheckFailure[] {
  if (canToggle(live.engine)) return [];
  if (inputs.sslEnabled !== live.sslEnabled) {
    return [
      {
        property: "sslEnabled",
        reason: `sslEnabled: ${inputs.sslEnabled} is not possible: ${whyNoSwitch(cloud, live.engine)}`,
      },
    ];
  }
  if (inputs.onDelete === "disable" && live.sslEnabled) {
    return [{ property: "onDelete", reason: onDeleteReason(cloud, live.engine) }];
  }
  return [];
}

export function onDeleteReason(cloud: RdsV3Cloud, engine: string): string {
  return (
    `onDelete: "disable" would turn SSL off when this resource is deleted, which cannot be done ` +
    `here: ${whyNoSwitch(cloud, engine)}`
  );
}
