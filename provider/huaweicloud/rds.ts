/**
 * `huaweicloud.rds.DbSslConfig`: SSL on a Huawei Cloud RDS for MySQL instance (RDS v3
 * "Configuring SSL"). There is no certificate renewal call, so `rotateTrigger` and
 * `renewBeforeDays` are not offered. Other engines cannot be switched: declare their live state with
 * `onDelete: "retain"`. The SSL switch answers with a job, which `up` follows.
 */
import * as pulumi from "@pulumi/pulumi";
import { FamilyDbSslConfig } from "../core/resource-args";
import { RDSV3_RESOURCE_SPEC, type RdsV3DbSslConfigArgs } from "../rdsv3/resource-args";
import shim = require("../shims/huaweicloud-rds");

export type DbSslConfigArgs = RdsV3DbSslConfigArgs;

export class DbSslConfig extends FamilyDbSslConfig {
  declare readonly projectId: pulumi.Output<string>;
  declare readonly engine: pulumi.Output<string>;
  declare readonly engineVersion: pulumi.Output<string | undefined>;
  declare readonly instanceStatus: pulumi.Output<string>;

  constructor(name: string, args: DbSslConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super({ shim, module: "huaweicloud.rds", spec: RDSV3_RESOURCE_SPEC }, name, args, opts);
  }
}
