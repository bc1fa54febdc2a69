// Keeps SSL on one Alibaba Cloud ApsaraDB for MongoDB instance (replica set 3.4+ or sharded
// cluster on ESSDs).
//
//   pulumi config set alicloud:region cn-hangzhou
//   pulumi config set alicloud:accessKey <id>
//   pulumi config set --secret alicloud:secretKey <secret>
//   pulumi config set instanceId dds-xxxxxxxx
//   pulumi config set switchMode maintenanceWindow     # optional: restart in the O&M window
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import * as dbssl from "pulumi-dbssl";

const config = new pulumi.Config();

const ssl = new dbssl.alicloud.mongodb.DbSslConfig("mongodb-ssl", {
  instanceId: config.require("instanceId"),
  sslEnabled: true,
  switchMode: (config.get("switchMode") ?? "immediately") as "immediately" | "maintenanceWindow",
  forceEncryption: config.getBoolean("forceEncryption"),
  renewBeforeDays: 30,
  // onDelete: "retain" (the default): `pulumi destroy` leaves SSL as it is;
  // "disable" would turn it off (a restart).
});

export const instanceId = ssl.instanceId;
export const sslEnabled = ssl.sslEnabled;
export const certificateExpiresAt = ssl.certificateExpiresAt;
export const certificateCommonName = ssl.certificateCommonName;
export const pendingChange = ssl.pendingChange;
