/**
 * `opentelekomcloud.rds.DbSslConfig`: SSL on an Open Telekom Cloud RDS for MySQL instance (RDS v3
 * "Configuring SSL"). There is no certificate renewal call, so `rotateTrigger` and
 * `renewBeforeDays` are not offered. PostgreSQL keeps SSL on at all times: declare it with
 * `onDelete: "retain"`.
 */
import * as pulumi from "@pulumi/pulumi";
import { FamilyDbSslConfig } from "../core/resource-args";
import { RDSV3_RESOURCE_SPEC } from "../rdsv3/resource-args";
import type { DbSslConfigArgs } from "./args";
import shim = require("../shims/opentelekomcloud-rds");

export type { DbSslConfigArgs };

/**
 * SSL on a Open Telekom Cloud RDS for MySQL instance (RDS v3 `PUT /v3/{project_id}/instances/{id}/ssl`).
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
    super({ shim, module: "opentelekomcloud.rds", spec: RDSV3_RESOURCE_SPEC }, name, args, opts);
  }
}
