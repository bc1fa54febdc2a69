// Keeps SSL on one Huawei Cloud RDS for MySQL instance.
//
//   pulumi config set huaweicloud:region cn-north-4
//   pulumi config set huaweicloud:access_key <AK>
//   pulumi config set --secret huaweicloud:secret_key <SK>
//   pulumi config set projectId <project id of the region>
//   pulumi config set instanceId <...in01>
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import * as dbssl from "pulumi-dbssl";

const config = new pulumi.Config();

const ssl = new dbssl.huaweicloud.rds.DbSslConfig("rds-ssl", {
  instanceId: config.require("instanceId"),
  // The official huaweicloud provider has only a project name; the API needs the id.
  projectId: config.require("projectId"),
  sslEnabled: true,
  // onDelete: "retain" (the default): `pulumi destroy` leaves SSL as it is;
  // "disable" would turn it off (a restart).
});

export const instanceId = ssl.instanceId;
export const engine = ssl.engine;
export const sslEnabled = ssl.sslEnabled;
export const instanceStatus = ssl.instanceStatus;
export const lastJobId = ssl.lastTaskId;
