/**
 * Test support: the REAL `@alicloud/rds20140815` client pointed at an emulator (alibaba.md §4.4), and an
 * assertion on the error classes `@alicloud/openapi-core` raises.
 */
import assert from "node:assert/strict";
import Rds, * as $Rds from "@alicloud/rds20140815";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY, type Emulator } from "./index";

export { $Rds };

export interface ClientOptions {
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  readTimeout?: number;
}

export function rdsClient(emulator: Emulator, options: ClientOptions = {}): Rds {
  return new Rds(
    new $OpenApiUtil.Config({
      accessKeyId: options.accessKeyId ?? EMULATOR_ACCESS_KEY,
      accessKeySecret: options.accessKeySecret ?? EMULATOR_SECRET_KEY,
      securityToken: options.securityToken,
      regionId: "cn-hangzhou",
      endpoint: emulator.endpoint,
      protocol: "http",
      readTimeout: options.readTimeout,
    }),
  );
}

/** What the SDK's AlibabaCloudError subclasses carry (alibaba.md §4.5). */
export interface SdkError extends Error {
  code?: string;
  statusCode?: number;
  retryAfter?: number;
  requestId?: string;
  data?: Record<string, unknown>;
}

export async function rejectsWith(
  call: Promise<unknown>,
  errorClass: new (...args: never[]) => Error,
  code: string,
  statusCode: number,
): Promise<SdkError> {
  const error = await call.then(
    () => assert.fail(`expected ${code}, the call succeeded`),
    (e: unknown) => e as SdkError,
  );
  assert.ok(
    error instanceof errorClass,
    `expected ${errorClass.name}, got ${error.name}: ${error.message}`,
  );
  assert.equal(error.code, code);
  assert.equal(error.statusCode, statusCode);
  return error;
}

export const describeSsl = (rds: Rds, id: string) =>
  rds.describeDBInstanceSSL(new $Rds.DescribeDBInstanceSSLRequest({ DBInstanceId: id }));

export const describeAttribute = (rds: Rds, id: string) =>
  rds.describeDBInstanceAttribute(
    new $Rds.DescribeDBInstanceAttributeRequest({ DBInstanceId: id }),
  );

export const modifySsl = (
  rds: Rds,
  request: ConstructorParameters<typeof $Rds.ModifyDBInstanceSSLRequest>[0],
) => rds.modifyDBInstanceSSL(new $Rds.ModifyDBInstanceSSLRequest(request));

export const describeHistoryTasks = (
  rds: Rds,
  request: ConstructorParameters<typeof $Rds.DescribeHistoryTasksRequest>[0],
) => rds.describeHistoryTasks(new $Rds.DescribeHistoryTasksRequest(request));

export const describeTasks = (
  rds: Rds,
  request: ConstructorParameters<typeof $Rds.DescribeTasksRequest>[0],
) => rds.describeTasks(new $Rds.DescribeTasksRequest(request));

/** Shape-valid PEM blocks (the emulator checks shape, like a light server-side parse). */
export const FAKE_CERT =
  "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUfake0123456789=\n-----END CERTIFICATE-----";
export const FAKE_KEY =
  "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49fakeKey+/=\n-----END PRIVATE KEY-----";
export const FAKE_CRL = "-----BEGIN X509 CRL-----\nMIIBfakeCrl0123456789==\n-----END X509 CRL-----";
