/**
 * Admin HTTP routes for emulated R-KVStore (Tair / Redis) instances. Nothing secret lives in a KVStore
 * SSL state (no PEMs: the cloud issues the certificate), so views are served as they are.
 */
import { AdminError, type AdminRoute } from "../admin-routes";
import type { KvstoreInstanceSeed } from "./kvstore-instances";
import { taskCentreRoutes } from "./other-task";
import type { KvstoreAdmin, KvstoreInstanceView } from "./kvstore-store";

const INSTANCE = /^\/kvstore\/instances\/([^/]+)$/;
const id = (match: RegExpExecArray): string => decodeURIComponent(match[1]);

function found(view: KvstoreInstanceView | undefined, name: string): KvstoreInstanceView {
  if (!view) throw new AdminError(404, `no emulated KVStore instance "${name}"`);
  return view;
}

export function kvstoreAdminRoutes(kvstore: KvstoreAdmin): AdminRoute[] {
  return [
    {
      method: "POST",
      path: /^\/kvstore\/instances$/,
      usage:
        "POST /__admin/kvstore/instances {id, engineVersion?, regionId?, status?, nodeType?: double|single, ssl?: {sslEnabled?, expiresAt?}, timing?: {lagMs?, durationMs?, flipEarly?}, locked?, refuse?: IncorrectEngineVersion|IncorrectCharacterType|EnabledSSLNotSupport, expiryOnUpdate?: unchanged|renewed}",
      handle: ({ body }) => kvstore.seed(body as unknown as KvstoreInstanceSeed),
    },
    {
      method: "GET",
      path: /^\/kvstore\/instances$/,
      usage: "GET /__admin/kvstore/instances",
      handle: () => kvstore.list(),
    },
    {
      method: "GET",
      path: INSTANCE,
      usage: "GET /__admin/kvstore/instances/:id",
      handle: ({ match }) => found(kvstore.get(id(match)), id(match)),
    },
    {
      method: "GET",
      path: /^\/kvstore\/instances\/([^/]+)\/tasks$/,
      usage: "GET /__admin/kvstore/instances/:id/tasks (task center entries, newest first)",
      handle: ({ match }) => kvstore.tasks(id(match)),
    },
    {
      method: "DELETE",
      path: INSTANCE,
      usage: "DELETE /__admin/kvstore/instances/:id (at once, even with a change pending)",
      handle: ({ match }) => ({ deleted: kvstore.delete(id(match)) }),
    },
    {
      method: "POST",
      path: /^\/kvstore\/instances\/([^/]+)\/ssl$/,
      usage:
        "POST /__admin/kvstore/instances/:id/ssl {sslEnabled?, expiresAt?} (console change, at once)",
      handle: ({ match, body }) => kvstore.setSsl(id(match), body),
    },
    {
      method: "POST",
      path: /^\/kvstore\/instances\/([^/]+)\/status$/,
      usage:
        "POST /__admin/kvstore/instances/:id/status {status} (e.g. Changing, Inactive, Normal)",
      handle: ({ match, body }) => kvstore.setStatus(id(match), body.status as string),
    },
    {
      method: "POST",
      path: /^\/kvstore\/instances\/([^/]+)\/lock$/,
      usage: "POST /__admin/kvstore/instances/:id/lock {locked: boolean}",
      handle: ({ match, body }) => {
        if (typeof body.locked !== "boolean") throw new AdminError(400, "locked must be a boolean");
        return kvstore.setLocked(id(match), body.locked);
      },
    },
    ...taskCentreRoutes("kvstore", kvstore),
  ];
}
