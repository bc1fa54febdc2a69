/**
 * RDS v3 constants shared by Open Telekom Cloud and Huawei Cloud. Seed 004 ("Configuring SSL",
 * rds_05_0017: `PUT /v3/{project_id}/instances/{instance_id}/ssl`, body `{"ssl_option": bool}`);
 * statuses, jobs and error codes: tencent-huawei.md §2.2, §2.3, §2.6.
 */

/** Instance status that accepts a write (seed 004 "Constraints": not while creating, rebooting, ...). */
export const ACTIVE = "ACTIVE";

/**
 * Statuses an instance does not leave by waiting (OTC querying_db_instances.rst): a write would be
 * refused, so `up` fails at once. `FAILED` is an instance fault the Huawei provider also surfaces
 * as an error (tencent-huawei.md §2.8); `SHUTDOWN` is a stopped instance; `FROZEN` is Huawei's
 * state for an account in arrears.
 */
export const TERMINAL_STATUSES: readonly string[] = [
  "FAILED",
  "CREATE FAIL",
  "SHUTDOWN",
  "FROZEN",
  "DELETING",
  "DELETED",
];

/**
 * Terminal statuses where a `destroy` has nothing to protect: the instance is going away
 * (`DELETING`/`DELETED`: Huawei's status pages list "Deleted"; the API spelling is an inference),
 * is shut down, or is frozen for arrears (its SSL setting cannot change either way). A delete there
 * succeeds without a write (issue 17 item 10). `FAILED` is not here: a faulty instance may recover
 * with SSL as it was, so its delete still fails, naming the state.
 */
export const NOTHING_TO_PROTECT_STATUSES: readonly string[] = [
  "SHUTDOWN",
  "FROZEN",
  "DELETING",
  "DELETED",
  "CREATE FAIL",
];

/** Job statuses of `GET /v3/{project_id}/jobs?id=` (rds_13_0003). */
export const JOB_STATUS = { running: "Running", completed: "Completed", failed: "Failed" } as const;

/**
 * No documented duration: OTC's Terraform waits its create timeout, Huawei's polls every 10 s
 * (tencent-huawei.md §2.8, §2.9). 30 minutes, as for Alibaba RDS (ARCHITECTURE §3.5, inference).
 */
export const RDSV3_DEFAULT_TIMEOUT_MINUTES = 30;

/**
 * The waiter's prior per action (docs/BENCHMARKS.md). Neither cloud documents how long the SSL
 * switch's reboot takes (seed 004 and tencent-huawei.md §2.3 say only that it reboots), so this
 * is the emulator's observed duration (tests/emulator/rdsv3: 12 s before the reboot, 60 s of
 * reboot), not a cloud's figure.
 * PLACEHOLDER until a real change is timed: the first change of this family measured in a
 * process replaces it there (core/lifecycle/learned-durations.ts), and a resource's own
 * `lastChangeSeconds` replaces it for that resource's next change.
 */
export const RDSV3_PLACEHOLDER_PRIOR_MS = { open: 72_000, close: 72_000 } as const;

/**
 * A job cannot be queried at first ("it takes several seconds to query the job ID", rds_13_0003,
 * tencent-huawei.md §2.3): the first poll after a PUT that answered a job id comes this long after
 * it. Huawei's Terraform provider waits the same before its first job poll (§2.8: 10 s delay).
 */
export const RDSV3_JOB_QUERYABLE_AFTER_MS = 10_000;

/**
 * Without a job, a steady instance showing the target counts only after this long: OTC's PUT may
 * leave the status ACTIVE throughout (OTC provider PR #2049), and the flag can flip before the
 * reboot. Longer than the emulator's default lag before the reboot (inference).
 */
export const RDSV3_SETTLE_GRACE_MS = 120_000;

/** The only engine whose SSL the API toggles (Huawei doc "supported only for RDS for MySQL"). */
export const TOGGLE_ENGINE = "MySQL";

/** Outputs beyond the shared ones, seeded by the resource classes. */
export const RDSV3_OUTPUTS = ["projectId", "engine", "engineVersion", "instanceStatus"] as const;

/** Answer of 401 from the API gateway for a bad AK/SK signature (tencent-huawei.md §2.4). */
export const AUTH_CODES = ["APIGW.0301", "APIGW.0303", "APIGW.0101", "DBS.280056"];

/**
 * "Another operation is being performed on the DB instance" (409, OTC error_codes.rst) and the rest
 * of terraform-provider-huaweicloud's `retryErrCodes` (services/rds/common.go), plus DBS.201014
 * "not allowed by the DB instance status" and DBS.280036 "instance not ready" (500): the request
 * was refused before it ran. DBS.280343 is left out on purpose: it reads "operation not allowed by
 * the DB engine", which waiting does not fix; engines are checked before any write instead.
 */
export const BUSY_CODES = [
  "DBS.200011",
  "DBS.200018",
  "DBS.200019",
  "DBS.200047",
  "DBS.200076",
  "DBS.200080",
  "DBS.200452",
  "DBS.200463",
  "DBS.200611",
  "DBS.201014",
  "DBS.201015",
  "DBS.201202",
  "DBS.201206",
  "DBS.212006",
  "DBS.212033",
  "DBS.280011",
  "DBS.280036",
  "DBS.280816",
  "DBS.01010337",
  "DBS.01280030",
];

/** The instance does not exist (404, OTC error_codes.rst). */
export const NOT_FOUND_CODES = ["DBS.200002"];
