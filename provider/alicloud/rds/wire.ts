/**
 * RDS wire mapping: declared inputs -> ModifyDBInstanceSSL parameters (expand), and
 * DescribeDBInstanceAttribute + DescribeDBInstanceSSL answers -> normalised live state (flatten).
 * Parameter names are the SDK model's (`ModifyDbinstanceSslrequest.js` names()).
 */
import type { SslAction } from "../../core/driver";
import { sameText } from "../../core/validation/inputs";
import { sameCertificate, sameCrl } from "../../core/validation/pem";
import {
  RDS_STATUS,
  SSL_ENABLED_WIRE,
  EXPIRED_LOCK,
  TERMINAL_STATUSES,
  TRUE_SPELLINGS,
} from "./consts";
import { ENGINE_SETTINGS, RDS_SETTING_NAMES } from "./schema";
import type { RdsLiveSsl, RdsSslInputs } from "./types";

type SettingName = (typeof RDS_SETTING_NAMES)[number];

/** The settings the user declared that this engine does not accept (checked before any write). */
export function unsupportedSettings(inputs: RdsSslInputs, engine: string): string[] {
  const allowed = ENGINE_SETTINGS[engine] ?? [];
  return RDS_SETTING_NAMES.filter(
    (name) => name !== "connectionString" && inputs[name] !== undefined && !allowed.includes(name),
  );
}

/**
 * Settings that travel together: a certificate needs its key and CA type, a client CA or CRL
 * needs its switch (seed 001: "If you set ClientCAEnabled to 1, you must also specify ...").
 */
const SETTING_GROUPS: readonly (readonly SettingName[])[] = [
  ["caType", "serverCert", "serverKey"],
  ["clientCaEnabled", "clientCaCert"],
  ["clientCrlEnabled", "clientCertRevocationList"],
];

/** The declared settings a reconfigure must send when `changed` differ, with their companions. */
export function settingsToSend(inputs: RdsSslInputs, changed: readonly string[]): SettingName[] {
  const names = new Set<SettingName>();
  for (const name of changed as SettingName[]) {
    const group = SETTING_GROUPS.find((g) => g.includes(name)) ?? [name];
    group.forEach((n) => names.add(n));
  }
  return RDS_SETTING_NAMES.filter((n) => names.has(n) && inputs[n] !== undefined);
}

/**
 * SDK request fields (camelCase model names) for ModifyDBInstanceSSLRequest.
 * open / update send every declared setting with SSLEnabled (SSLEnabled=1 resets CAType to
 * `aliyun` unless given, seed 001). reconfigure sends only `changed` settings and no SSLEnabled
 * (optional per seed 001), so a settings change never swaps the certificate.
 */
export function expandModifyRequest(
  inputs: RdsSslInputs,
  action: SslAction,
  live: RdsLiveSsl,
  changed: readonly string[] = [],
): Record<string, string | number> {
  const request: Record<string, string | number | undefined> = {
    DBInstanceId: inputs.instanceId,
    connectionString: inputs.connectionString ?? live.connectionString,
  };
  if (action !== "reconfigure") {
    request.SSLEnabled =
      action === "update" && live.engine === "SQLServer"
        ? SSL_ENABLED_WIRE.updateSqlServer
        : SSL_ENABLED_WIRE[action];
  }
  if (action !== "close") {
    const names = action === "reconfigure" ? settingsToSend(inputs, changed) : RDS_SETTING_NAMES;
    Object.assign(request, wireSettings(inputs, new Set<string>(names)));
  }
  return Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined)) as Record<
    string,
    string | number
  >;
}

