/**
 * Admin HTTP routes for emulated RDS instances. Certificates, keys and CRLs are shown only by length:
 * whatever leaves the process may end up in a log.
 */
import { AdminError, type AdminRoute } from "../admin-routes";
import type { RdsInstanceSeed, RdsSslPatch } from "./rds-instances";
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
        "POST /__admin/rds/instances {id, engine: MySQL|PostgreSQL|SQLServer, regionId?, connectionString?, status?, ssl?, timing?}",
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
      method: "DELETE",
      path: INSTANCE,
      usage: "DELETE /__admin/rds/instances/:id",
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
      usage: "POST /__admin/rds/instances/:id/status {status}",
      handle: ({ match, body }) => {
        if (typeof body.status !== "string") throw new AdminError(400, "status must be a string");
        return redactInstanceView(rds.setStatus(id(match), body.status));
      },
    },
  ];
}

export function rdsAdminRoutes(rds: RdsAdmin): AdminRoute[] {
  return [...instanceRoutes(rds), ...outOfBandRoutes(rds)];
}
