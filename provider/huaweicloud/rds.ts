/**
 * `huaweicloud.rds.DbSslConfig`: SSL on a Huawei Cloud RDS for MySQL instance (RDS v3
 * "Configuring SSL"). There is no certificate renewal call, so `rotateTrigger` and
 * `renewBeforeDays` are not offered. Other engines cannot be switched: declare their live state with
 * `onDelete: "retain"`. The SSL switch answers with a job, which `up` follows.
 */
import * as pulumi from "@pulumi/pulumi";
import { FamilyDbSslConfig } from "../core/resource-args";
import { RDSV3_RESOURCE_SPEC } from "../rdsv3/resource-args";
import type { DbSslConfigArgs } from "./args";
import shim = require("../shims/huaweicloud-rds");

export type { DbSslConfigArgs };

/**
 * SSL on a Huawei Cloud RDS for MySQL instance (RDS v3 `PUT /v3/{project_id}/instances/{id}/ssl`).
 * Each switch reboots the instance; there is no certificate renewal call.
 */
export class DbSslConfig extends FamilyDbSslConfig {
  /** The project (tenant) id the instance was read in: the declared one, else from settings. */
  declare readonly projectId: pulumi.Output<string>;
  /** The engine (`datastore.type`): `MySQL`, `PostgreSQL` or `SQLServer`. Only MySQL can switch SSL. */
  declare readonly engine: pulumi.Output<string>;
  /** The engine version (`datastore.version`), e.g. `8.0`. */
  declare readonly engineVersion: pulumi.Output<string | undefined>;
  /** The instance status as the API spells it, e.g. `ACTIVE` or `REBOOTING`. */
  declare readonly instanceStatus: pulumi.Output<string>;

  constructor(name: string, args: DbSslConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super({ shim, module: "huaweicloud.rds", spec: RDSV3_RESOURCE_SPEC }, name, args, opts);
  }
}
