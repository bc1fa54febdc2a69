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
  // PostgreSQL keeps SSL on at all times: declare such an instance with onDelete: "retain".
  onDelete: config.get("onDelete") === "retain" ? "retain" : "disable",
});

export const instanceId = ssl.instanceId;
export const projectId = ssl.projectId;
export const engine = ssl.engine;
export const sslEnabled = ssl.sslEnabled;
export const instanceStatus = ssl.instanceStatus;
