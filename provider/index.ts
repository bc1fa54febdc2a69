/**
 * pulumi-dbssl: Pulumi dynamic resources that keep SSL/TLS configured on managed databases.
 *
 *     import * as dbssl from "pulumi-dbssl";
 *     new dbssl.alicloud.rds.DbSslConfig("orders-db-ssl", { instanceId: "rm-..." });
 */
export * as alicloud from "./alicloud";
export * as tencentcloud from "./tencentcloud";
export * as opentelekomcloud from "./opentelekomcloud";
export * as huaweicloud from "./huaweicloud";
export {
  CloudApiError,
  CredentialsError,
  DbSslError,
  InstanceNotFoundError,
  SslChangeFailedError,
  WaitTimeoutError,
} from "./core/cloud/errors";
export { AlibabaApiError } from "./alicloud/errors";
export { TencentApiError } from "./tencentcloud/errors";
export { RdsV3ApiError } from "./rdsv3/errors";
