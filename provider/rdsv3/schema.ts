/**
 * The inputs of `opentelekomcloud.rds` and `huaweicloud.rds` `DbSslConfig`, described once per
 * cloud (core/validation/input-schema.ts): the clouds differ only in where defaults come from and in the
 * region example. Seed 004 ("Configuring SSL") switches SSL on RDS for MySQL only and has no
 * certificate renewal, so `rotateTrigger` and `renewBeforeDays` are not offered (F7).
 */
import { familyInputSchema } from "../core/validation/inputs";
import type { InputSchema } from "../core/validation/input-schema";
import { PROJECT_ID_FORMAT, type RdsV3Cloud } from "./clouds";
import { RDSV3_DEFAULT_TIMEOUT_MINUTES, TOGGLE_ENGINE } from "./consts";

const sources = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(", ");

export function rdsV3InputSchema(cloud: RdsV3Cloud): InputSchema {
  const fromName = cloud.regionFromProjectName;
  const regionDefault =
    `the first set of ${sources(cloud.region)}` +
    (fromName.length === 0 ? "" : `, else the region prefix of ${sources(fromName)}`) +
    (cloud.defaultRegion === undefined ? "" : `, else \`${cloud.defaultRegion}\``);
  return familyInputSchema(
    cloud.formats,
    {
      instanceId: "The RDS instance id (`…in01`).",
      region: `Region of the instance; defaults to ${regionDefault}.`,
      sslEnabled: {
        doc:
          "SSL on or off. Only RDS for MySQL can switch it, and each switch reboots the instance; " +
          "for another engine declare the state it has (Open Telekom Cloud PostgreSQL: `true`).",
        engines: [TOGGLE_ENGINE],
      },
      onDelete:
        "On delete: `retain` leaves SSL as it is; `disable` turns it off (MySQL only: a reboot).",
      timeoutMinutes: {
        doc: "How long `up` waits for the cloud, in minutes. Pulumi's customTimeouts do not reach dynamic providers.",
        default: RDSV3_DEFAULT_TIMEOUT_MINUTES,
      },
    },
    {
      projectId: {
        type: { kind: "format", format: PROJECT_ID_FORMAT },
        doc: `The project (tenant) the instance belongs to; defaults to the first set of ${sources(cloud.projectId)}.`,
        replaces: true,
      },
    },
  );
}
