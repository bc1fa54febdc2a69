/**
 * `huaweicloud.rds.DbSslConfig`: SSL on a Huawei Cloud RDS for MySQL instance (RDS v3
 * "Configuring SSL"). There is no certificate renewal call, so `rotateTrigger` and
 * `renewBeforeDays` are not offered. Other engines cannot be switched: declare their live state with
 * `onDelete: "retain"`. The SSL switch answers with a job, which `up` follows.
 */
import * as pulumi from "@pulumi/pulumi";
import { resourceOptions, resourceProps } from "../core/resource-args";
import { RDSV3_RESOURCE_SPEC, type RdsV3DbSslConfigArgs } from "../rdsv3/resource-args";
import shim = require("../shims/huaweicloud-rds");

export type DbSslConfigArgs = RdsV3DbSslConfigArgs;

export class DbSslConfig extends pulumi.dynamic.Resource {
  declare readonly instanceId: pulumi.Output<string>;
  declare readonly region: pulumi.Output<string>;
  declare readonly projectId: pulumi.Output<string>;
  declare readonly engine: pulumi.Output<string>;
  declare readonly engineVersion: pulumi.Output<string | undefined>;
  declare readonly instanceStatus: pulumi.Output<string>;
  declare readonly sslEnabled: pulumi.Output<boolean>;
  declare readonly lastAction: pulumi.Output<string | undefined>;
  declare readonly lastTaskId: pulumi.Output<string | undefined>;
  declare readonly lastRequestId: pulumi.Output<string | undefined>;

  constructor(name: string, args: DbSslConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      shim,
      name,
      resourceProps(RDSV3_RESOURCE_SPEC, args),
      resourceOptions(RDSV3_RESOURCE_SPEC, opts),
      "huaweicloud.rds",
      "DbSslConfig",
    );
  }
}
