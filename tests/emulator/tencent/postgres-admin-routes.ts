/**
 * Admin HTTP routes for emulated TencentDB for PostgreSQL instances, under
 * `/__admin/tencent/postgres/`. No secret is held here (the CA certificate is public material).
 */
import { AdminError, type AdminRoute } from "../admin-routes";
import type { PgInstanceSeed, PgSsl, TaskOutcome } from "./postgres-instances";
import type { ScriptedError, TencentPostgresAdmin } from "./postgres-store";

const BASE = "/tencent/postgres/instances";
const INSTANCE = /^\/tencent\/postgres\/instances\/([^/]+)$/;
const sub = (name: string) => new RegExp(`^/tencent/postgres/instances/([^/]+)/${name}$`);
const id = (match: RegExpExecArray): string => decodeURIComponent(match[1]);

function found<T>(value: T | undefined, name: string): T {
  if (value === undefined)
    throw new AdminError(404, `no emulated Tencent PostgreSQL instance "${name}"`);
  return value;
}

function instanceRoutes(pg: TencentPostgresAdmin): AdminRoute[] {
  return [
    {
      method: "POST",
      path: new RegExp(`^${BASE}$`),
      usage:
        "POST /__admin/tencent/postgres/instances {id, regionId?, status?, addresses?: [{ip, netType?}], cloudDisk?, ssl?: {sslEnabled, connectAddress?}, timing?: {lagMs?, durationMs?, flipEarly?, listLagMs?}, taskOutcome?, taskMessage?}",
      handle: ({ body }) => pg.seed(body as unknown as PgInstanceSeed),
    },
    {
      method: "GET",
      path: new RegExp(`^${BASE}$`),
      usage: "GET /__admin/tencent/postgres/instances",
      handle: () => pg.list(),
    },
    {
      method: "GET",
      path: INSTANCE,
      usage: "GET /__admin/tencent/postgres/instances/:id",
      handle: ({ match }) => found(pg.get(id(match)), id(match)),
    },
    {
      method: "DELETE",
      path: INSTANCE,
      usage: "DELETE /__admin/tencent/postgres/instances/:id",
      handle: ({ match }) => ({ deleted: pg.delete(id(match)) }),
    },
    {
      method: "GET",
      path: sub("tasks"),
      usage: "GET /__admin/tencent/postgres/instances/:id/tasks (newest first)",
      handle: ({ match }) => pg.tasks(id(match)),
    },
  ];
}

/** Changes behind the provider's back, and how the cloud will answer next. */
function behaviourRoutes(pg: TencentPostgresAdmin): AdminRoute[] {
  return [
    {
      method: "POST",
      path: sub("ssl"),
      usage:
        "POST /__admin/tencent/postgres/instances/:id/ssl {sslEnabled?, connectAddress?} (console change)",
      handle: ({ match, body }) => pg.setSsl(id(match), body as Partial<PgSsl>),
    },
    {
      method: "POST",
      path: sub("status"),
      usage: "POST /__admin/tencent/postgres/instances/:id/status {status}",
      handle: ({ match, body }) => {
        if (typeof body.status !== "string") throw new AdminError(400, "status must be a string");
        return pg.setStatus(id(match), body.status);
      },
    },
    {
      method: "POST",
      path: sub("access-denied"),
      usage: "POST /__admin/tencent/postgres/instances/:id/access-denied {denied}",
      handle: ({ match, body }) => pg.setAccessDenied(id(match), body.denied === true),
    },
    {
      method: "POST",
      path: sub("task-outcome"),
      usage:
        "POST /__admin/tencent/postgres/instances/:id/task-outcome {outcome: Success|Fail|Pause|WaitSwitch, message?}",
      handle: ({ match, body }) =>
        pg.setTaskOutcome(
          id(match),
          body.outcome as TaskOutcome,
          typeof body.message === "string" ? body.message : undefined,
        ),
    },
    {
      method: "POST",
      path: sub("switch"),
      usage:
        "POST /__admin/tencent/postgres/instances/:id/switch (the switch window: WaitSwitch tasks land)",
      handle: ({ match }) => ({ switched: pg.switchNow(id(match)) }),
    },
    {
      method: "POST",
      path: /^\/tencent\/postgres\/errors$/,
      usage:
        "POST /__admin/tencent/postgres/errors {code, action?, times?, message?} (next calls answer it)",
      handle: ({ body }) => (pg.failNext(body as unknown as ScriptedError), { queued: true }),
    },
    {
      method: "POST",
      path: /^\/tencent\/postgres\/next-task-id$/,
      usage: "POST /__admin/tencent/postgres/next-task-id {taskId: digits}",
      handle: ({ body }) => (pg.setNextTaskId(String(body.taskId)), { ok: true }),
    },
    {
      method: "POST",
      path: /^\/tencent\/postgres\/rate-limit$/,
      usage: "POST /__admin/tencent/postgres/rate-limit {perSecond}",
      handle: ({ body }) => (pg.setRateLimit(Number(body.perSecond)), { ok: true }),
    },
  ];
}

export function tencentPostgresAdminRoutes(pg: TencentPostgresAdmin): AdminRoute[] {
  return [...instanceRoutes(pg), ...behaviourRoutes(pg)];
}
