/**
 * The ApsaraDB RDS family driver: read = DescribeDBInstanceAttribute + DescribeDBInstanceSSL,
 * write = ModifyDBInstanceSSL, finished = status back to Running and the SSL read shows the
 * target (PostgreSQL: LastModifyStatus=success). Everything else is provider/core.
 */
import type {
  DriverContext,
  SentAction,
  SettleObservation,
  SslAction,
  SslDriver,
} from "../../core/driver";
import { DbSslError } from "../../core/errors";
import { processClock } from "../../core/clock";
import { alibabaRegion, alibabaSdkConfig, callAlibaba } from "../client";
import { isGone } from "../../core/errors";
import {
  FAMILY,
  RDS_DEFAULT_TIMEOUT_MINUTES,
  RDS_SECRET_NAMES,
  RDS_SETTING_NAMES,
  RDS_STATUS,
} from "./consts";
import { rdsDefaults, validateRdsInputs } from "./inputs";
import type { RdsLiveSsl, RdsSslInputs } from "./types";
import {
  differingSettings,
  expandModifyRequest,
  flattenLive,
  unsupportedSettings,
  type DescribeAnswers,
} from "./wire";

type RdsSdk = typeof import("@alicloud/rds20140815");

/** One SDK client per settings and region: building one loads credentials and endpoint rules. */
const clients = new WeakMap<object, Map<string, InstanceType<RdsSdk["default"]>>>();

function rdsClient(ctx: DriverContext, inputs: RdsSslInputs) {
  const sdk: RdsSdk = require("@alicloud/rds20140815");
  const region = alibabaRegion(ctx, inputs.region);
  let byRegion = clients.get(ctx.settings);
  if (!byRegion) clients.set(ctx.settings, (byRegion = new Map()));
  let client = byRegion.get(region);
  if (!client) {
    client = new sdk.default(alibabaSdkConfig(ctx, region) as never);
    byRegion.set(region, client);
  }
  return { sdk, client };
}

function call<T>(ctx: DriverContext, inputs: RdsSslInputs, action: string, send: () => Promise<T>) {
  const subject = { family: FAMILY, instanceId: inputs.instanceId };
  return callAlibaba({
    ctx,
    subject,
    api: FAMILY,
    action,
    readOnly: action !== "ModifyDBInstanceSSL",
    send,
  });
}

type Attribute = DescribeAnswers["attribute"];

