/**
 * The inputs of `alicloud.rds.DbSslConfig`, described once (core/validation/input-schema.ts): `check`, the
 * generated `args.ts` and the README table come from here. Settings and engines: seed 001
 * ModifyDBInstanceSSL ("supported only when the instance runs PostgreSQL"; ForceEncryption: SQL
 * Server, and MySQL since Terraform PR #9840; TLSVersion: SQL Server).
 */
import { familyInputSchema } from "../../core/validation/inputs";
import type { InputSpec } from "../../core/validation/input-schema";
import { inputsByEngine, secretInputNames } from "../../core/validation/input-schema";
import { RDS_INPUT_FORMATS } from "../formats";
import { ACL_VALUES, CA_TYPES, RDS_DEFAULT_TIMEOUT_MINUTES, TLS_VERSIONS } from "./consts";

const PG_MYSQL = ["PostgreSQL", "MySQL"];
const PG = ["PostgreSQL"];
const pem = (doc: string, engines: readonly string[]) =>
  ({
    type: { kind: "nonEmptyString" } as const,
    doc,
    secret: true,
    engines,
  }) satisfies InputSpec;

/** The family's own settings, in the order ModifyDBInstanceSSL lists them. */
export const RDS_OWN_INPUTS = {
  connectionString: {
    type: { kind: "hostName", example: "rm-uf6wjk5xxxxxxx.mysql.rds.aliyuncs.com" },
    doc: "The endpoint the server certificate is issued for; defaults to the instance's endpoint.",
  },
  caType: {
    type: { kind: "oneOf", values: CA_TYPES },
    doc:
      "Who issues the server certificate: `aliyun`, the cloud (what it uses when this is not " +
      "set), or `custom`, the `serverCert` given here.",
    engines: PG_MYSQL,
  },
  serverCert: pem('PEM server certificate (chain) for `caType: "custom"`.', PG_MYSQL),
  serverKey: pem('PEM private key (not password-protected) for `caType: "custom"`.', PG_MYSQL),
  clientCaEnabled: {
    type: { kind: "boolean" },
    doc: "Trust a client CA (`clientCaCert`).",
    engines: PG,
  },
  clientCaCert: pem("PEM of the CA that issues client certificates.", PG),
  clientCrlEnabled: {
    type: { kind: "boolean" },
    doc: "Check client certificates against a CRL (needs the client CA).",
    engines: PG,
  },
  clientCertRevocationList: pem("PEM X.509 CRL issued by the client CA.", PG),
  acl: {
    type: { kind: "oneOf", values: ACL_VALUES },
    doc: "How clients are verified (needs the client CA).",
    engines: PG,
  },
  replicationAcl: {
    type: { kind: "oneOf", values: ACL_VALUES },
    doc: "How replication clients are verified (needs the client CA).",
    engines: PG,
  },
  forceEncryption: {
    type: { kind: "boolean" },
    doc: "Refuse unencrypted connections.",
    engines: ["MySQL", "SQLServer"],
  },
  tlsVersion: {
    type: { kind: "oneOf", values: TLS_VERSIONS },
    doc: "Minimum TLS version.",
    engines: ["SQLServer"],
  },
} as const satisfies Record<string, InputSpec>;

export const RDS_INPUTS = familyInputSchema(
  RDS_INPUT_FORMATS,
  {
    instanceId: "The RDS instance ID (`rm-...`).",
    region: "Region of the instance; defaults to `alicloud:region`.",
    sslEnabled: "SSL on or off.",
    rotateTrigger: "Change this value to renew the certificate (the cloud's Update action).",
    renewBeforeDays: "Renew when the live certificate expires within this many days.",
    onDelete: "On delete: `retain` leaves SSL as it is; `disable` turns it off (a restart).",
    timeoutMinutes: {
      doc: "How long `up` waits for the cloud, in minutes. Pulumi's customTimeouts do not reach dynamic providers.",
      default: RDS_DEFAULT_TIMEOUT_MINUTES,
    },
  },
  RDS_OWN_INPUTS,
);

export type RdsSettingName = keyof typeof RDS_OWN_INPUTS;

/** The family's own inputs (the driver's `inputNames`), in schema order. */
export const RDS_SETTING_NAMES = Object.keys(RDS_OWN_INPUTS) as readonly RdsSettingName[];

/** Which settings each engine accepts (the schema's `engines`). */
export const ENGINE_SETTINGS: Record<string, readonly string[]> = inputsByEngine(RDS_INPUTS);

/** Certificates, keys and CRLs: secret in inputs and outputs. */
export const RDS_SECRET_NAMES = secretInputNames(RDS_INPUTS);
