/** Admin HTTP routes for emulated MongoDB (DDS) instances (no secrets: DDS SSL has no PEM inputs). */
import { AdminError, type AdminRoute } from "../admin-routes";
import type { DdsInstanceSeed, DdsLockMode } from "./dds-instances";
import { taskCentreRoutes } from "./other-task";
import { UnknownDdsInstanceError, type DdsAdmin, type DdsSslPatch } from "./dds-store";

const INSTANCE = /^\/dds\/instances\/([^/]+)$/;
const id = (match: RegExpExecArray): string => decodeURIComponent(match[1]);

/** Runs an admin operation; an unknown instance is a 404. */
function guarded<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof UnknownDdsInstanceError) throw new AdminError(404, error.message);
    throw error;
  }
}

function stringField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== "string") throw new AdminError(400, `${name} must be a string`);
  return value;
}

export function ddsAdminRoutes(dds: DdsAdmin): AdminRoute[] {
  return [
    {
      method: "POST",
      path: /^\/dds\/instances$/,
      usage:
        "POST /__admin/dds/instances {id, instanceType?: replicate|sharding, engineVersion?, storageType?, singleNode?, regionId?, status?, ssl?: {open?, expiresAt?, forceEncryption?}, timing?, lockMode?, maintainStartTime?: HH:mmZ, refuseModify?}",
      handle: ({ body }) => dds.seed(body as unknown as DdsInstanceSeed),
    },
    {
      method: "GET",
      path: /^\/dds\/instances$/,
      usage: "GET /__admin/dds/instances",
      handle: () => dds.list(),
    },
    {
      method: "GET",
      path: INSTANCE,
      usage: "GET /__admin/dds/instances/:id",
      handle: ({ match }) => {
        const view = dds.get(id(match));
        if (!view) throw new AdminError(404, `no emulated MongoDB instance "${id(match)}"`);
        return view;
      },
    },
    {
      method: "GET",
      path: /^\/dds\/instances\/([^/]+)\/tasks$/,
      usage: "GET /__admin/dds/instances/:id/tasks (task center entries, newest first)",
      handle: ({ match }) => dds.tasks(id(match)),
    },
    {
      method: "DELETE",
      path: INSTANCE,
      usage: "DELETE /__admin/dds/instances/:id (at once, even with a change pending)",
      handle: ({ match }) => ({ deleted: dds.delete(id(match)) }),
    },
    {
      method: "POST",
      path: /^\/dds\/instances\/([^/]+)\/ssl$/,
      usage:
        "POST /__admin/dds/instances/:id/ssl {open?, expiresAt?, forceEncryption?} (console change, at once)",
      handle: ({ match, body }) => guarded(() => dds.setSsl(id(match), body as DdsSslPatch)),
    },
    {
      method: "POST",
      path: /^\/dds\/instances\/([^/]+)\/status$/,
      usage: "POST /__admin/dds/instances/:id/status {status}",
      handle: ({ match, body }) =>
        guarded(() => dds.setStatus(id(match), stringField(body, "status"))),
    },
    {
      method: "POST",
      path: /^\/dds\/instances\/([^/]+)\/lock$/,
      usage:
        "POST /__admin/dds/instances/:id/lock {lockMode: Unlock|ManualLock|LockByExpiration|...}",
      handle: ({ match, body }) =>
        guarded(() => dds.setLock(id(match), stringField(body, "lockMode") as DdsLockMode)),
    },
    ...taskCentreRoutes("dds", dds),
  ];
}
