// The alicloud-rds example's resource declared with the `import` resource option, as a user who
// wants to adopt an existing database might first try (run in the alicloud-rds project).
import * as pulumi from "@pulumi/pulumi";
import * as dbssl from "pulumi-dbssl";

const config = new pulumi.Config();
const instanceId = config.require("instanceId");

const ssl = new dbssl.alicloud.rds.DbSslConfig(
  "rds-ssl",
  { instanceId, sslEnabled: true },
  { import: instanceId },
);

export const sslEnabled = ssl.sslEnabled;
