// Keeps SSL on one Open Telekom Cloud RDS for MySQL instance.
//
//   pulumi config set opentelekomcloud:region eu-de
//   pulumi config set opentelekomcloud:tenantId <project id>
//   pulumi config set opentelekomcloud:accessKey <AK>
//   pulumi config set --secret opentelekomcloud:secretKey <SK>
//   pulumi config set instanceId <...in01>
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import * as dbssl from "pulumi-dbssl";

const config = new pulumi.Config();

const ssl = new dbssl.opentelekomcloud.rds.DbSslConfig("rds-ssl", {
  instanceId: config.require("instanceId"),
  sslEnabled: true,
  // onDelete "retain" (the default): destroy leaves SSL on. `pulumi config set onDelete disable`
  // makes destroy turn it off (MySQL only: PostgreSQL keeps SSL on at all times).
  onDelete: config.get("onDelete") === "disable" ? "disable" : "retain",
});

export const instanceId = ssl.instanceId;
export const projectId = ssl.projectId;
export const engine = ssl.engine;
export const sslEnabled = ssl.sslEnabled;
export const instanceStatus = ssl.instanceStatus;