/** DescribeDBInstanceAttribute: status, engine, default endpoint; undefined when gone. */
async function describeAttribute(
  ctx: DriverContext,
  inputs: RdsSslInputs,
): Promise<Attribute | undefined> {
  const { sdk, client } = rdsClient(ctx, inputs);
  const request = new sdk.DescribeDBInstanceAttributeRequest({ DBInstanceId: inputs.instanceId });
  try {
    const attr = await call(ctx, inputs, "DescribeDBInstanceAttribute", () =>
      client.describeDBInstanceAttribute(request),
    );
    return attr.body?.items?.DBInstanceAttribute?.[0]; // an empty answer: the instance is gone
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

async function describe(ctx: DriverContext, inputs: RdsSslInputs): Promise<RdsLiveSsl | undefined> {
  const attribute = await describeAttribute(ctx, inputs);
  return attribute && describeWithAttribute(ctx, inputs, attribute);
}

async function describeWithAttribute(
  ctx: DriverContext,
  inputs: RdsSslInputs,
  attribute: Attribute,
): Promise<RdsLiveSsl | undefined> {
  const { sdk, client } = rdsClient(ctx, inputs);
  const request = new sdk.DescribeDBInstanceSSLRequest({ DBInstanceId: inputs.instanceId });
  try {
    const ssl = await call(ctx, inputs, "DescribeDBInstanceSSL", () =>
      client.describeDBInstanceSSL(request),
    );
    return flattenLive({ attribute, ssl: (ssl.body ?? {}) as Record<string, string | undefined> });
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

function plan(inputs: RdsSslInputs, live: RdsLiveSsl, rotate: boolean): SslAction | undefined {
  if (!inputs.sslEnabled) return live.sslEnabled ? "close" : undefined;
  if (!live.sslEnabled) return "open";
  if (rotate || differingSettings(inputs, live as unknown as Record<string, unknown>).length > 0) {
    return "update";
  }
  return undefined;
}

async function send(
  ctx: DriverContext,
  inputs: RdsSslInputs,
  action: SslAction,
  live: RdsLiveSsl,
): Promise<SentAction> {
  const unsupported = action === "close" ? [] : unsupportedSettings(inputs, live.engine);
  if (unsupported.length > 0) {
    throw new DbSslError(
      { family: FAMILY, instanceId: inputs.instanceId },
      `${unsupported.join(", ")} cannot be set on a ${live.engine} instance (ModifyDBInstanceSSL ` +
        `accepts them only for PostgreSQL, or SQL Server for tlsVersion); nothing was changed`,
    );
  }
  const { sdk, client } = rdsClient(ctx, inputs);
  const request = new sdk.ModifyDBInstanceSSLRequest(expandModifyRequest(inputs, action, live));
  const res = await call(ctx, inputs, "ModifyDBInstanceSSL", () =>
    client.modifyDBInstanceSSL(request),
  );
  return { action, requestId: res.body?.requestId };
}

async function observe(
  ctx: DriverContext,
  inputs: RdsSslInputs,
  sent: SentAction,
  before: RdsLiveSsl,
): Promise<SettleObservation> {
  const gone = { state: "instance not found", done: false, failure: "the instance was deleted" };
  const attribute = await describeAttribute(ctx, inputs);
  if (!attribute) return gone;
  // While the instance is still changing, its SSL read cannot say "finished": skip that call.
  const status = attribute.DBInstanceStatus ?? "unknown";
  if (status !== RDS_STATUS.running) return { state: status, done: false };
  const live = await describeWithAttribute(ctx, inputs, attribute);
  if (!live) return gone;
  if (live.lastModifyStatus === "failed") {
    return {
      state: live.status,
      done: false,
      failure: `the cloud reports the SSL change failed: ${live.modifyStatusReason ?? "no reason given"}`,
    };
  }
  const settled = live.status === RDS_STATUS.running && live.lastModifyStatus !== "setting";
  const reached = plan(inputs, live, false) === undefined;
  // A pure renewal changes nothing else we can read: wait for a new expiry time. Until then the
  // instance may still read Running with the old state (the lag before the change starts).
  const renewalOnly = sent.action === "update" && plan(inputs, before, false) === undefined;
  const renewed = !renewalOnly || live.certificateExpiresAt !== before.certificateExpiresAt;
  return {
    state: `${live.status}${live.sslEnabled ? ", SSL on" : ", SSL off"}`,
    done: settled && reached && renewed,
  };
}

function outputs(inputs: RdsSslInputs, live: RdsLiveSsl): Record<string, unknown> {
  return {
    instanceId: inputs.instanceId,
    region: inputs.region,
    engine: live.engine,
    sslEnabled: live.sslEnabled,
    certificateExpiresAt: live.certificateExpiresAt,
    certificateCommonName: live.sslEnabled ? live.connectionString : undefined,
    requireUpdate: live.requireUpdate,
    connectionString: live.connectionString,
    caType: live.caType ?? inputs.caType,
    serverCaUrl: live.serverCaUrl,
    serverCert: live.serverCert ?? inputs.serverCert,
    // Never kept in state: the key must match serverCert, so a new key comes with a new cert.
    serverKey: undefined,
    clientCaEnabled: live.clientCaEnabled ?? inputs.clientCaEnabled,
    clientCaCert: live.clientCaCert ?? inputs.clientCaCert,
    clientCrlEnabled: live.clientCrlEnabled ?? inputs.clientCrlEnabled,
    clientCertRevocationList: live.clientCertRevocationList ?? inputs.clientCertRevocationList,
    acl: live.acl ?? inputs.acl,
    replicationAcl: live.replicationAcl ?? inputs.replicationAcl,
    forceEncryption: live.forceEncryption ?? inputs.forceEncryption,
    tlsVersion: live.tlsVersion ?? inputs.tlsVersion,
  };
}

/**
 * Enabling or disabling SSL, and changing a custom certificate, restart an RDS instance (MySQL about
 * 3 minutes: docs 96120 and "configure a custom certificate"; SQL Server: doc 95715).
 */
function restartWarning(
  inputs: RdsSslInputs,
  outputs: Record<string, unknown>,
): string | undefined {
  const toggled = inputs.sslEnabled !== outputs.sslEnabled;
  const certChanged = differingSettings(inputs, outputs).some(
    (k) => k === "serverCert" || k === "caType",
  );
  if (!toggled && !certChanged && inputs.rotateTrigger === outputs.rotateTrigger) return undefined;
  return "applying this change restarts the instance (a few minutes without connections)";
}

export const rdsDriver: SslDriver<RdsSslInputs, RdsLiveSsl> = {
  family: FAMILY,
  defaultTimeoutMinutes: RDS_DEFAULT_TIMEOUT_MINUTES,
  secretOutputs: RDS_SECRET_NAMES,
  inputNames: RDS_SETTING_NAMES,
  sdkPackages: ["@alicloud/rds20140815", "@alicloud/openapi-core", "@alicloud/credentials"],
  withDefaults: rdsDefaults,
  validate: (inputs) => validateRdsInputs(inputs, new Date(processClock().now())),
  drifted: (inputs, outputs) => differingSettings(inputs, outputs),
  restartWarning,
  read: describe,
  plan,
  send,
  observe,
  outputs,
};
