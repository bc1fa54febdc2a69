// Keeps SSL on one Alibaba Cloud ApsaraDB RDS instance.
//
//   pulumi config set alicloud:region cn-hangzhou
//   pulumi config set alicloud:accessKey <id>
//   pulumi config set --secret alicloud:secretKey <secret>
//   pulumi config set instanceId rm-xxxxxxxx
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import * as dbssl from "pulumi-dbssl";

const config = new pulumi.Config();

const ssl = new dbssl.alicloud.rds.DbSslConfig("rds-ssl", {
  instanceId: config.require("instanceId"),
  sslEnabled: true,
  tlsVersion: config.get("tlsVersion") as "1.2" | undefined,
  // onDelete: "retain" (the default): `pulumi destroy` leaves SSL as it is;
  // "disable" would turn it off (a restart).
});

export const instanceId = ssl.instanceId;
export const engine = ssl.engine;
export const sslEnabled = ssl.sslEnabled;
export const connectionString = ssl.connectionString;
export const certificateExpiresAt = ssl.certificateExpiresAt;
