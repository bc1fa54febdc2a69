/**
 * `opentelekomcloud.rds.DbSslConfig`: SSL on an Open Telekom Cloud RDS for MySQL instance (RDS v3
 * "Configuring SSL"). There is no certificate renewal call, so `rotateTrigger` and
 * `renewBeforeDays` are not offered. PostgreSQL keeps SSL on at all times: declare it with
 * `onDelete: "retain"`.
 */
import * as pulumi from "@pulumi/pulumi";
import { FamilyDbSslConfig } from "../core/resource-args";
import { RDSV3_RESOURCE_SPEC, type RdsV3DbSslConfigArgs } from "../rdsv3/resource-args";
import shim = require("../shims/opentelekomcloud-rds");

export type DbSslConfigArgs = RdsV3DbSslConfigArgs;

export class DbSslConfig extends FamilyDbSslConfig {
  declare readonly projectId: pulumi.Output<string>;
  declare readonly engine: pulumi.Output<string>;
  declare readonly engineVersion: pulumi.Output<string | undefined>;
  declare readonly instanceStatus: pulumi.Output<string>;

  constructor(name: string, args: DbSslConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super({ shim, module: "opentelekomcloud.rds", spec: RDSV3_RESOURCE_SPEC }, name, args, opts);
  }
}
