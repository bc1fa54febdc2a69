import type { BaseLiveSsl, BaseSslInputs } from "../core/driver";

/** Plain (resolved) inputs of an RDS v3 `DbSslConfig`. */
export interface RdsV3Inputs extends BaseSslInputs {
  /** The project (tenant) the instance belongs to; from settings when not declared. */
  projectId?: string;
}

/** `GET /v3/{project_id}/instances?id=` `instances[0]`, normalised. */
export interface RdsV3Live extends BaseLiveSsl {
  engine: string;
  engineVersion?: string;
  /** The project the read went to (declared, or resolved from settings). */
  projectId: string;
  /** The `dbssl-change` tag's value, when the instance carries one (change-mark.ts). */
  changeMark?: string;
}

/** The fields of one `instances[]` entry the driver uses (OTC querying_db_instances.rst). */
export interface InstanceRecord {
  id?: string;
  status?: string;
  enable_ssl?: boolean;
  datastore?: { type?: string; version?: string };
  /** Instance tags (querying_db_instances.rst; gophertelekomcloud's `instances.Tags`). */
  tags?: { key?: string; value?: string }[];
}

/** `GET /v3/{project_id}/jobs?id=` `job` (rds_13_0003). */
export interface JobRecord {
  id?: string;
  status?: string;
  /** Percent done while Running, as a string ("60"; "" otherwise; tencent-huawei.md §2). */
  process?: string;
  fail_reason?: string;
}

/** One `tasks[]` entry of `GET /v3/{project_id}/tasklist` (OTC rds_13_0002, Huawei rds_06_0138). */
export interface InstantTaskRecord {
  id?: string;
  name?: string;
  instance_id?: string;
  /** "yyyy-mm-ddThh:mm:ss+0000". */
  create_time?: string;
  status?: string;
  /** Percent done while Running, as a string ("" once Completed or Failed). */
  process?: string;
}