function wireSettings(inputs: RdsSslInputs, names: Set<string>) {
  const pick = <T>(name: SettingName, value: T) => (names.has(name) ? value : undefined);
  return {
    CAType: pick("caType", inputs.caType),
    serverCert: pick("serverCert", inputs.serverCert),
    serverKey: pick("serverKey", inputs.serverKey),
    clientCAEnabled: pick("clientCaEnabled", flag(inputs.clientCaEnabled)),
    clientCACert: pick("clientCaCert", inputs.clientCaCert),
    clientCrlEnabled: pick("clientCrlEnabled", flag(inputs.clientCrlEnabled)),
    clientCertRevocationList: pick("clientCertRevocationList", inputs.clientCertRevocationList),
    ACL: pick("acl", inputs.acl),
    replicationACL: pick("replicationAcl", inputs.replicationAcl),
    forceEncryption: pick(
      "forceEncryption",
      inputs.forceEncryption === undefined ? undefined : inputs.forceEncryption ? "1" : "0",
    ),
    tlsVersion: pick("tlsVersion", inputs.tlsVersion),
  };
}

/** The declared settings that `request` carried (input names), recorded as last applied. */
export function sentSettings(
  inputs: RdsSslInputs,
  action: SslAction,
  changed: readonly string[],
): Record<string, unknown> {
  if (action === "close") {
    // Closing SSL drops every setting: a later open sends them all again.
    return Object.fromEntries(RDS_SETTING_NAMES.map((n) => [n, undefined]));
  }
  const names = action === "reconfigure" ? settingsToSend(inputs, changed) : RDS_SETTING_NAMES;
  return Object.fromEntries(names.map((n) => [n, inputs[n]]));
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
    lockMode?: string;
    lockReason?: string;
  };
  ssl: Record<string, string | undefined>;
}

/** Status and lock mode -> steady / terminal (DescribeDBInstanceAttribute `LockMode`, doc 26315). */
export function instanceCondition(attribute: DescribeAnswers["attribute"]) {
  const status = attribute.DBInstanceStatus ?? "unknown";
  const locked = attribute.lockMode !== undefined && attribute.lockMode !== "Unlock";
  const terminal = locked
    ? `the instance is locked (LockMode ${attribute.lockMode}` +
      `${attribute.lockReason ? `, ${attribute.lockReason}` : ""})`
    : TERMINAL_STATUSES.includes(status)
      ? `the instance is ${status}`
      : undefined;
  // Going away (issue 17.10): deleted, released, shut down, or locked because it expired.
  const ending = locked ? attribute.lockMode === EXPIRED_LOCK : TERMINAL_STATUSES.includes(status);
  return { status, steady: status === RDS_STATUS.running && !terminal, terminal, ending };
}

export function flattenLive({ attribute, ssl }: DescribeAnswers): RdsLiveSsl {
  const enabled = yes(ssl.SSLEnabled);
  return {
    ...instanceCondition(attribute),
    engine: attribute.engine ?? "unknown",
    engineVersion: attribute.engineVersion,
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
 * Declared settings that differ from the instance. Where the cloud shows the setting, its live
 * value counts; where it does not (DescribeDBInstanceSSL echoes a setting only for some
 * engines, see the SDK's DescribeDBInstanceSSLResponseBody comments), the value last sent
 * (`applied`, the stored outputs) counts, so a declared change is never silently skipped.
 */
export function differingSettings(
  inputs: RdsSslInputs,
  live: Record<string, unknown>,
  applied: Record<string, unknown>,
): string[] {
  return RDS_SETTING_NAMES.filter((name) => {
    const want = inputs[name];
    if (want === undefined) return false;
    const have = live[name] ?? applied[name];
    if (have === undefined) return true;
    return typeof want === "string" ? !sameSetting(name, want, have) : want !== have;
  });
}

/**
 * Certificates and CRLs compare by DER, not text: the cloud returns PEM re-wrapped, with other
 * line ends, or only the leaf of a declared chain.
 */
function sameSetting(name: SettingName, want: string, have: unknown): boolean {
  if (name === "serverCert" || name === "clientCaCert") return sameCertificate(want, have);
  if (name === "clientCertRevocationList") return sameCrl(want, have);
  return sameText(want, have);
}
