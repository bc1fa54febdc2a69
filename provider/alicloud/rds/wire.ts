/**
 * RDS wire mapping: declared inputs -> ModifyDBInstanceSSL parameters (expand), and
 * DescribeDBInstanceAttribute + DescribeDBInstanceSSL answers -> normalised live state (flatten).
 * Parameter names are the SDK model's (`ModifyDbinstanceSslrequest.js` names()).
 */
import type { SslAction } from "../../core/driver";
import { sameText } from "../../core/inputs";
import { ENGINE_SETTINGS, RDS_SETTING_NAMES, SSL_ENABLED_WIRE, TRUE_SPELLINGS } from "./consts";
import type { RdsLiveSsl, RdsSslInputs } from "./types";

/** The settings the user declared that this engine does not accept (checked before any write). */
export function unsupportedSettings(inputs: RdsSslInputs, engine: string): string[] {
  const allowed = ENGINE_SETTINGS[engine] ?? [];
  return RDS_SETTING_NAMES.filter(
    (name) => name !== "connectionString" && inputs[name] !== undefined && !allowed.includes(name),
  );
}

/** SDK request fields (camelCase model names) for ModifyDBInstanceSSLRequest. */
export function expandModifyRequest(
  inputs: RdsSslInputs,
  action: SslAction,
  live: RdsLiveSsl,
): Record<string, string | number> {
  const request: Record<string, string | number | undefined> = {
    DBInstanceId: inputs.instanceId,
    connectionString: inputs.connectionString ?? live.connectionString,
    SSLEnabled:
      action === "update" && live.engine === "SQLServer"
        ? SSL_ENABLED_WIRE.updateSqlServer
        : SSL_ENABLED_WIRE[action],
  };
  if (action !== "close") {
    Object.assign(request, {
      CAType: inputs.caType,
      serverCert: inputs.serverCert,
      serverKey: inputs.serverKey,
      clientCAEnabled: flag(inputs.clientCaEnabled),
      clientCACert: inputs.clientCaCert,
      clientCrlEnabled: flag(inputs.clientCrlEnabled),
      clientCertRevocationList: inputs.clientCertRevocationList,
      ACL: inputs.acl,
      replicationACL: inputs.replicationAcl,
      forceEncryption:
        inputs.forceEncryption === undefined ? undefined : inputs.forceEncryption ? "1" : "0",
      tlsVersion: inputs.tlsVersion,
    });
  }
  return Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined)) as Record<
    string,
    string | number
  >;
}

function flag(v: boolean | undefined): number | undefined {
  return v === undefined ? undefined : v ? 1 : 0;
}

export interface DescribeAnswers {
  attribute: {
    DBInstanceStatus?: string;
    engine?: string;
    engineVersion?: string;
    connectionString?: string;
  };
  ssl: Record<string, string | undefined>;
}

export function flattenLive({ attribute, ssl }: DescribeAnswers): RdsLiveSsl {
  const enabled = yes(ssl.SSLEnabled);
  return {
    engine: attribute.engine ?? "unknown",
    engineVersion: attribute.engineVersion,
    status: attribute.DBInstanceStatus ?? "unknown",
    sslEnabled: enabled,
    certificateExpiresAt: enabled ? iso(ssl.SSLExpireTime) : undefined,
    requireUpdate: ssl.requireUpdate === undefined ? undefined : yes(ssl.requireUpdate),
    connectionString: ssl.connectionString || attribute.connectionString,
    caType: ssl.CAType || undefined,
    serverCert: ssl.serverCert || undefined,
    serverCaUrl: ssl.serverCAUrl || undefined,
    // DescribeDBInstanceSSL has no ClientCAEnabled/ClientCrlEnabled: a configured PEM means on.
    clientCaEnabled: ssl.clientCACert ? true : enabled && ssl.CAType ? false : undefined,
    clientCaCert: ssl.clientCACert || undefined,
    clientCrlEnabled: ssl.clientCertRevocationList ? true : undefined,
    clientCertRevocationList: ssl.clientCertRevocationList || undefined,
    acl: ssl.ACL || undefined,
    replicationAcl: ssl.replicationACL || undefined,
    forceEncryption: ssl.forceEncryption ? yes(ssl.forceEncryption) : undefined,
    tlsVersion: ssl.tlsVersion || undefined,
    lastModifyStatus: ssl.lastModifyStatus || undefined,
    modifyStatusReason: ssl.modifyStatusReason || undefined,
  };
}

function yes(v: string | undefined): boolean {
  return TRUE_SPELLINGS.includes(String(v ?? "").toLowerCase());
}

function iso(v: string | undefined): string | undefined {
  const t = v ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

/**
 * Declared settings whose live value differs. A setting the cloud does not report (undefined
 * live) is not counted: we cannot see it, so we do not resend it forever.
 */
export function differingSettings(inputs: RdsSslInputs, live: Record<string, unknown>): string[] {
  return RDS_SETTING_NAMES.filter((name) => {
    const want = inputs[name];
    const have = live[name];
    if (want === undefined || have === undefined || name === "serverKey") return false;
    return typeof want === "string" ? !sameText(want, have) : want !== have;
  });
}
