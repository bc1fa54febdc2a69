/**
 * Admin HTTP routes for emulated RDS instances. Certificates, keys and CRLs are shown only by length:
 * whatever leaves the process may end up in a log.
 */
import { AdminError, type AdminRoute } from "../admin-routes";
import { taskCentreRoutes } from "./other-task";
import type { PemEcho } from "./pem-echo";
import type { RdsBusyCode, RdsInstanceSeed, RdsLockMode, RdsSslPatch } from "./rds-instances";
import type { RdsAdmin, RdsInstanceView, RdsSslView } from "./rds-store";

const SECRET_FIELDS = [
  "serverCert",
  "serverKey",
  "clientCaCert",
  "clientCertRevocationList",
] as const;

function redactSsl(ssl: RdsSslView): RdsSslView {
  const copy: RdsSslView = { ...ssl };
  for (const field of SECRET_FIELDS) {
    const value = copy[field];
    if (value !== undefined) copy[field] = `<redacted ${value.length} chars>`;
  }
  return copy;
}

export function redactInstanceView(view: RdsInstanceView): RdsInstanceView {
  return {
    ...view,
    ssl: redactSsl(view.ssl),
    pending: view.pending && { ...view.pending, target: redactSsl(view.pending.target) },
  };
}

function found(view: RdsInstanceView | undefined, id: string): RdsInstanceView {
  if (!view) throw new AdminError(404, `no emulated RDS instance "${id}"`);
  return redactInstanceView(view);
}

const INSTANCE = /^\/rds\/instances\/([^/]+)$/;

const id = (match: RegExpExecArray): string => decodeURIComponent(match[1]);

function instanceRoutes(rds: RdsAdmin): AdminRoute[] {
  return [
    {
      method: "POST",
      path: /^\/rds\/instances$/,
      usage:
        "POST /__admin/rds/instances {id, engine: MySQL|PostgreSQL|SQLServer, regionId?, connectionString?, status?, ssl?, timing?: {lagMs?, durationMs?, flipEarly?}, lockMode?, lockReason?, busyCode?, pemEcho?: {wrap?, lineEnding?, chain?}}",
      handle: ({ body }) => redactInstanceView(rds.seed(body as unknown as RdsInstanceSeed)),
    },
    {
      method: "GET",
      path: /^\/rds\/instances$/,
      usage: "GET /__admin/rds/instances",
      handle: () => rds.list().map(redactInstanceView),
    },
    {
      method: "GET",
      path: INSTANCE,
      usage: "GET /__admin/rds/instances/:id",
      handle: ({ match }) => found(rds.get(id(match)), id(match)),
    },
    {
      method: "GET",
      path: /^\/rds\/instances\/([^/]+)\/tasks$/,
      usage: "GET /__admin/rds/instances/:id/tasks (task center entries, newest first)",
      handle: ({ match }) => rds.tasks(id(match)),
    },
    {
      method: "DELETE",
      path: INSTANCE,
      usage: "DELETE /__admin/rds/instances/:id (at once, even with a change pending)",
      handle: ({ match }) => ({ deleted: rds.delete(id(match)) }),
    },
  ];
}

/** Changes made behind the provider's back, as a console user or the cloud itself would. */
function outOfBandRoutes(rds: RdsAdmin): AdminRoute[] {
  return [
    {
      method: "POST",
      path: /^\/rds\/instances\/([^/]+)\/ssl$/,
      usage:
        "POST /__admin/rds/instances/:id/ssl {sslEnabled?, caType?, expiresAt?, ...} (applied at once)",
      handle: ({ match, body }) => redactInstanceView(rds.setSsl(id(match), body as RdsSslPatch)),
    },
    {
      method: "POST",
      path: /^\/rds\/instances\/([^/]+)\/status$/,
      usage:
        "POST /__admin/rds/instances/:id/status {status, busyCode?: IncorrectDBInstanceState|OperationDenied.DBInstanceStatus}",
      handle: ({ match, body }) => {
        if (typeof body.status !== "string") throw new AdminError(400, "status must be a string");
        const busyCode = optionalString(body, "busyCode") as RdsBusyCode | undefined;
        return redactInstanceView(rds.setStatus(id(match), body.status, { busyCode }));
      },
    },
  ];
}

/** States a user meets: a locked instance, a failed earlier change, the cloud's PEM wrapping. */
function instanceStateRoutes(rds: RdsAdmin): AdminRoute[] {
  return [
    {
      method: "POST",
      path: /^\/rds\/instances\/([^/]+)\/lock$/,
      usage:
        "POST /__admin/rds/instances/:id/lock {lockMode: Unlock|ManualLock|LockByExpiration|..., lockReason?}",
      handle: ({ match, body }) => {
        const lockMode = optionalString(body, "lockMode") as RdsLockMode | undefined;
        if (lockMode === undefined) throw new AdminError(400, "lockMode must be a string");
        const view = rds.setLock(id(match), lockMode, optionalString(body, "lockReason"));
        return redactInstanceView(view);
      },
    },
    {
      method: "POST",
      path: /^\/rds\/instances\/([^/]+)\/failed-change$/,
      usage:
        "POST /__admin/rds/instances/:id/failed-change {reason?} (stale LastModifyStatus=failed)",
      handle: ({ match, body }) =>
        redactInstanceView(rds.leaveFailedChange(id(match), optionalString(body, "reason"))),
    },
    {
      method: "POST",
      path: /^\/rds\/instances\/([^/]+)\/pem-echo$/,
      usage:
        "POST /__admin/rds/instances/:id/pem-echo {wrap?: asSent|fold64|fold76|oneLine, lineEnding?: lf|crlf, chain?: full|leafOnly}",
      handle: ({ match, body }) =>
        redactInstanceView(rds.setPemEcho(id(match), body as Partial<PemEcho>)),
    },
  ];
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value !== undefined && typeof value !== "string") {
    throw new AdminError(400, `${name} must be a string`);
  }
  return value;
}

export function rdsAdminRoutes(rds: RdsAdmin): AdminRoute[] {
  return [
    ...instanceRoutes(rds),
    ...outOfBandRoutes(rds),
    ...instanceStateRoutes(rds),
    ...taskCentreRoutes("rds", rds),
  ];
}
