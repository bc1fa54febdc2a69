/**
 * pulumi-dbssl: Pulumi dynamic resources that keep SSL/TLS configured on managed databases.
 *
 *     import * as dbssl from "pulumi-dbssl";
 *     new dbssl.alicloud.rds.DbSslConfig("orders-db-ssl", { instanceId: "rm-..." });
 */
export * as alicloud from "./alicloud";
export {
  CloudApiError,
  CredentialsError,
  DbSslError,
  InstanceNotFoundError,
  SslChangeFailedError,
  WaitTimeoutError,
} from "./core/errors";
export { AlibabaApiError } from "./alicloud/errors";
