// Keeps TLS on one Alibaba Cloud Tair / ApsaraDB for Redis instance.
//
//   pulumi config set alicloud:region cn-hangzhou
//   pulumi config set alicloud:accessKey <id>
//   pulumi config set --secret alicloud:secretKey <secret>
//   pulumi config set instanceId r-xxxxxxxx
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import * as dbssl from "pulumi-dbssl";

const config = new pulumi.Config();

const tls = new dbssl.alicloud.redis.DbSslConfig("redis-ssl", {
  instanceId: config.require("instanceId"),
  sslEnabled: true,
  // Change this value (e.g. to the month) to update the certificate; it restarts the instance.
  rotateTrigger: config.get("rotateTrigger"),
  // onDelete: "retain" (the default): `pulumi destroy` leaves TLS as it is;
  // "disable" would turn it off (a restart).
});

export const instanceId = tls.instanceId;
export const engineVersion = tls.engineVersion;
export const sslEnabled = tls.sslEnabled;
export const certificateExpiresAt = tls.certificateExpiresAt;
export const caDownloadUrl = tls.caDownloadUrl;
