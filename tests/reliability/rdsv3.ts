/**
 * The `opentelekomcloud.rds` and `huaweicloud.rds` entries of the reliability registry
 * (./families.ts): the RDS v3 store of the emulator (tests/emulator/rdsv3/store.ts) behind the
 * generic suites. Write call: `PUT /v3/{project_id}/instances/{instance_id}/ssl` (logged as
 * `SwitchSsl`), followed through its job (rds_13_0003); statuses and messages:
 * provider/rdsv3/consts.ts (`ACTIVE` steady; SHUTDOWN, FROZEN, FAILED terminal). Both clouds
 * share one client (provider/rdsv3/http.ts), so only OTC runs the signature suite.
 */
import * as fc from "fast-check";
import { EMULATOR_SECRET_KEY, type RdsV3CloudName } from "../emulator";
import { cloudConfig, FAMILY, PROJECT } from "../rdsv3/fixtures";
import type { ReliabilityFamily } from "./families";
import { checkInputsOf, hex32, NEW_FAMILY_BUDGET, writeCounters } from "./family-kit";
import { identifierValue } from "./fuzz-values";

const WRITE = "SwitchSsl";

const CLOUD_HOSTS: Record<RdsV3CloudName, RegExp> = {
  // provider/rdsv3/clouds.ts: rds.<region>.otc.t-systems.com (eu-ch2: rds.eu-ch2.sc.otc...).
  opentelekomcloud: /^rds\.[a-z0-9-]+(\.sc)?\.otc\.t-systems\.com$/,
  huaweicloud: /^rds\.[a-z0-9-]+\.myhuaweicloud\.com$/,
};

const REGIONS: Record<RdsV3CloudName, readonly string[]> = {
  opentelekomcloud: ["eu-de", "eu-nl", "eu-ch2"],
  huaweicloud: ["cn-north-4", "ap-southeast-1", "eu-west-101"],
};

function rdsV3Family(cloud: RdsV3CloudName): ReliabilityFamily {
  // Huawei has no project key in its provider config: the project is an input there.
  const project = cloud === "huaweicloud" ? { projectId: PROJECT } : {};
  return {
    family: FAMILY[cloud],
    service: "rdsv3",
    writeAction: WRITE,
    readActions: ["ListInstances", "ListJobInfo"],
    instanceId: (tag) => `${hex32(`${cloud}/${tag}`)}in01`,
    config: () => cloudConfig(cloud),
    seed(emu, id, opts = {}) {
      const timing = {
        ...(opts.lagMs !== undefined ? { lagMs: opts.lagMs } : {}),
        ...(opts.durationMs !== undefined ? { rebootMs: opts.durationMs } : {}),
        ...(opts.flipEarly !== undefined ? { flipEarly: opts.flipEarly } : {}),
      };
      emu.admin.rdsv3.seed({
        id,
        projectId: PROJECT,
        cloud,
        engine: "MySQL",
        enableSsl: opts.sslEnabled ?? false,
        timing,
      });
    },
    inputs: (id, overrides = {}) => ({ instanceId: id, ...project, ...overrides }),
    emulated(emu, id) {
      const view = emu.admin.rdsv3.get(id);
      if (!view) return { changing: false };
      return {
        sslEnabled: view.enableSsl,
        changing: view.pending !== undefined,
        status: view.status,
      };
    },
    ...writeCounters(WRITE, "instance_id"),
    setCondition(emu, id, condition) {
      if (condition === "busy") emu.admin.rdsv3.setStatus(id, "BACKING UP");
      if (condition === "stopped") emu.admin.rdsv3.setStatus(id, "SHUTDOWN");
      if (condition === "locked") emu.admin.rdsv3.setStatus(id, "FROZEN");
    },
    makeSteady: (emu, id) => void emu.admin.rdsv3.setStatus(id, "ACTIVE"),
    deleteInstance: (emu, id) => void emu.admin.rdsv3.delete(id),
    changeOutOfBand: (emu, id, sslEnabled) => void emu.admin.rdsv3.setSsl(id, sslEnabled),
    failNextChange: (emu, id) => emu.admin.rdsv3.failNextChange(id, "reboot failed"),
    // OTC's documented PUT answer is an empty 200 (no job id, tencent-huawei.md §2.1): the failed
    // job cannot be found, so the failure shows as a change that never lands, at the deadline,
    // naming the state last seen (SSL unchanged): an honest timeout, never a success, nothing resent.
    failedChangeMessage:
      cloud === "opentelekomcloud"
        ? (op) =>
            new RegExp(
              `timed out after 30m00s waiting for SSL ${op === "create" ? "enabled" : "disabled"} ` +
                `and the instance ready; last state: ACTIVE, SSL ${op === "create" ? "off" : "on"}\\b`,
            )
        : /the cloud reports job [0-9a-f-]+ Failed: reboot failed/,
    failedChangeNote:
      cloud === "opentelekomcloud"
        ? "OTC answers the write with an empty 200, no job id, so the failed job cannot be read: " +
          "the provider waits to its 30-minute deadline and fails naming the unchanged state it " +
          "last saw; never a success, nothing sent again"
        : undefined,
    steadyStatus: "ACTIVE",
    wrongSecretConfig: () => cloudConfig(cloud, "not-the-secret-0123456789"),
    signatureCode: /APIGW\.0301/,
    cloudHosts: CLOUD_HOSTS[cloud],
    // SHUTDOWN and FROZEN have nothing to protect: a delete there succeeds with no write (17.10).
    endingConditions: ["stopped", "locked"],
    messages: {
      stopped: /the instance is SHUTDOWN/,
      locked: /the instance is FROZEN/,
      // Either the instance read or the job (which the emulator fails when the instance goes).
      deleted: /the instance was deleted|job [0-9a-f-]+ Failed: The DB instance was deleted/,
    },
    hugeInputs: (_id, value) => ({ instanceId: value, region: value, ...project }),
    checkInputs: () =>
      checkInputsOf(
        fc.stringMatching(/^[0-9a-f]{32}in0[1-4]$/),
        fc.constantFrom(...REGIONS[cloud]),
        { projectId: identifierValue(fc.constant(PROJECT)) },
      ),
    secretValues: () => [EMULATOR_SECRET_KEY],
    apiRegion: REGIONS[cloud][0],
    transportNote:
      "node:https in provider/rdsv3/http.ts, the one client of opentelekomcloud.rds and huaweicloud.rds",
    // One client for both clouds: TLS and plain http once (OTC); the request host per cloud, as
    // each builds its own API host from the region (provider/rdsv3/clouds.ts).
    budget: {
      ...NEW_FAMILY_BUDGET,
      // One driver (provider/rdsv3/driver.ts) for both clouds: the crash extras run on Huawei,
      // whose answer has a job id (OTC's has none), the longer path; both run every crash point.
      ...(cloud === "opentelekomcloud"
        ? { crashExtras: false, crashExtrasCoveredBy: "huaweicloud.rds (provider/rdsv3/driver.ts)" }
        : {}),
      signatures: cloud === "opentelekomcloud",
      transport: cloud === "opentelekomcloud" ? "all" : "request-host",
    },
  };
}

export const OPENTELEKOMCLOUD_RDS = rdsV3Family("opentelekomcloud");
export const HUAWEICLOUD_RDS = rdsV3Family("huaweicloud");
