// Keeps SSL on one TencentDB for PostgreSQL instance.
//
//   pulumi config set tencentcloud:region ap-guangzhou
//   pulumi config set tencentcloud:secretId <SecretId>
//   pulumi config set --secret tencentcloud:secretKey <SecretKey>
//   pulumi config set instanceId postgres-xxxxxxxx
//   pulumi config set connectAddress 10.0.0.4
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import * as dbssl from "pulumi-dbssl";

const config = new pulumi.Config();

const ssl = new dbssl.tencentcloud.postgres.DbSslConfig("postgres-ssl", {
  instanceId: config.require("instanceId"),
  // The instance IP the certificate protects (private or public; read-only: its own or its group's).
  connectAddress: config.require("connectAddress"),
  sslEnabled: config.getBoolean("sslEnabled") ?? true,
  // onDelete: "retain" (the default): `pulumi destroy` leaves SSL as it is;
  // "disable" would turn it off (a restart).
});

export const instanceId = ssl.instanceId;
export const sslEnabled = ssl.sslEnabled;
export const connectAddress = ssl.connectAddress;
export const caUrl = ssl.caUrl;
export const pendingChange = ssl.pendingChange;
export const lastTaskId = ssl.lastTaskId;
