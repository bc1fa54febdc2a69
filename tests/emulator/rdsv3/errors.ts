/**
 * RDS v3 error answers: `{"error_code","error_msg"}` with the HTTP status of OTC's error_codes.rst
 * (tencent-huawei.md §2.6); the API gateway adds `request_id` to its own errors.
 */
export class RdsV3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Gateway errors (APIGW.*) carry `request_id` in the body too. */
    readonly gateway = false,
  ) {
    super(message);
  }
}

export const rdsV3Errors = {
  signature: (detail: string) =>
    new RdsV3Error(
      401,
      "APIGW.0301",
      `Incorrect IAM authentication information: ${detail}`,
      {},
      true,
    ),
  throttled: (retryAfterMs: number) =>
    new RdsV3Error(
      429,
      "APIGW.0308",
      "The throttling threshold has been reached.",
      { "retry-after": String(Math.ceil(retryAfterMs / 1000)) },
      true,
    ),
  parameter: (what: string) => new RdsV3Error(400, "DBS.200001", `Parameter error: ${what}`),
  notFound: () => new RdsV3Error(404, "DBS.200002", "The DB instance does not exist."),
  busy: () =>
    new RdsV3Error(
      409,
      "DBS.200019",
      "Another operation is being performed on the DB instance or the DB instance is faulty.",
    ),
  // The code for another engine is not documented; DBS.280343 is a guess (tencent-huawei.md §2.1).
  engine: (engine: string) =>
    new RdsV3Error(400, "DBS.280343", `Operation not allowed by the DB engine (${engine}).`),
  // The answer for an unknown or not yet queryable job is not documented: a 404, code chosen here.
  jobNotFound: () => new RdsV3Error(404, "DBS.280239", "The job does not exist."),
  noRoute: () =>
    new RdsV3Error(404, "APIGW.0101", "The API does not exist or has not been published."),
  // An IAM denial's code is not on the stored pages: 403 with a code chosen here.
  forbidden: (action: string) =>
    new RdsV3Error(403, "DBS.200036", `The user is not authorized to perform ${action}.`),
  internal: () => new RdsV3Error(500, "DBS.108000", "Server failure."),
  unavailable: () => new RdsV3Error(503, "DBS.108005", "Server failure."),
};
